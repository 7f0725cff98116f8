/**
 * The stack passes cdk-nag's AWS Solutions checks (every finding fixed or acknowledged with a reason,
 * warnings included), deploys without a dependency cycle, and reports what operators need.
 */
import { Stack, Validations, type App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { dependencyCycles } from './dependency-cycles.js';
import { synthesize, unacknowledgedFindings } from './synthesize.js';

const customDomain = {
  domainName: 'engagement.example.gov.uk',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b6a2c1e-1f2d-4c3b-9a8e-1234567890ab',
};

describe.each([
  ['on the CloudFront domain', {}],
  ['on a custom domain', customDomain],
])('%s', (_name, context) => {
  let app: App;
  let template: Template;
  beforeAll(() => {
    ({ app, template } = synthesize({ context }));
  });

  test('cdk-nag AWS Solutions: no unacknowledged errors or warnings, in either stack', () => {
    expect(app.node.children.filter((c) => c instanceof Stack).map((s) => s.node.id).sort()).toEqual(['Engagement', 'EngagementEdge']);
    expect(unacknowledgedFindings(app)).toEqual([]);
  });

  test('the firewall finding (CFR2) passes for real: no acknowledgement is left for it', () => {
    const acknowledged = app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => JSON.stringify(m.data)));
    expect(acknowledged.join('\n')).toContain('AwsSolutions-CFR1');
    expect(acknowledged.join('\n')).not.toContain('AwsSolutions-CFR2');
  });

  test('no dependency cycles between resources', () => {
    expect(dependencyCycles(template.toJSON() as never)).toEqual([]);
  });

  test('outputs the site URL, API URL, user pool, client and hosted sign-in URL', () => {
    expect(Object.keys(template.toJSON().Outputs)).toEqual(
      expect.arrayContaining(['SiteUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'HostedSignInUrl']),
    );
  });
});

test('the cycle check does find a cycle', () => {
  const cyclic = {
    Resources: {
      A: { Type: 'X', Properties: { p: { 'Fn::GetAtt': ['B', 'Arn'] } } },
      B: { Type: 'X', Properties: { p: { 'Fn::Sub': '${C.Arn}/x' } } },
      C: { Type: 'X', DependsOn: ['A'] },
    },
  };
  expect(dependencyCycles(cyclic)).toHaveLength(1);
});
