/**
 * The dashboard for a launch day: at the top, every alarm and its state; then what residents are
 * doing (the counts the platform publishes), the site (CloudFront and the firewall, whose metrics live
 * in us-east-1, then the API), the functions, email, and the table. Residents' counts are found by
 * metric name with a CloudWatch search, so nothing here names a capability; a test checks that every
 * count the code publishes is on it.
 */
import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { backlogMetrics } from '../functions/core/outbox/backlog.js';
import { functionMetrics, outboxMetric, tableOperations } from './alarms.js';
import { METRICS_NAMESPACE } from './capability-function.js';
import type { CapabilityFunctions } from './capability-functions.js';
import { managedRuleGroups, RATE_RULE, WEB_ACL_METRIC } from './edge-protection.js';
import type { PublicApi } from './public-api.js';
import type { EngagementTable } from './table.js';

/** What residents and the deliveries do, by the name the code counts it under (core/log.ts `count`), in users' words. */
export const businessMetrics = [
  { name: 'RegistrationsRequested', label: 'Meeting registrations' },
  { name: 'RegistrationsDecided', label: 'Meeting registrations decided (places, waiting list, refusals)' },
  { name: 'RegistrationsDecidedBySweep', label: 'Meeting registrations left to the sweep (should stay 0)' },
  { name: 'RegistrationDetailsSentAgain', label: 'Registration details sent again' },
  { name: 'ConsultationResponses', label: 'Consultation responses' },
  { name: 'ConsultationResponsesFlagged', label: 'Consultation responses flagged as possible duplicates' },
  { name: 'SurgerySlotsRequested', label: 'Surgery slots requested (awaiting the clerk)' },
  { name: 'SurgeryBookingsConfirmed', label: 'Surgery bookings confirmed' },
  { name: 'SurgeryBookingsRescheduled', label: 'Surgery bookings rescheduled' },
  { name: 'SubscriptionsRequested', label: 'Email updates asked for (confirmation sent)' },
  { name: 'SubscriptionsConfirmed', label: 'Email updates confirmed' },
  { name: 'Unsubscribed', label: 'Email updates stopped (unsubscribed)' },
] as const;
export const emailMetrics = [
  { name: 'EmailsSent', label: 'Emails sent' },
  { name: 'EmailsRetried', label: 'Emails to try again' },
  { name: 'EmailsFailed', label: 'Emails given up on' },
  { name: 'EmailsSuppressed', label: 'Emails not sent: the address bounced or complained before' },
  { name: 'EmailsBounced', label: 'Hard bounces recorded' },
  { name: 'EmailComplaints', label: 'Complaints recorded' },
] as const;

const FIVE_MINUTES = Duration.minutes(5);
const EDGE_REGION = 'us-east-1';

/** Every series of this metric name in the platform's namespace, whichever function publishes it. */
const counted = (name: string, label: string) =>
  new cw.MathExpression({ expression: `SEARCH('{${METRICS_NAMESPACE},service} MetricName="${name}"', 'Sum', 300)`, usingMetrics: {}, label, period: FIVE_MINUTES });

const graph = (title: string, left: cw.IMetric[], options: Partial<cw.GraphWidgetProps> = {}) =>
  new cw.GraphWidget({ title, left, width: 8, height: 6, period: FIVE_MINUTES, ...options });

export interface DashboardSources {
  dashboardName: string;
  alarms: cw.IAlarm[];
  api: PublicApi;
  table: EngagementTable;
  functions: CapabilityFunctions;
  distribution: cloudfront.Distribution;
  edgeFunctionName: string;
}

export function operationsDashboard(scope: Construct, id: string, sources: DashboardSources): cw.Dashboard {
  const { api, table, functions, distribution } = sources;
  const { httpApi } = api;
  const lambdas = functions.all;
  const withEdge = functionMetrics(functions, sources.edgeFunctionName);
  const cloudFront = (metricName: string, statistic: string, label: string) =>
    new cw.Metric({ namespace: 'AWS/CloudFront', metricName, dimensionsMap: { DistributionId: distribution.distributionId, Region: 'Global' }, region: EDGE_REGION, statistic, label, period: FIVE_MINUTES });
  const firewall = (metricName: string, rule: string, label: string) =>
    new cw.Metric({ namespace: 'AWS/WAFV2', metricName, dimensionsMap: { WebACL: WEB_ACL_METRIC, Rule: rule }, region: EDGE_REGION, statistic: 'Sum', label, period: FIVE_MINUTES });
  const perOperation = (metricName: string) =>
    tableOperations.map((operation) => table.table.metric(metricName, { dimensionsMap: { TableName: table.table.tableName, Operation: operation }, statistic: 'Sum', label: operation, period: FIVE_MINUTES }));
  const ses = (metricName: string, statistic: string, label: string) => new cw.Metric({ namespace: 'AWS/SES', metricName, statistic, label, period: Duration.hours(1) });

  return new cw.Dashboard(scope, id, {
    dashboardName: sources.dashboardName,
    defaultInterval: Duration.hours(6),
    widgets: [
      [
        new cw.TextWidget({
          markdown:
            '# Public engagement platform\nAlarms first (each one\'s description links to its section of `docs/runbook.md`), then what residents are doing, ' +
            'the site, the functions, email and the table. CloudFront and firewall figures come from us-east-1.',
          width: 24,
          height: 2,
        }),
      ],
      [new cw.AlarmStatusWidget({ title: 'Alarms', alarms: sources.alarms, width: 24, height: Math.max(3, Math.ceil(sources.alarms.length / 4) + 1) })],
      [
        graph('What residents are doing (per 5 minutes)', businessMetrics.map((m) => counted(m.name, m.label)), { width: 12, stacked: false }),
        graph('Emails (per 5 minutes)', emailMetrics.map((m) => counted(m.name, m.label)), { width: 6 }),
        graph('Refusals by reason (per 5 minutes)', [new cw.MathExpression({ expression: `SEARCH('{${METRICS_NAMESPACE},code,service} MetricName="Refusals"', 'Sum', 300)`, usingMetrics: {}, label: 'Refusals', period: FIVE_MINUTES })], { width: 6 }),
      ],
      [
        graph('Site: requests and blocked requests', [
          cloudFront('Requests', 'Sum', 'CloudFront requests'),
          firewall('BlockedRequests', 'ALL', 'Blocked by the firewall (all rules)'),
          firewall('BlockedRequests', RATE_RULE, 'Blocked: too many from one address'),
          ...managedRuleGroups.map((group) => firewall('BlockedRequests', group.name, `Blocked: ${group.name}`)),
        ]),
        graph('Site: error rates seen by residents (%)', [cloudFront('4xxErrorRate', 'Average', '4xx'), cloudFront('5xxErrorRate', 'Average', '5xx')]),
        graph(
          'API: requests and errors',
          [httpApi.metricCount({ statistic: 'Sum', label: 'Requests' }), httpApi.metricClientError({ statistic: 'Sum', label: '4xx (incl. 429 throttled)' }), httpApi.metricServerError({ statistic: 'Sum', label: '5xx' })],
        ),
      ],
      [
        graph('API: latency (ms)', [httpApi.metricLatency({ statistic: 'p50', label: 'p50' }), httpApi.metricLatency({ statistic: 'p99', label: 'p99' }), httpApi.metricIntegrationLatency({ statistic: 'p99', label: 'p99 in the functions' })]),
        graph('Functions: invocations', lambdas.map(({ serviceName, function: fn }) => fn.metricInvocations({ statistic: 'Sum', label: serviceName }))),
        graph('Functions: concurrent executions (max)', lambdas.map(({ serviceName, function: fn }) => fn.metric('ConcurrentExecutions', { statistic: 'Maximum', label: serviceName }))),
      ],
      [
        graph('Functions: errors', withEdge.map(({ serviceName, errors }) => errors.with({ label: serviceName }))),
        graph('Functions: throttles', withEdge.map(({ serviceName, throttles }) => throttles.with({ label: serviceName }))),
        graph('Functions: duration p99 (ms)', lambdas.map(({ serviceName, function: fn }) => fn.metricDuration({ statistic: 'p99', label: serviceName }))),
      ],
      [
        graph('Outbox: emails waiting', [outboxMetric(backlogMetrics.pending, 'Maximum', FIVE_MINUTES).with({ label: 'Emails waiting' })], {
          right: [outboxMetric(backlogMetrics.oldestAge, 'Maximum', FIVE_MINUTES).with({ label: 'Oldest waiting (s)' })],
        }),
        graph('Table stream: how far behind (ms) and failed batches', functions.streamConsumers.map(({ consumer, function: fn }) => fn.metric('IteratorAge', { statistic: 'Maximum', label: `${consumer.emailDelivery ? consumer.capability : consumer.serviceName}: stream iterator age (ms)` })), {
          right: [
            functions.deliveryFailures.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: 'Failed batches queued' }),
          ],
        }),
        graph('SES: sending and reputation', [ses('Send', 'Sum', 'Sent'), ses('Delivery', 'Sum', 'Delivered'), ses('Bounce', 'Sum', 'Bounced'), ses('Complaint', 'Sum', 'Complaints')], {
          right: [ses('Reputation.BounceRate', 'Maximum', 'Bounce rate'), ses('Reputation.ComplaintRate', 'Maximum', 'Complaint rate')],
        }),
      ],
      [
        graph('Table: capacity used', [table.table.metricConsumedReadCapacityUnits({ statistic: 'Sum', label: 'Read units' }), table.table.metricConsumedWriteCapacityUnits({ statistic: 'Sum', label: 'Write units' })]),
        graph('Table: throttled requests', perOperation('ThrottledRequests')),
        graph('Table: system errors', perOperation('SystemErrors')),
      ],
    ],
  });
}
