/**
 * A Lambda for every capability in functions/capabilities.ts, a timer-driven Lambda for each capability
 * with `scheduled` work, a delivery Lambda for each capability that sends `emails` (its own outbox items
 * from the table's stream, and its retries on a timer), the platform timer (retention, the outbox
 * backlog) and the platform's email-events function (SES's bounces and complaints). Adding a capability to that list is all it takes: nothing here names one.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Capability } from '../functions/core/capability.js';
import { insertedOutboxFilter } from '../functions/core/outbox/stream.js';
import { CapabilityFunction, type FunctionSurroundings } from './capability-function.js';
import { emailEventsEntry, entryFile, platformTimerEntry, repoRoot, type EntryKind } from './function-bundling.js';

export interface CapabilityFunctionsProps extends FunctionSurroundings {
  capabilities: readonly Capability[];
  /** Each capability's own settings from context (infra/settings.ts), as its functions' environment. */
  capabilitySettings: ReadonlyMap<string, Record<string, string>>;
  sendEmail: iam.PolicyStatement;
  /** The SES account's send rate from context (EMAIL_SEND_RATE for the delivery functions, which share it); unset: their default, 14. */
  emailSendRate?: number;
  /** Where SES events the email-events function could not handle go (infra/email-events.ts). */
  emailEventFailures: sqs.IQueue;
}

/** The email-events function's name in logs and metrics. */
export const EMAIL_EVENTS_SERVICE = 'email-events';

/** The platform timer's name in logs and metrics (the `service` dimension of what it publishes: the outbox backlog). */
export const PLATFORM_TIMER_SERVICE = 'platform-timer';

/** A capability's delivery function's name in logs and metrics (the `service` dimension of its email counts). */
export const deliveryService = (capability: string) => `${capability}-delivery`;

/** How each delivery function reads the stream: small batches, one at a time per shard, so sending stays within its share of the SES rate. */
export const deliveryStream = { batchSize: 10, parallelizationFactor: 1, retryAttempts: 2, maxBatchingWindowSeconds: 1 };

/** How often each delivery function retries what is due, and the platform timer runs. */
const TIMER_MINUTES = 5;

export class CapabilityFunctions extends Construct {
  /** The request-handling function of each capability, by capability name. */
  readonly byCapability = new Map<string, lambda.IFunction>();
  /** The scheduled-work function of each capability that has one, by capability name. */
  readonly scheduledByCapability = new Map<string, lambda.IFunction>();
  /** The email delivery function of each capability that sends email, with its service name. */
  readonly deliveries: Array<{ capability: string; serviceName: string; function: lambda.Function }> = [];
  readonly platformTimer: lambda.IFunction;
  /** The platform's function for SES's bounces and complaints (infra/email-events.ts routes them to it). */
  readonly emailEvents: lambda.IFunction;
  /** Every function above, each with its service name (POWERTOOLS_SERVICE_NAME), for alarms and the dashboard. */
  readonly all: Array<{ serviceName: string; function: lambda.Function }> = [];
  /** Where every delivery function's stream mapping records batches it gave up on (one queue: each record names its mapping). */
  readonly deliveryFailures: sqs.Queue;

  constructor(scope: Construct, id: string, props: CapabilityFunctionsProps) {
    super(scope, id);
    const { capabilities, capabilitySettings, sendEmail, emailSendRate, emailEventFailures, ...surroundings } = props;

    for (const capability of capabilities) {
      // Its own settings beside the platform's: a capability's functions alone read them.
      const own = { ...surroundings, environment: { ...surroundings.environment, ...capabilitySettings.get(capability.name) } };
      const requests = new CapabilityFunction(this, capability.name, {
        ...own,
        serviceName: capability.name,
        entry: existingEntry(capability.name, 'handler'),
        description: `${capability.name}: pages and API`,
        // API Gateway gives up on an integration after 30 seconds; fail well before that.
        timeout: Duration.seconds(15),
        memorySize: 1024,
      });
      this.byCapability.set(capability.name, requests.function);
      this.all.push({ serviceName: capability.name, function: requests.function });

      if (capability.scheduled) {
        const { everyMinutes } = capability.scheduled;
        if (!Number.isInteger(everyMinutes) || everyMinutes < 1) {
          throw new Error(`Capability "${capability.name}": scheduled.everyMinutes must be a whole number of minutes, at least 1`);
        }
        const job = new CapabilityFunction(this, `${capability.name}-scheduled`, {
          ...own,
          serviceName: `${capability.name}-scheduled`,
          entry: existingEntry(capability.name, 'scheduled'),
          description: `${capability.name}: scheduled work every ${everyMinutes} min`,
          // Finish before the next run starts; a failed run is simply tried again at the next tick.
          timeout: Duration.minutes(Math.min(everyMinutes, 5)),
          memorySize: 512,
          retryAttempts: 0,
        });
        everyFewMinutes(this, `${capability.name}-timer`, `Runs ${capability.name} scheduled work`, everyMinutes, job.function);
        this.scheduledByCapability.set(capability.name, job.function);
        this.all.push({ serviceName: `${capability.name}-scheduled`, function: job.function });
      }
    }

    // Batches that fail even after retries are noted here; their emails stay pending in the table and
    // the capability's delivery timer sends them, so nothing is lost.
    const failedBatches = (this.deliveryFailures = new sqs.Queue(this, 'DeliveryFailures', { enforceSSL: true, retentionPeriod: Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED }));
    for (const capability of capabilities.filter((c) => c.emails)) {
      const serviceName = deliveryService(capability.name);
      const delivery = new CapabilityFunction(this, serviceName, {
        ...surroundings,
        environment: {
          ...surroundings.environment,
          ...capabilitySettings.get(capability.name),
          ...(emailSendRate ? { EMAIL_SEND_RATE: String(emailSendRate) } : {}),
        },
        serviceName,
        // Only delivery functions send email; each takes an equal share of the account's rate (core/outbox/send-rate.ts).
        sendEmail,
        entry: existingEntry(capability.name, 'delivery'),
        description: `${capability.name}: email from the outbox stream, retries every ${TIMER_MINUTES} min`,
        timeout: Duration.minutes(5),
        memorySize: 512,
        retryAttempts: 0,
      });
      const { eventName, pkPrefix } = insertedOutboxFilter(capability.name);
      delivery.function.addEventSource(
        new DynamoEventSource(surroundings.table.table, {
          startingPosition: lambda.StartingPosition.LATEST,
          batchSize: deliveryStream.batchSize,
          parallelizationFactor: deliveryStream.parallelizationFactor,
          maxBatchingWindow: Duration.seconds(deliveryStream.maxBatchingWindowSeconds),
          retryAttempts: deliveryStream.retryAttempts,
          bisectBatchOnError: true,
          reportBatchItemFailures: false,
          onFailure: new SqsDlq(failedBatches),
          // Only this capability's new outbox items reach it: not other writes, nor other capabilities' email.
          filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual(eventName), dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith(pkPrefix) } } } })],
        }),
      );
      everyFewMinutes(this, `${serviceName}-timer`, `Retries ${capability.name} emails and finishes cut-short notices`, TIMER_MINUTES, delivery.function);
      this.deliveries.push({ capability: capability.name, serviceName, function: delivery.function });
      this.all.push({ serviceName, function: delivery.function });
      Validations.of(delivery.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'dynamodb:ListStreams has no resource-level permissions, so reading the table stream (as the Lambda event source ' +
          'mapping does) needs it on *. The other stream actions are granted on this table\'s stream only.',
      });
    }

    const platformTimer = new CapabilityFunction(this, PLATFORM_TIMER_SERVICE, {
      ...surroundings,
      serviceName: PLATFORM_TIMER_SERVICE,
      entry: platformTimerEntry,
      description: `platform: retention work and the outbox backlog every ${TIMER_MINUTES} min`,
      timeout: Duration.minutes(5),
      memorySize: 512,
      retryAttempts: 0,
    });
    this.platformTimer = platformTimer.function;
    this.all.push({ serviceName: PLATFORM_TIMER_SERVICE, function: platformTimer.function });
    everyFewMinutes(this, 'platform-timer-rule', 'Finishes retention work and measures the outbox', TIMER_MINUTES, platformTimer.function);

    const emailEvents = new CapabilityFunction(this, EMAIL_EVENTS_SERVICE, {
      ...surroundings,
      serviceName: EMAIL_EVENTS_SERVICE,
      entry: emailEventsEntry,
      description: 'platform: SES hard bounces and complaints stop email to those addresses',
      timeout: Duration.minutes(1),
      memorySize: 256,
      retryAttempts: 2,
      deadLetterQueue: emailEventFailures,
    });
    this.emailEvents = emailEvents.function;
    this.all.push({ serviceName: EMAIL_EVENTS_SERVICE, function: emailEvents.function });

    Validations.of(failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the dead-letter destination of the delivery functions' stream mappings (records of batches " +
        'that failed after retries). Nothing consumes it in turn; the emails stay pending in the table for the timers.',
    });
  }
}

function everyFewMinutes(scope: Construct, id: string, description: string, everyMinutes: number, fn: lambda.IFunction) {
  new events.Rule(scope, id, {
    description: `${description} every ${everyMinutes} min`,
    schedule: events.Schedule.rate(Duration.minutes(everyMinutes)),
    targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
  });
}

function existingEntry(capability: string, file: EntryKind): string {
  const entry = entryFile(capability, file);
  if (!existsSync(entry)) {
    throw new Error(
      `Capability "${capability}" needs ${path.relative(repoRoot, entry)} exporting \`handler\`` +
        (file === 'scheduled' ? ' because it has scheduled work' : file === 'delivery' ? ' because it sends emails' : ''),
    );
  }
  return entry;
}
