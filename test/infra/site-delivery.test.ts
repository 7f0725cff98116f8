/**
 * CloudFront: `/assets/*` from the private bucket, everything else uncached to the HTTP API with the
 * viewer's headers (except Host), cookies and query string; HTTPS only, security headers.
 * With a custom domain, the site URL everywhere follows it.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { synthesize } from './synthesize.js';

/** AWS-managed CloudFront policies, by their fixed ids. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let template: Template;
let distribution: Record<string, any>;
beforeAll(() => {
  ({ template } = synthesize());
  distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
});

describe('site delivery', () => {
  test('/assets/* comes from S3 through Origin Access Control, cached', () => {
    const assets = distribution.CacheBehaviors.find((b: any) => b.PathPattern === '/assets/*');
    expect(assets).toMatchObject({ CachePolicyId: CACHING_OPTIMIZED, ViewerProtocolPolicy: 'redirect-to-https' });
    const origin = distribution.Origins.find((o: any) => o.Id === assets.TargetOriginId);
    expect(origin.S3OriginConfig).toBeDefined();
    expect(origin.OriginAccessControlId).toBeDefined();
  });

  test('everything else goes to the HTTP API, uncached, with all viewer headers except Host', () => {
    const api = distribution.DefaultCacheBehavior;
    expect(api).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    const origin = distribution.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(origin.DomainName)).toMatch(/ApiEndpoint/);
  });

  test('responses carry HSTS and nosniff', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true, IncludeSubdomains: true }),
          ContentTypeOptions: { Override: true },
        }),
      },
    });
  });

  test('the assets bucket is private, encrypted and refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
    const policy = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(policy).toContain('"aws:SecureTransport":"false"');
  });

  test('the built assets are uploaded under assets/ and the CDN cache is cleared for them', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: 'assets/',
      DistributionPaths: ['/assets/*', '/api/openapi.json'],
    });
  });

  test('the OpenAPI document is a static file from S3 at /api/openapi.json, not a Lambda', () => {
    const config = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    const behaviour = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/openapi.json');
    expect(behaviour).toBeDefined();
    const origin = config.Origins.find((o: { Id: string }) => o.Id === behaviour.TargetOriginId);
    expect(origin.S3OriginConfig).toBeDefined();
    expect(origin.OriginPath).toBe('/assets');
    // Uploaded as assets/api/openapi.json beside the built assets (and the busy page, edge-protection.test.ts).
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]!.Properties;
    expect(deployment.SourceObjectKeys.length).toBe(3);
    expect(JSON.stringify(deployment.SourceMarkers ?? deployment)).toContain('api/openapi.json');
  });
});

describe('with a custom domain', () => {
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b6a2c1e-1f2d-4c3b-9a8e-1234567890ab';
  let custom: Template;
  beforeAll(() => {
    ({ template: custom } = synthesize({ context: { domainName: 'engagement.example.gov.uk', certificateArn } }));
  });

  test('CloudFront answers on it with TLS 1.2 or newer', () => {
    custom.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['engagement.example.gov.uk'],
        ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
  });

  test('links in emails and the sign-in callback use it', () => {
    custom.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: 'https://engagement.example.gov.uk' }) },
    });
    custom.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://engagement.example.gov.uk/sign-in/callback'],
    });
  });
});
