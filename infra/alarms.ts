/**
 * What should wake someone: each alarm with its metric, threshold and period, and the runbook section
 * (docs/runbook.md) that says what it means, where to look and what to do. The reasons for each
 * threshold are in docs/decisions.md ("Alarms: what each one waits for"). Nothing here names a
 * capability: every function gets its alarms from the list CapabilityFunctions keeps.
 */
import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { backlogMetrics } from '../functions/core/outbox/backlog.js';
import { METRICS_NAMESPACE } from './capability-function.js';
import { PLATFORM_TIMER_SERVICE, type CapabilityFunctions } from './capability-functions.js';
import type { PublicApi } from './public-api.js';
import type { EngagementTable } from './table.js';

export interface AlarmSpec {
  /** Construct id and the end of the alarm's name, e.g. `api-5xx-rate`. */
  id: string;
  /** The heading in docs/runbook.md that deals with it (its anchor). */
  runbook: string;
  /** What it means, in a sentence, for the email and the console. */
  summary: string;
  metric: cw.IMetric;
  threshold: number;
  /** Periods looked at, and how many of them must breach. */
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  treatMissingData: cw.TreatMissingData;
  /** Default: at or above the threshold. */
  comparisonOperator?: cw.ComparisonOperator;
}

const FIVE_MINUTES = Duration.minutes(5);
const notBreaching = cw.TreatMissingData.NOT_BREACHING;

/** SES reviews an account at a 5% bounce rate and a 0.1% complaint rate; these warn at less than half. */
export const sesReviewThresholds = { bounceRate: 0.05, complaintRate: 0.001 };
export const sesWarningThresholds = { bounceRate: 0.02, complaintRate: 0.0005 };

/** The table operations the platform uses (store/reads.ts, writes.ts, transactions.ts); no Scan. */
export const tableOperations = ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'] as const;

/** One metric per operation, summed with gaps as zero (an operation nobody used in a period has no data point). */
function sumOverOperations(table: EngagementTable, metricName: string, label: string): cw.MathExpression {
  const usingMetrics = Object.fromEntries(
    tableOperations.map((operation) => [
      operation.toLowerCase(),
      table.table.metric(metricName, { dimensionsMap: { TableName: table.table.tableName, Operation: operation }, statistic: 'Sum', period: FIVE_MINUTES }),
    ]),
  );
  return new cw.MathExpression({
    expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics,
    label,
    period: FIVE_MINUTES,
  });
}

/** A metric the platform's code publishes, by the function (service) that publishes it: the platform timer unless said. */
export const outboxMetric = (metricName: string, statistic: string, period: Duration, service = PLATFORM_TIMER_SERVICE) =>
  new cw.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service }, statistic, period });

export interface AlarmSources {
  api: PublicApi;
  table: EngagementTable;
  functions: CapabilityFunctions;
  deliveryFailures: sqs.IQueue;
  emailEventFailures: sqs.IQueue;
  /** The Lambda@Edge function's name (busy-answer.ts). */
  edgeFunctionName: string;
}

/**
 * Each function's errors and throttles, by its name in logs. Lambda@Edge reports from the region each
 * copy ran in, under `us-east-1.<name>`: residents in the UK are served from this region's edge caches.
 */
export function functionMetrics(functions: CapabilityFunctions, edgeFunctionName: string) {
  const edge = (metricName: string) =>
    new cw.Metric({ namespace: 'AWS/Lambda', metricName, dimensionsMap: { FunctionName: `us-east-1.${edgeFunctionName}` }, statistic: 'Sum', period: FIVE_MINUTES });
  return [
    ...functions.all.map(({ serviceName, function: fn }) => ({
      serviceName,
      errors: fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
      throttles: fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES }),
    })),
    { serviceName: 'busy-answer', errors: edge('Errors'), throttles: edge('Throttles') },
  ];
}

export function alarmSpecs({ api, table, functions, deliveryFailures, emailEventFailures, edgeFunctionName }: AlarmSources): AlarmSpec[] {
  const { httpApi } = api;
  const requests = httpApi.metricCount({ statistic: 'Sum', period: FIVE_MINUTES });
  const serverErrors = httpApi.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES });

  return [
    {
      id: 'api-5xx-rate',
      runbook: 'api-5xx-rate',
      summary: 'More than 1% of requests to the site got a server error (5xx) in two of the last three 5-minute periods (and at least 5 errors).',
      // A percentage, counted only once there are 5 errors: one failure among few requests is not an outage.
      metric: new cw.MathExpression({
        expression: 'IF(FILL(errors, 0) >= 5, 100 * FILL(errors, 0) / requests, 0)',
        usingMetrics: { errors: serverErrors, requests },
        label: 'Server errors (% of requests)',
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: notBreaching,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
    },
    {
      id: 'api-p99-latency',
      runbook: 'api-p99-latency',
      summary: 'The slowest 1% of requests took more than 5 seconds for 15 minutes on end.',
      metric: httpApi.metricLatency({ statistic: 'p99', period: FIVE_MINUTES }),
      threshold: 5_000,
      evaluationPeriods: 3,
      treatMissingData: notBreaching,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
    },
    ...functionMetrics(functions, edgeFunctionName).flatMap(({ serviceName, errors, throttles }): AlarmSpec[] => [
      {
        id: `function-errors-${serviceName}`,
        runbook: 'function-errors',
        summary: `The ${serviceName} function failed (crashed, timed out or ran out of memory) in the last 5 minutes.`,
        metric: errors,
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: notBreaching,
      },
      {
        id: `function-throttles-${serviceName}`,
        runbook: 'function-throttles',
        summary: `Lambda turned requests for the ${serviceName} function away (account concurrency used up) in the last 5 minutes.`,
        metric: throttles,
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: notBreaching,
      },
    ]),
    ...functions.deliveries.map(({ capability, function: fn }): AlarmSpec => ({
      id: `email-stream-behind-${capability}`,
      runbook: 'email-stream-behind',
      summary: `${capability} email delivery from the table stream has been more than 10 minutes behind for two 5-minute periods: new emails are late.`,
      metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: FIVE_MINUTES }),
      threshold: 10 * 60_000,
      evaluationPeriods: 2,
      treatMissingData: notBreaching,
    })),
    ...functions.streamConsumers
      .filter(({ consumer }) => !consumer.emailDelivery)
      .map(({ consumer, function: fn }): AlarmSpec => ({
        id: `stream-behind-${consumer.serviceName}`,
        runbook: 'stream-consumer-behind',
        summary: `The ${consumer.serviceName} function has been more than 2 minutes behind the table stream for two 5-minute periods: what it does (${consumer.description}) is late.`,
        metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: FIVE_MINUTES }),
        threshold: 2 * 60_000,
        evaluationPeriods: 2,
        treatMissingData: notBreaching,
      })),
    {
      id: 'delivery-failures-queued',
      runbook: 'delivery-failures-queued',
      summary: 'A batch from the table stream (new emails, or registration requests to decide) failed after every retry of the function it was for and was recorded in the failures queue.',
      metric: deliveryFailures.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES }),
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    },
    {
      id: 'delivery-failures-unread',
      runbook: 'delivery-failures-queued',
      summary: 'A record in the delivery failures queue has waited more than a day; the queue keeps records for 14 days.',
      metric: deliveryFailures.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: FIVE_MINUTES }),
      threshold: 24 * 3600,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    },
    {
      id: 'email-events-failed',
      runbook: 'email-events-failed',
      summary: 'An SES bounce or complaint could not be recorded after every retry: email may still go to an address that bounces or complained.',
      metric: emailEventFailures.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES }),
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    },
    {
      id: 'email-events-unread',
      runbook: 'email-events-failed',
      summary: 'An SES event in the email-events failures queue has waited more than a day; the queue keeps them for 14 days.',
      metric: emailEventFailures.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: FIVE_MINUTES }),
      threshold: 24 * 3600,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    },
    {
      id: 'emails-waiting',
      runbook: 'emails-waiting',
      summary: 'An email has waited more than 15 minutes to be sent, or the platform timer that measures it has not run for 15 minutes.',
      metric: outboxMetric(backlogMetrics.oldestAge, 'Maximum', Duration.minutes(15)),
      threshold: 15 * 60,
      evaluationPeriods: 1,
      // The timer publishes this every 5 minutes, even at 0: no value for 15 minutes means it stopped.
      treatMissingData: cw.TreatMissingData.BREACHING,
    },
    ...functions.deliveries.map(({ capability, serviceName }): AlarmSpec => ({
      id: `emails-failed-${capability}`,
      runbook: 'emails-failed',
      summary: `A ${capability} email was given up on (after every retry, or a kind nothing can send): someone did not get it.`,
      metric: outboxMetric('EmailsFailed', 'Sum', FIVE_MINUTES, serviceName),
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    })),
    {
      id: 'table-throttled',
      runbook: 'table-throttled',
      summary: 'DynamoDB turned away 10 or more requests to the table in 5 minutes; residents may have seen the busy page.',
      metric: sumOverOperations(table, 'ThrottledRequests', 'Throttled requests'),
      threshold: 10,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    },
    {
      id: 'table-system-errors',
      runbook: 'table-system-errors',
      summary: 'DynamoDB itself failed requests to the table (HTTP 500s on its side) in the last 5 minutes.',
      metric: sumOverOperations(table, 'SystemErrors', 'System errors'),
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    },
    {
      id: 'ses-bounce-rate',
      runbook: 'ses-reputation',
      summary: `The SES account's bounce rate reached ${sesWarningThresholds.bounceRate * 100}%; SES reviews the account at ${sesReviewThresholds.bounceRate * 100}% and may stop it sending.`,
      metric: new cw.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }),
      threshold: sesWarningThresholds.bounceRate,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    },
    {
      id: 'ses-complaint-rate',
      runbook: 'ses-reputation',
      summary: `The SES account's complaint rate reached ${sesWarningThresholds.complaintRate * 100}%; SES reviews the account at ${sesReviewThresholds.complaintRate * 100}% and may stop it sending.`,
      metric: new cw.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum', period: Duration.hours(1) }),
      threshold: sesWarningThresholds.complaintRate,
      evaluationPeriods: 1,
      treatMissingData: notBreaching,
    },
  ];
}
