/**
 * Alarms that reach a person, and the dashboard the office watches on a launch day. Every alarm in
 * alarms.ts goes to one SNS topic (and tells it again when it clears); the people on the `alarmEmails`
 * context value are subscribed by email and confirm with the link SNS sends them.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmSpecs, type AlarmSpec } from './alarms.js';
import type { CapabilityFunctions } from './capability-functions.js';
import { operationsDashboard } from './dashboard.js';
import type { PublicApi } from './public-api.js';
import type { EngagementTable } from './table.js';

export interface MonitoringProps {
  alarmEmails: readonly string[];
  api: PublicApi;
  table: EngagementTable;
  functions: CapabilityFunctions;
  /** SES events the email-events function could not record (infra/email-events.ts). */
  emailEventFailures: sqs.IQueue;
  distribution: cloudfront.Distribution;
  /** The Lambda@Edge function's name (it lives in the edge stack in us-east-1). */
  edgeFunctionName: string;
}

/** Where the runbook lives, for alarm descriptions (people read them in the email and the console). */
export const RUNBOOK = 'docs/runbook.md';

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Array<{ spec: AlarmSpec; alarm: cw.Alarm }> = [];
  readonly dashboard: cw.Dashboard;
  readonly dashboardUrl: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'Engagement platform alarms', enforceSSL: true });
    for (const address of props.alarmEmails) this.topic.addSubscription(new subscriptions.EmailSubscription(address));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'The topic carries only alarm notifications (alarm names, metric values, times), no personal data. CloudWatch can ' +
        'publish to an encrypted topic only through a customer-managed KMS key, which would add a key to manage for nothing secret.',
    });

    const action = new SnsAction(this.topic);
    for (const spec of alarmSpecs({ ...props, deliveryFailures: props.functions.deliveryFailures })) {
      const alarm = new cw.Alarm(this, spec.id, {
        alarmName: `${stack.stackName}-${spec.id}`,
        alarmDescription: `${spec.summary} What to do: ${RUNBOOK}#${spec.runbook}`,
        metric: spec.metric,
        threshold: spec.threshold,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
        comparisonOperator: spec.comparisonOperator ?? cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: spec.treatMissingData,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push({ spec, alarm });
    }

    this.dashboard = operationsDashboard(this, 'Dashboard', {
      dashboardName: stack.stackName,
      alarms: this.alarms.map((a) => a.alarm),
      api: props.api,
      table: props.table,
      functions: props.functions,
      distribution: props.distribution,
      edgeFunctionName: props.edgeFunctionName,
    });
    this.dashboardUrl = `https://${stack.region}.console.aws.amazon.com/cloudwatch/home?region=${stack.region}#dashboards/dashboard/${stack.stackName}`;
  }
}
