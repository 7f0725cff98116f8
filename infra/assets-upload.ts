/**
 * Puts the built web assets (web/dist) into the assets bucket under `assets/` on every deploy and
 * clears CloudFront's cached copies. It is CDK's BucketDeployment (a Lambda-backed custom resource),
 * given its own role so it can write to its log group only, not an AWS-managed policy.
 */
import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface AssetsUploadProps {
  directory: string;
  bucket: s3.Bucket;
  distribution: cloudfront.Distribution;
  /** URL path patterns whose cached copies are invalidated on deploy, e.g. `/assets/*`. */
  pathPatterns: string[];
  /** Generated JSON files to upload beside the assets, by path under `assets/`. */
  jsonFiles?: Record<string, unknown>;
  /** Generated text files (e.g. HTML pages), by path under `assets/`; the content type follows the extension. */
  textFiles?: Record<string, string>;
}

export class AssetsUpload extends Construct {
  constructor(scope: Construct, id: string, props: AssetsUploadProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built web assets into the assets bucket on deploy',
    });
    logGroup.grantWrite(role);

    new s3deploy.BucketDeployment(this, 'Deployment', {
      // Build bookkeeping (web/build.ts's fingerprint, half-written temporary files) stays local.
      sources: [
        s3deploy.Source.asset(props.directory, { exclude: ['.*', '*.tmp'] }),
        ...Object.entries(props.jsonFiles ?? {}).map(([key, data]) => s3deploy.Source.jsonData(key, data)),
        ...Object.entries(props.textFiles ?? {}).map(([key, data]) => s3deploy.Source.data(key, data)),
      ],
      destinationBucket: props.bucket,
      destinationKeyPrefix: 'assets/',
      cacheControl: [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.hours(1))],
      distribution: props.distribution,
      distributionPaths: props.pathPatterns,
      memoryLimit: 512,
      logGroup,
      role,
    });

    acknowledgeFindings(this, role, props.bucket);
  }
}

/** cdk-nag findings on CDK's own upload function, accepted with the reasons. */
function acknowledgeFindings(scope: Construct, role: iam.Role, bucket: s3.Bucket): void {
  const stack = Stack.of(scope);
  // The handler is a singleton at stack level, shared by every BucketDeployment in the stack.
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (handler) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        "CDK's BucketDeployment handler runs on the Python runtime aws-cdk-lib chooses; " +
        'it moves forward with aws-cdk-lib upgrades.',
    });
  }

  const reason =
    "CDK's BucketDeployment grants: read the uploaded zip from the CDK assets bucket, replace objects in this " +
    "stack's assets bucket (object-level wildcards within those two buckets only), and invalidate the CloudFront " +
    'cache (CDK grants the invalidation actions on *). The function runs only during deployments.';
  const agnostic = Token.isUnresolved(stack.region);
  const region = agnostic ? '<AWS::Region>' : stack.region;
  const partition = agnostic ? '<AWS::Partition>' : stack.partition;
  const qualifier = stack.synthesizer.bootstrapQualifier ?? 'hnb659fds';
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  for (const finding of [
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    `Resource::arn:${partition}:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-${region}/*`,
    `Resource::<${bucketId}.Arn>/*`,
    'Resource::*',
  ]) {
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}
