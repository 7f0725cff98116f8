/**
 * API Gateway routes are the shared route table: every entry becomes a route to its capability's
 * function, the ones that need a role carry the JWT authorizer, and `$default` goes to the site.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCapabilities, type LoadedCapability } from '../../functions/platform.js';
import { gatewayRoutes } from '../../functions/core/http/gateway-routes.js';
import { throttle } from '../../infra/public-api.js';
import { synthesize } from './synthesize.js';

/** The real capabilities, with one staff-only API route added so the authorizer is always exercised. */
const capabilities = await loadCapabilities();
const withStaffRoute: LoadedCapability[] = capabilities.map((cap, i) =>
  i === capabilities.length - 1
    ? {
        ...cap,
        api: [
          ...cap.api,
          {
            method: 'get',
            path: '/api/test-only/:id/registrations',
            role: 'staff',
            operationId: 'testOnly',
            summary: 'Test',
            responses: { 200: { description: 'ok' } },
          },
        ],
      }
    : cap,
);
const routes = gatewayRoutes(withStaffRoute);

let template: Template;
let routeResources: Record<string, Record<string, any>>;
beforeAll(() => {
  ({ template } = synthesize({ capabilities: withStaffRoute }));
  routeResources = template.findResources('AWS::ApiGatewayV2::Route');
});

const routeNamed = (key: string) => Object.values(routeResources).find((r) => r.Properties.RouteKey === key)?.Properties;

/** The capability whose function a route's integration invokes (functions are described "<name>: ..."). */
function capabilityOf(route: Record<string, any>): string | undefined {
  const integrationId = route.Target['Fn::Join'][1][1].Ref;
  const integration = template.findResources('AWS::ApiGatewayV2::Integration')[integrationId]!.Properties;
  const functionId = integration.IntegrationUri['Fn::GetAtt'][0];
  const fn = template.findResources('AWS::Lambda::Function')[functionId]!.Properties;
  return String(fn.Description).split(':')[0];
}

describe('HTTP API routes', () => {
  test('the test route table has a staff route and public routes', () => {
    expect(routes.some((r) => r.role)).toBe(true);
    expect(routes.some((r) => !r.role)).toBe(true);
  });

  test('every route-table entry is a route to its capability, and nothing else is', () => {
    for (const r of routes) {
      const route = routeNamed(`${r.method} ${r.path}`);
      expect(route, `${r.method} ${r.path}`).toBeDefined();
      expect(capabilityOf(route!)).toBe(r.capability);
    }
    expect(Object.keys(routeResources)).toHaveLength(routes.length + 1);
  });

  test('routes that need a role check the Cognito token; public ones do not', () => {
    const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(1);
    const [authorizerId, authorizer] = Object.entries(authorizers)[0]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: expect.stringMatching(/StaffConsole/) }] },
    });
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toMatch(/https:\/\/cognito-idp\..*StaffAccounts/);

    for (const r of routes) {
      const route = routeNamed(`${r.method} ${r.path}`)!;
      if (r.role) {
        expect(route.AuthorizationType, `${r.method} ${r.path}`).toBe('JWT');
        expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
      } else {
        expect(route.AuthorizationType ?? 'NONE', `${r.method} ${r.path}`).toBe('NONE');
        expect(route.AuthorizerId).toBeUndefined();
      }
    }
  });

  test('$default goes to the site function', () => {
    expect(capabilityOf(routeNamed('$default')!)).toBe('site');
  });

  test('the default stage is throttled and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  test('access logs record the route, never the path (a path can hold a manage-link token)', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format.routeKey).toBe('$context.routeKey');
    expect(Object.values(format)).not.toContain('$context.path');
    expect(JSON.stringify(format)).not.toMatch(/\$context\.(path|resourcePath)|requestOverride/);
  });

  test('each function may be invoked by this API only', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter(
      (p) => p.Properties.Principal === 'apigateway.amazonaws.com',
    );
    expect(permissions).toHaveLength(capabilities.length);
    for (const p of permissions) expect(JSON.stringify(p.Properties.SourceArn)).toMatch(/execute-api/);
  });
});
