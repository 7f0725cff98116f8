/**
 * One Lambda function with exactly the permissions it needs: write to its own log group, read and
 * write items in the table, and (the delivery functions only) send email as the configured sender. Its role is built
 * here rather than by CDK so that no AWS-managed policy (with its account-wide log rights) is attached.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { BUILT_MANIFESTS } from '../functions/core/platform.js';
import { functionBuild } from './function-bundling.js';
import type { EngagementTable } from './table.js';

/** The CloudWatch namespace of the metrics the functions publish (Powertools, embedded metric format). */
export const METRICS_NAMESPACE = 'Engagement';

/** What every capability function shares: configuration and the resources it may use. */
export interface FunctionSurroundings {
  /** The environment functions/core/config.ts reads. */
  environment: Record<string, string>;
  /** Every capability's manifest as JSON (core/platform.ts `manifestsForBuild`): built into each function as data. */
  manifests: string;
  table: EngagementTable;
}

export interface CapabilityFunctionProps extends FunctionSurroundings {
  entry: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  /** Asynchronous (scheduled) invocations: how often Lambda retries a failed run. */
  retryAttempts?: number;
  /** Only the capabilities' delivery functions send email. */
  sendEmail?: iam.PolicyStatement;
  /** Its name in logs and metrics (POWERTOOLS_SERVICE_NAME). */
  serviceName: string;
  /** Asynchronous invocations that failed after every retry go here. */
  deadLetterQueue?: sqs.IQueue;
  /** Files (paths under the repository) copied beside the bundle, for code that reads them at run time (the reports' WebAssembly and fonts). */
  besideBundle?: readonly string[];
}

export class CapabilityFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CapabilityFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    const role = (this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${id}`,
    }));
    logGroup.grantWrite(role);
    props.table.grantItemAccess(role);
    if (props.sendEmail) role.addToPrincipalPolicy(props.sendEmail);

    this.function = new NodejsFunction(this, 'Function', {
      ...functionBuild,
      // The platform's manifests are a constant in the bundle: the navigation, the privacy notice and the
      // rest of what one capability shows of the others come from data, not from their modules.
      bundling: {
        ...functionBuild.bundling,
        define: { [BUILT_MANIFESTS]: props.manifests },
        ...(props.besideBundle?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => props.besideBundle!.map((file) => `cp "${inputDir}/${file}" "${outputDir}/"`),
              },
            }
          : {}),
      },
      entry: props.entry,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      retryAttempts: props.retryAttempts,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      role,
      logGroup,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
    });
  }
}
