/**
 * Everything the platform runs in AWS, in one stack. The wiring order follows the requests:
 * CloudFront → HTTP API → a Lambda per capability → the table (and SES, and Cognito for staff).
 *
 * The site's own URL is needed by the functions (links in emails) and by Cognito (where sign-in
 * returns to), while CloudFront needs the API. That is not a cycle because CloudFront depends only on
 * the API resource itself, not on its routes; the routes and their authorizer are added last.
 */
import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DEFAULT_CAPABILITY, gatewayRoutes } from '../functions/core/http/gateway-routes.js';
import { openApiDocument } from '../functions/core/http/openapi.js';
import type { LoadedCapability } from '../functions/platform.js';
import { CapabilityFunctions } from './capability-functions.js';
import { sendEmailAsSender } from './email-sending.js';
import { PublicApi } from './public-api.js';
import type { DeploymentSettings } from './settings.js';
import { SiteDelivery, VIEWER_ADDRESS_HEADER } from './site-delivery.js';
import { StaffSignIn } from './staff-sign-in.js';
import { EngagementTable } from './table.js';

export interface EngagementStackProps extends StackProps {
  settings: DeploymentSettings;
  capabilities: readonly LoadedCapability[];
  /** The built static assets (web/dist). */
  webAssetsDirectory: string;
}

export class EngagementStack extends Stack {
  readonly data: EngagementTable;
  readonly api: PublicApi;
  readonly site: SiteDelivery;
  readonly staffSignIn: StaffSignIn;
  readonly functions: CapabilityFunctions;

  constructor(scope: Construct, id: string, props: EngagementStackProps) {
    super(scope, id, props);
    const { settings, capabilities } = props;

    this.data = new EngagementTable(this, 'Data');
    this.api = new PublicApi(this, 'Api');
    // Values unique to this deployment, known only to it: CloudFront's proof to the API, the salt
    // rate-limit counters hash addresses with, and the key page cursors are signed with (the stack's
    // own id, fixed for its life).
    const stackUuid = Fn.select(2, Fn.split('/', this.stackId));
    const originVerifySecret = Fn.join('-', ['origin', stackUuid]);
    const rateLimitSalt = Fn.join('-', ['rate', stackUuid]);
    const cursorSecret = Fn.join('-', ['cursor', stackUuid]);

    this.site = new SiteDelivery(this, 'Site', {
      apiDomainName: this.api.domainName,
      originVerifySecret,
      webAssetsDirectory: props.webAssetsDirectory,
      openApiDocument: openApiDocument(
        capabilities.flatMap((cap) => cap.api),
        { organisationName: settings.organisationName },
      ),
      ...(settings.domainName && settings.certificateArn
        ? { customDomain: { domainName: settings.domainName, certificateArn: settings.certificateArn } }
        : {}),
    });
    const siteUrl = `https://${settings.domainName ?? this.site.distribution.distributionDomainName}`;

    this.staffSignIn = new StaffSignIn(this, 'StaffSignIn', {
      siteUrl,
      organisationName: settings.organisationName,
      cognitoDomainPrefix: settings.cognitoDomainPrefix,
    });

    this.functions = new CapabilityFunctions(this, 'Capabilities', {
      capabilities,
      table: this.data,
      sendEmail: sendEmailAsSender(this, settings.senderAddress),
      environment: {
        TABLE_NAME: this.data.table.tableName,
        SENDER_ADDRESS: settings.senderAddress,
        ORGANISATION_NAME: settings.organisationName,
        PUBLIC_BASE_URL: siteUrl,
        AUTH_ISSUER: this.staffSignIn.issuer,
        AUTH_JWKS_URL: `${this.staffSignIn.issuer}/.well-known/jwks.json`,
        AUTH_CLIENT_ID: this.staffSignIn.client.userPoolClientId,
        AUTH_AUTHORIZE_URL: this.staffSignIn.authorizeUrl,
        AUTH_TOKEN_URL: this.staffSignIn.tokenUrl,
        AUTH_GROUPS_CLAIM: 'cognito:groups',
        CLIENT_ADDRESS_HEADER: VIEWER_ADDRESS_HEADER,
        ORIGIN_VERIFY_SECRET: originVerifySecret,
        RATE_LIMIT_SALT: rateLimitSalt,
        CURSOR_SECRET: cursorSecret,
        ...(settings.communityDays?.targetPerYear ? { COMMUNITY_DAYS_TARGET_PER_YEAR: settings.communityDays.targetPerYear } : {}),
        ...(settings.communityDays?.mapTileUrl ? { MAP_TILE_URL: settings.communityDays.mapTileUrl, MAP_TILE_ATTRIBUTION: settings.communityDays.mapTileAttribution! } : {}),
      },
    });

    this.api.routeTo({
      routes: gatewayRoutes(capabilities),
      defaultCapability: DEFAULT_CAPABILITY,
      functions: this.functions.byCapability,
      authorizer: this.staffSignIn.authorizer,
    });

    const outputs: Record<string, [description: string, value: string]> = {
      SiteUrl: ['The public site', siteUrl],
      DistributionDomainName: [
        'Point the custom domain here (DNS CNAME or alias)',
        this.site.distribution.distributionDomainName,
      ],
      ApiUrl: ['The HTTP API (residents use the site URL)', this.api.httpApi.apiEndpoint],
      UserPoolId: ['Staff accounts', this.staffSignIn.userPool.userPoolId],
      UserPoolClientId: ['Staff console app client', this.staffSignIn.client.userPoolClientId],
      HostedSignInUrl: ['Cognito hosted sign-in', this.staffSignIn.hostedSignInUrl],
      TableName: ['DynamoDB table', this.data.table.tableName],
    };
    for (const [id, [description, value]] of Object.entries(outputs)) new CfnOutput(this, id, { description, value });
  }
}
