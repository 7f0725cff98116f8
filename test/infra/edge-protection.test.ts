/**
 * The firewall in front of the site (AWS WAF in us-east-1, read by the site's stack across regions)
 * and the busy answers: AWS managed rules, a per-address rate limit that answers with the platform's
 * page, 429 and Retry-After, logging without the path or credentials; the Lambda@Edge function that
 * turns API Gateway's own bare busy answers into the busy page and leaves the app's alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Template } from 'aws-cdk-lib/assertions';
import { Template as Templates } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { busyAnswerSource } from '../../infra/busy-answer.js';
import { compactPage, renderBusyPages, WAF_BODY_LIMIT_BYTES } from '../../infra/busy-pages.js';
import { perAddressLimit } from '../../infra/edge-protection.js';
import { cdkJsonContext, synthesize } from './synthesize.js';

let site: Template;
let edge: Template;
let edgeRegion: string;
let outdir: string;
beforeAll(() => {
  const { stack, template, outdir: dir } = synthesize();
  site = template;
  outdir = dir;
  edge = Templates.fromStack(stack.edge);
  edgeRegion = stack.edge.region;
});

const webAcl = () => Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
const distributionConfig = () => Object.values(site.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;

describe('the web ACL', () => {
  test('is for CloudFront, in us-east-1, and the distribution uses it (read across regions)', () => {
    expect(edgeRegion).toBe('us-east-1');
    expect(webAcl()).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const [logicalId] = Object.keys(edge.findResources('AWS::WAFv2::WebACL'));
    const reference = distributionConfig().WebACLId['Fn::GetStackOutput'];
    expect(reference).toMatchObject({ StackName: 'EngagementEdge', Region: 'us-east-1' });
    expect(edge.toJSON().Outputs[reference.OutputName].Value).toEqual({ 'Fn::GetAtt': [logicalId, 'Arn'] });
  });

  test("runs AWS's IP reputation list, common rule set and known bad inputs, blocking", () => {
    const groups = webAcl()
      .Rules.filter((r: any) => r.Statement.ManagedRuleGroupStatement)
      .map((r: any) => ({ name: r.Statement.ManagedRuleGroupStatement.Name, vendor: r.Statement.ManagedRuleGroupStatement.VendorName, override: r.OverrideAction }));
    expect(groups).toEqual([
      { name: 'AWSManagedRulesAmazonIpReputationList', vendor: 'AWS', override: { None: {} } },
      { name: 'AWSManagedRulesCommonRuleSet', vendor: 'AWS', override: { None: {} } },
      { name: 'AWSManagedRulesKnownBadInputsRuleSet', vendor: 'AWS', override: { None: {} } },
    ]);
  });

  test('an address over its rate gets 429, Retry-After and the platform page; the static assets do not count', () => {
    const rule = webAcl().Rules.find((r: any) => r.Statement.RateBasedStatement);
    expect(rule.Statement.RateBasedStatement).toMatchObject({
      Limit: perAddressLimit.requests,
      EvaluationWindowSec: perAddressLimit.windowSeconds,
      AggregateKeyType: 'IP',
      ScopeDownStatement: { NotStatement: { Statement: { ByteMatchStatement: { SearchString: '/assets/', PositionalConstraint: 'STARTS_WITH', FieldToMatch: { UriPath: {} } } } } },
    });
    const response = rule.Action.Block.CustomResponse;
    expect(response).toMatchObject({ ResponseCode: 429, ResponseHeaders: [{ Name: 'Retry-After', Value: String(perAddressLimit.windowSeconds) }] });
    const body = webAcl().CustomResponseBodies[response.CustomResponseBodyKey];
    expect(body.ContentType).toBe('TEXT_HTML');
    expect(body.Content).toContain('Sorry, there have been too many attempts');
    expect(Buffer.byteLength(body.Content)).toBeLessThanOrEqual(WAF_BODY_LIMIT_BYTES);
  });

  test('logs blocked and counted requests only, to aws-waf-logs-… with a retention, without path, query, cookies or tokens', () => {
    const [logGroupId, logGroup] = Object.entries(edge.findResources('AWS::Logs::LogGroup')).find(([, g]) => String(g.Properties.LogGroupName).startsWith('aws-waf-logs-'))!;
    expect(logGroup.Properties.RetentionInDays).toBe(90);
    const logging = Object.values(edge.findResources('AWS::WAFv2::LoggingConfiguration'))[0]!.Properties;
    expect(logging.ResourceArn).toEqual({ 'Fn::GetAtt': [Object.keys(edge.findResources('AWS::WAFv2::WebACL'))[0], 'Arn'] });
    expect(JSON.stringify(logging.LogDestinationConfigs)).toContain(`log-group:",{"Ref":"${logGroupId}"}`);
    expect(logging.RedactedFields).toEqual([{ UriPath: {} }, { QueryString: {} }, { SingleHeader: { Name: 'cookie' } }, { SingleHeader: { Name: 'authorization' } }]);
    expect(logging.LoggingFilter).toEqual({
      DefaultBehavior: 'DROP',
      Filters: [{ Behavior: 'KEEP', Requirement: 'MEETS_ANY', Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }] }],
    });
  });
});

describe('busy answers', () => {
  test('the Lambda@Edge function (us-east-1, x86_64) runs on the API origin’s responses', () => {
    const association = distributionConfig().DefaultCacheBehavior.LambdaFunctionAssociations;
    expect(association).toHaveLength(1);
    expect(association[0].EventType).toBe('origin-response');
    const reference = association[0].LambdaFunctionARN['Fn::GetStackOutput'];
    expect(reference).toMatchObject({ StackName: 'EngagementEdge', Region: 'us-east-1' });
    const versionId = edge.toJSON().Outputs[reference.OutputName].Value.Ref;
    expect(edge.toJSON().Resources[versionId].Type).toBe('AWS::Lambda::Version');
    edge.hasResourceProperties('AWS::Lambda::Function', { Architectures: ['x86_64'], MemorySize: 128 });
    expect(JSON.stringify(edge.findResources('AWS::IAM::Role'))).toContain('edgelambda.amazonaws.com');
  });

  test('a fault between CloudFront and the API (502) shows the busy page from the bucket, not cached; the app’s 503s are left alone', () => {
    expect(distributionConfig().CustomErrorResponses).toEqual([{ ErrorCode: 502, ResponseCode: 502, ResponsePagePath: '/assets/errors/service-busy.html', ErrorCachingMinTTL: 0 }]);
    // Uploaded with the assets: staged as a file of the deployment's sources.
    const staged = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('errors/service-busy.html'));
    expect(staged).toHaveLength(1);
    expect(readFileSync(join(outdir, staged[0]!), 'utf8')).toBe(renderBusyPages(cdkJsonContext['organisationName'] as string).serviceBusy);
  });

  describe('the function', () => {
    const page = renderBusyPages('Test Office').serviceBusy;
    const module: { exports: { handler?: (event: unknown) => Promise<any> } } = { exports: {} };
    runInNewContext(busyAnswerSource(page), { exports: module.exports, module });
    const respond = (uri: string, status: string, headers: Record<string, Array<{ key: string; value: string }>> = {}) =>
      module.exports.handler!({ Records: [{ cf: { request: { uri, method: 'GET', headers: {} }, response: { status, statusDescription: 'x', headers } } }] });

    test.each(['429', '503', '504'])("replaces API Gateway's own %s (no Retry-After) with the busy page and Retry-After: 60", async (status) => {
      const answer = await respond('/meetings/abc', status, { 'content-type': [{ key: 'Content-Type', value: 'application/json' }] });
      expect(answer.status).toBe(status);
      expect(answer.body).toBe(page);
      expect(answer.headers['retry-after']).toEqual([{ key: 'Retry-After', value: '60' }]);
      expect(answer.headers['content-type'][0].value).toBe('text/html; charset=utf-8');
      expect(answer.headers['cache-control'][0].value).toBe('no-store');
    });

    test('answers JSON in the app’s error shape under /api/', async () => {
      const answer = await respond('/api/meetings', '429');
      expect(answer.headers['content-type'][0].value).toBe('application/json');
      expect(JSON.parse(answer.body)).toEqual({ error: { status: 429, code: 'service_busy', message: expect.stringMatching(/busy.*nothing you sent has been lost/) } });
    });

    test("leaves the app's own 429 and 503 (which carry Retry-After), and every other answer, as they are", async () => {
      const appLimit = { 'retry-after': [{ key: 'Retry-After', value: '540' }] };
      for (const [status, headers] of [['429', appLimit], ['503', appLimit], ['200', {}], ['500', {}], ['404', {}]] as const) {
        const original = { status, statusDescription: 'x', headers };
        const answer = await module.exports.handler!({ Records: [{ cf: { request: { uri: '/meetings/abc', headers: {} }, response: original } }] });
        expect(answer).toBe(original);
      }
    });
  });
});

describe('the busy pages', () => {
  test('the firewall’s page falls back to head, header and main content when a bigger layout would pass 4 KB', () => {
    const full = renderBusyPages('Test Office').serviceBusy;
    const compact = compactPage(full);
    expect(compact.length).toBeLessThan(full.length);
    for (const part of ['<!DOCTYPE html>', '<link rel="stylesheet" href="/assets/app.css"/>', 'govuk-skip-link', 'Test Office', '<h1 class="govuk-heading-l">Sorry, the service is busy</h1>', '</main></div></body></html>']) {
      expect(compact).toContain(part);
    }
    expect(compact).not.toContain('govuk-service-navigation');
    expect(compact).not.toContain('govuk-footer');
  });

  test('carry the organisation name from the settings', () => {
    const pages = renderBusyPages('Office of the Example Commissioner');
    expect(pages.serviceBusy).toContain('<title>Sorry, the service is busy - Office of the Example Commissioner</title>');
    expect(pages.tooManyRequests).toContain('Office of the Example Commissioner');
  });
});
