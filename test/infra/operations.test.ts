/**
 * Running it in production: every alarm exists with its metric, threshold and period, goes to the
 * alarm topic (and says so again when it clears), and links to its section of the runbook; every
 * function and queue has its alarms; the people in `alarmEmails` are subscribed; the dashboard shows
 * every alarm and every count the code publishes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { repoRoot } from '../../infra/function-bundling.js';
import { businessMetrics, emailMetrics } from '../../infra/dashboard.js';
import { synthesize } from './synthesize.js';

type Resource = { Type: string; Properties: Record<string, any> };

let template: Template;
let edgeFunctionName: string;
const alarmEmails = ['duty@opcc.example.gov.uk', 'it@opcc.example.gov.uk'];
beforeAll(() => {
  const { stack, template: t } = synthesize({ context: { alarmEmails: alarmEmails.join(',') } });
  template = t;
  edgeFunctionName = stack.edge.busyAnswer.functionName;
});

const alarms = () => Object.entries(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>);
const alarmNamed = (suffix: string) => {
  const found = alarms().filter(([, a]) => a.Properties.AlarmName === `Engagement-${suffix}`);
  expect(found, `alarm ${suffix}`).toHaveLength(1);
  return found[0]![1].Properties;
};
const topicRef = () => ({ Ref: Object.keys(template.findResources('AWS::SNS::Topic'))[0]! });
/** Metric names an alarm reads, whether it is on one metric or on an expression over several. */
const metricNamesOf = (alarm: Record<string, any>): string[] =>
  alarm.MetricName ? [alarm.MetricName] : (alarm.Metrics ?? []).filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName);

describe('the alarm topic', () => {
  test('emails each address in alarmEmails, and takes only TLS publishers', () => {
    for (const address of alarmEmails) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: address, TopicArn: topicRef() });
    }
    expect(JSON.stringify(template.findResources('AWS::SNS::TopicPolicy'))).toContain('"aws:SecureTransport":"false"');
  });

  describe('without alarmEmails', () => {
    let quiet: Template;
    beforeAll(() => {
      ({ template: quiet } = synthesize());
    });
    test('nobody is subscribed, and the synth still works', () => {
      quiet.resourceCountIs('AWS::SNS::Subscription', 0);
      quiet.resourceCountIs('AWS::SNS::Topic', 1);
    });
  });

  test('every alarm notifies the topic when it goes off and when it clears, and says where the runbook deals with it', () => {
    const runbook = readFileSync(join(repoRoot, 'docs', 'runbook.md'), 'utf8');
    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchors = new Set([...runbook.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
    expect(alarms().length).toBeGreaterThan(20);
    for (const [id, { Properties: alarm }] of alarms()) {
      expect(alarm.AlarmActions, id).toEqual([topicRef()]);
      expect(alarm.OKActions, id).toEqual([topicRef()]);
      const anchor = /docs\/runbook\.md#([a-z0-9-]+)$/.exec(alarm.AlarmDescription)?.[1];
      expect(anchor && anchors.has(anchor), `${id}: ${alarm.AlarmDescription}`).toBe(true);
    }
  });
});

describe('each alarm: its metric, threshold and period', () => {
  test('API: more than 1% server errors (at least 5) in 2 of 3 five-minute periods', () => {
    const alarm = alarmNamed('api-5xx-rate');
    expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching' });
    expect(metricNamesOf(alarm).sort()).toEqual(['5xx', 'Count']);
    const expression = alarm.Metrics.find((m: any) => m.Expression).Expression;
    expect(expression).toBe('IF(FILL(errors, 0) >= 5, 100 * FILL(errors, 0) / requests, 0)');
    expect(alarm.Metrics.find((m: any) => m.MetricStat).MetricStat).toMatchObject({ Period: 300, Stat: 'Sum', Metric: { Namespace: 'AWS/ApiGateway' } });
  });

  test('API: p99 latency over 5 s for 15 minutes', () => {
    expect(alarmNamed('api-p99-latency')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: 5000,
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  test("email: each capability's stream more than 10 minutes behind, failed batches, emails waiting, each capability's emails given up on", () => {
    const emailing = capabilities.filter((c) => c.emails).map((c) => c.name);
    expect(emailing.length).toBeGreaterThan(1);
    for (const name of emailing) {
      expect(alarmNamed(`email-stream-behind-${name}`)).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'IteratorAge', Statistic: 'Maximum', Threshold: 600_000, EvaluationPeriods: 2 });
      expect(alarmNamed(`emails-failed-${name}`)).toMatchObject({ Namespace: 'Engagement', MetricName: 'EmailsFailed', Dimensions: [{ Name: 'service', Value: `${name}-delivery` }], Statistic: 'Sum', Threshold: 1 });
    }
    // Each stream alarm watches its own capability's delivery function.
    const watched = emailing.map((name) => JSON.stringify(alarmNamed(`email-stream-behind-${name}`).Dimensions));
    expect(new Set(watched).size).toBe(emailing.length);
    expect(alarmNamed('delivery-failures-queued')).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(alarmNamed('delivery-failures-unread')).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 86_400 });
    expect(alarmNamed('emails-waiting')).toMatchObject({
      Namespace: 'Engagement',
      MetricName: 'OldestPendingEmailAgeSeconds',
      Dimensions: [{ Name: 'service', Value: 'platform-timer' }],
      Statistic: 'Maximum',
      Period: 900,
      Threshold: 900,
      // The timer publishes it every run: silence means the timer stopped.
      TreatMissingData: 'breaching',
    });
  });

  test('the meetings decider: more than 2 minutes behind the stream for two periods (its failed batches share the failures queue above)', () => {
    expect(alarmNamed('stream-behind-meetings-decider')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'IteratorAge', Statistic: 'Maximum', Threshold: 120_000, EvaluationPeriods: 2 });
    expect(alarmNamed('function-errors-meetings-decider')).toMatchObject({ MetricName: 'Errors', Threshold: 1 });
    expect(alarmNamed('stream-behind-meetings-decider').Dimensions).not.toEqual(alarmNamed('email-stream-behind-meetings').Dimensions);
  });

  test('the table: 10 throttled requests or 1 system error in 5 minutes, over every operation the platform uses', () => {
    const operations = ['BatchGetItem', 'BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'TransactWriteItems', 'UpdateItem'];
    for (const [suffix, metricName, threshold] of [['table-throttled', 'ThrottledRequests', 10], ['table-system-errors', 'SystemErrors', 1]] as const) {
      const alarm = alarmNamed(suffix);
      expect(alarm.Threshold).toBe(threshold);
      const stats = alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat);
      expect(stats.map((s: any) => s.Metric.MetricName)).toEqual(operations.map(() => metricName));
      expect(stats.map((s: any) => s.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value).sort()).toEqual(operations);
      expect(alarm.Metrics.find((m: any) => m.Expression).Expression).toMatch(/^FILL\(\w+, 0\)( \+ FILL\(\w+, 0\)){7}$/);
    }
  });

  test("SES: bounce and complaint rates warn well before SES's review thresholds (5% and 0.1%)", () => {
    const bounce = alarmNamed('ses-bounce-rate');
    const complaint = alarmNamed('ses-complaint-rate');
    expect(bounce).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Statistic: 'Maximum', Period: 3600 });
    expect(complaint).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Statistic: 'Maximum', Period: 3600 });
    expect(bounce.Threshold).toBeLessThanOrEqual(0.05 / 2);
    expect(complaint.Threshold).toBeLessThanOrEqual(0.001 / 2);
  });
});

describe('coverage', () => {
  test('every function has an errors and a throttles alarm (CDK’s deploy-time upload function aside)', () => {
    const functions = Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>)
      // BucketDeployment's handler runs only during `cdk deploy`; if it fails, so does the deploy.
      .filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
    expect(functions.length).toBeGreaterThan(5);
    for (const [id] of functions) {
      for (const metricName of ['Errors', 'Throttles']) {
        const covering = alarms().filter(([, a]) => a.Properties.MetricName === metricName && JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id } }]));
        expect(covering, `${metricName} alarm for ${id}`).toHaveLength(1);
        expect(covering[0]![1].Properties).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, EvaluationPeriods: 1 });
      }
    }
  });

  test('the Lambda@Edge function is watched here, where its UK copies report (as us-east-1.<name>)', () => {
    for (const metricName of ['Errors', 'Throttles']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: `us-east-1.${edgeFunctionName}` }],
        Threshold: 1,
      });
    }
  });

  test('every queue has a depth and an oldest-message alarm', () => {
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queues.length).toBeGreaterThan(0);
    for (const id of queues) {
      for (const metricName of ['ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: metricName,
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
        });
      }
    }
  });
});

describe('the dashboard', () => {
  const body = () => JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);

  test('lists every alarm', () => {
    for (const [id] of alarms()) expect(body(), id).toContain(JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }));
  });

  test('shows every count the code publishes, and the outbox backlog', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
    const counted = new Set<string>();
    for (const file of sources(join(repoRoot, 'functions'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bcount\('([A-Z][A-Za-z]+)'/g)) counted.add(m[1]!);
    }
    expect(counted.size, `counts found in ${relative(repoRoot, 'functions')}`).toBeGreaterThan(5);
    const shown = [...businessMetrics, ...emailMetrics].map((m) => m.name);
    for (const name of counted) expect(shown, `${name} is counted in functions/ but not on the dashboard`).toContain(name);
    for (const name of shown) expect(body()).toContain(`MetricName=\\\\\\"${name}\\\\\\"`);
    for (const name of ['EmailsPending', 'OldestPendingEmailAgeSeconds', 'IteratorAge', 'Reputation.BounceRate']) expect(body()).toContain(name);
  });

  test('shows the firewall and CloudFront from us-east-1', () => {
    expect(body()).toMatch(/AWS\/WAFV2.*us-east-1|us-east-1.*AWS\/WAFV2/);
    expect(body()).toContain('AWS/CloudFront');
  });
});

test('the outputs point at the dashboard, the alarm topic and the failures queue', () => {
  expect(Object.keys(template.toJSON().Outputs)).toEqual(expect.arrayContaining(['DashboardUrl', 'AlarmTopicArn', 'DeliveryFailuresQueueUrl']));
  template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: Match.anyValue() });
});
