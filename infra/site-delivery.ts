/**
 * What residents' browsers talk to: one CloudFront distribution on one origin name, behind the AWS WAF
 * web ACL (edge-protection.ts). `/assets/*` (styles, scripts, images built from web/) comes from a
 * private S3 bucket; everything else goes, uncached and with the viewer's headers, cookies and query
 * string, to the HTTP API. When API Gateway itself answers (its stage throttle's 429, its own 503 or
 * 504), a Lambda@Edge function on the origin response (busy-answer.ts) gives residents the platform's
 * "service is busy" page with Retry-After instead of the gateway's bare JSON; the app's own answers
 * pass through. If that function or the API's integration breaks (502), CloudFront shows the same page
 * from the bucket.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AssetsUpload } from './assets-upload.js';
import { SERVICE_BUSY_FILE, SERVICE_BUSY_PATH } from './busy-pages.js';

export const ASSETS_PATH = '/assets/*';
/** The header CloudFront writes the viewer's address into (CLIENT_ADDRESS_HEADER for the functions). */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';
/** The API's OpenAPI document: built at synth from every capability's routes, served from S3 (no Lambda). */
export const OPENAPI_PATH = '/api/openapi.json';
/**
 * Statuses CloudFront itself replaces with the busy page from the bucket. Its custom error pages are per
 * status for the whole distribution (and cannot take 429), so only 502 is replaced: the app never sends
 * it, while its own 429 and 503 carry Retry-After and must reach people as they are. Not cached: a
 * fault is retried at once.
 */
export const bucketBusyStatuses = [502] as const;

export interface SiteDeliveryProps {
  /** Host name of the HTTP API (`<id>.execute-api.<region>.amazonaws.com`). */
  apiDomainName: string;
  /** The built static assets (web/dist); uploaded under `assets/`. */
  webAssetsDirectory: string;
  openApiDocument: unknown;
  /** Sent to the API with every request (x-origin-verify), so the app can trust the viewer address header. */
  originVerifySecret: string;
  /** The site's own domain and its us-east-1 certificate; without them the CloudFront domain is used. */
  customDomain?: { domainName: string; certificateArn: string };
  /** The AWS WAF web ACL (scope CLOUDFRONT, in us-east-1) in front of the distribution. */
  webAclArn: string;
  /** The "service is busy" page (busy-pages.ts), uploaded to SERVICE_BUSY_PATH. */
  serviceBusyPage: string;
  /** The Lambda@Edge version (us-east-1) that turns the gateway's own busy answers into that page. */
  busyAnswer: lambda.IVersion;
}

export class SiteDelivery extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly assetsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SiteDeliveryProps) {
    super(scope, id);

    this.assetsBucket = new s3.Bucket(this, 'Assets', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'HSTS everywhere; baseline headers where the app does not set its own',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        // The app's own values (hono secureHeaders) win for pages; these cover the static assets.
        // No Content-Security-Policy here: it belongs with the pages that know what they load.
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: false },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: false },
      },
    });

    // The viewer's address, for rate limits: written by CloudFront itself, over anything the client sent.
    const viewerAddress = new cloudfront.Function(this, 'ViewerAddress', {
      comment: 'Puts the viewer address in x-viewer-address, replacing any value the client sent',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        `function handler(event) { event.request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip }; return event.request; }`,
      ),
    });

    const apiOrigin = new origins.HttpOrigin(props.apiDomainName, {
      customHeaders: { 'x-origin-verify': props.originVerifySecret },
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Public engagement site',
      webAclId: props.webAclArn,
      errorResponses: bucketBusyStatuses.map((status) => ({
        httpStatus: status,
        responseHttpStatus: status,
        responsePagePath: SERVICE_BUSY_PATH,
        ttl: Duration.seconds(0),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Residents are in the UK: edge locations in Europe and North America are enough.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: apiOrigin,
        functionAssociations: [{ function: viewerAddress, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        edgeLambdas: [{ functionVersion: props.busyAnswer, eventType: cloudfront.LambdaEdgeEventType.ORIGIN_RESPONSE }],
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        // Everything the viewer sent (cookies, query string, headers) except Host, which must name the API.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        // Stored as assets/api/openapi.json: the origin path maps /api/openapi.json onto it.
        [OPENAPI_PATH]: {
          origin: origins.S3BucketOrigin.withOriginAccessControl(this.assetsBucket, { originPath: '/assets' }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
        [ASSETS_PATH]: {
          origin: origins.S3BucketOrigin.withOriginAccessControl(this.assetsBucket),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
    });

    new AssetsUpload(this, 'AssetsUpload', {
      directory: props.webAssetsDirectory,
      bucket: this.assetsBucket,
      distribution: this.distribution,
      pathPatterns: [ASSETS_PATH, OPENAPI_PATH],
      jsonFiles: { 'api/openapi.json': props.openApiDocument },
      textFiles: { [SERVICE_BUSY_FILE]: props.serviceBusyPage },
    });

    this.acknowledgeFindings(Boolean(props.customDomain));
  }

  /** cdk-nag findings accepted for this part of the stack, each with its reason. */
  private acknowledgeFindings(hasCustomDomain: boolean): void {
    Validations.of(this.assetsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only public, non-personal build output (CSS, JS, images) that CloudFront reads through ' +
        'Origin Access Control; nothing else can read or write it. Per-object access logs would record readers\' ' +
        'IP addresses for no investigative value.',
    });
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'Every request that reaches data passes through the HTTP API, whose stage writes an access log (90 days: ' +
        'time, route, status, latency, errors). The rest is public static assets; logging those as well would mainly ' +
        'add residents\' IP addresses to keep.',
    });
    distribution.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A public consultation site: residents may take part from anywhere (e.g. while abroad), so no country is blocked.',
    });
    if (!hasCustomDomain) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose security policy ' +
          'CloudFront fixes at TLSv1. Setting the domainName and certificateArn context values enforces TLSv1.2_2021.',
      });
    }
  }
}
