/**
 * Bounces and complaints reach the platform. Every email is sent with this SES configuration set
 * (SES_CONFIGURATION_SET, core/outbox/email.ts), whose event destination publishes hard bounces and
 * complaints to EventBridge's default bus; a rule passes only permanent bounces and complaints of this
 * configuration set to the platform's email-events function (functions/email-events.ts), which stops
 * email to those addresses. Why EventBridge rather than an SNS topic: docs/decisions.md.
 *
 * Suppression at SES too: the configuration set tells SES to add bouncing and complaining addresses to
 * the account's suppression list (its `SuppressionOptions`), so SES itself will not deliver to them
 * even if the platform's own list were lost. The account-wide setting (PutAccountSuppressionAttributes)
 * is no CloudFormation resource, so CDK cannot set it; it is on by default for accounts made since
 * November 2019, and the runbook says how to check it.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The detail types SES gives its events on EventBridge (the local mailbox simulator makes the same). */
export const SES_EVENT_TYPES = { bounce: 'Email Bounced', complaint: 'Email Complaint Received' } as const;

export class EmailEvents extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  /** Events the email-events function could not handle after every retry (and events EventBridge could not hand it). */
  readonly failures: sqs.Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      // SES's own bounce and complaint rates for this configuration set, beside the account's.
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    this.failures = new sqs.Queue(this, 'Failures', { enforceSSL: true, retentionPeriod: Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED });
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the email-events function and its EventBridge rule. Nothing consumes it in turn; the runbook says how to replay what it holds.',
    });
  }

  /** The configuration set's name, for SES_CONFIGURATION_SET. */
  get configurationSetName(): string {
    return this.configurationSet.configurationSetName;
  }

  /** The configuration set's ARN, for the delivery functions' permission to send with it. */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSetName });
  }

  /** Passes this configuration set's hard bounces and complaints to `handler`, retrying for a day before the failures queue. */
  routeTo(handler: lambda.IFunction): events.Rule {
    return new events.Rule(this, 'BouncesAndComplaints', {
      description: 'Hard bounces and complaints of the platform’s email, to the email-events function',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [SES_EVENT_TYPES.bounce, SES_EVENT_TYPES.complaint],
        detail: {
          mail: { tags: { 'ses:configuration-set': [this.configurationSetName] } },
          $or: [{ eventType: ['Bounce'], bounce: { bounceType: ['Permanent'] } }, { eventType: ['Complaint'] }],
        },
      },
      targets: [new targets.LambdaFunction(handler, { deadLetterQueue: this.failures, retryAttempts: 8, maxEventAge: Duration.hours(24) })],
    });
  }
}
