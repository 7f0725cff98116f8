/**
 * The HTTP API behind CloudFront. Its routes are the route table from functions/core/gateway-routes.ts
 * (the very table the local server routes with); anything unmatched goes to the site function
 * (`$default`). Routes that need a role check the bearer token with the JWT authorizer first.
 */
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Fn, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { GatewayRoute } from '../functions/core/http/gateway-routes.js';

/**
 * Requests per second across the whole API (every caller together). Above what a popular meeting's
 * launch-day rush sends (1,000 residents in a minute: a few hundred a second at the peak, which the
 * burst absorbs), below what would use up the account's Lambda concurrency with registrations waiting
 * for their place (about a second each in DynamoDB). Over it, residents get the busy page with
 * Retry-After (busy-answer.ts). The reasoning and the bench figures are in docs/decisions.md.
 */
export const throttle = { rateLimit: 500, burstLimit: 1000 };

const accessLogFields = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  // The route, not the path: a path can hold a manage-link token (/manage/<token>), which must not sit in logs.
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  // A CloudFront edge address for requests through the site; anything else came to the API directly.
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
};

export interface RouteTargets {
  routes: readonly GatewayRoute[];
  /** The capability whose function answers `$default`. */
  defaultCapability: string;
  functions: ReadonlyMap<string, lambda.IFunction>;
  authorizer: apigw.IHttpRouteAuthorizer;
}

export class PublicApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** The API's host name, for CloudFront's origin. */
  readonly domainName: string;
  /** Routes API Gateway lets through without a token: public pages and public API calls. */
  readonly publicRoutes: apigw.HttpRoute[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Public engagement site and API (reached through CloudFront)',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
    // https://<id>.execute-api.<region>.amazonaws.com → <id>.execute-api.<region>.amazonaws.com
    this.domainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }

  /** Adds one route per route-table entry, plus `$default`, each to its capability's function. */
  routeTo({ routes, defaultCapability, functions, authorizer }: RouteTargets): void {
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (capability: string) => {
      const handler = functions.get(capability);
      if (!handler) throw new Error(`No function for capability "${capability}"`);
      let integration = integrations.get(capability);
      if (!integration) {
        // One invoke permission per function rather than one per route keeps the function policy small.
        integration = new HttpLambdaIntegration(`${capability}Integration`, handler, { scopePermissionToRoute: false });
        integrations.set(capability, integration);
      }
      return integration;
    };

    for (const route of routes) {
      const method = route.method as apigw.HttpMethod;
      if (!Object.values(apigw.HttpMethod).includes(method)) throw new Error(`Route ${route.path}: unknown method ${route.method}`);
      const routeKey = apigw.HttpRouteKey.with(route.path, method);
      const httpRoute = new apigw.HttpRoute(this, `${route.method} ${route.path.replaceAll('/', '|')}`, {
        httpApi: this.httpApi,
        routeKey,
        integration: integrationFor(route.capability),
        ...(route.role ? { authorizer } : {}),
      });
      if (!route.role) this.publicRoutes.push(httpRoute);
    }
    this.publicRoutes.push(
      new apigw.HttpRoute(this, 'Default', {
        httpApi: this.httpApi,
        routeKey: apigw.HttpRouteKey.DEFAULT,
        integration: integrationFor(defaultCapability),
      }),
    );
    for (const route of this.publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Public by design: meeting pages, registering for a meeting, the privacy notice and other pages for residents ' +
          'need no account. Staff pages under these routes check the session cookie in the function (requireRole); ' +
          'API routes that need a role have the JWT authorizer.',
      });
    }
  }
}
