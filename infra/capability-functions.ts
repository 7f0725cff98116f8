/**
 * A Lambda for every capability in functions/capabilities.ts, a timer-driven Lambda for each capability
 * with `scheduled` work, a delivery Lambda for each capability that sends `emails` (its own outbox items
 * from the table's stream, and its retries on a timer), a Lambda for each stream consumer a capability
 * declares (`streamConsumers`, e.g. the meetings decider), the platform timer (retention, the outbox
 * backlog) and the platform's email-events function (SES's bounces and complaints). Every stream mapping
 * is built from core/stream-consumers.ts, the list `npm start` and the tests run from DynamoDB Local's
 * stream. Adding a capability to that list is all it takes: nothing here names one.
 */
import { existsSync, readFileSync } from 'node:fs';
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
import { streamConsumersOf, type PlatformStreamConsumer } from '../functions/core/stream-consumers.js';
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

/**
 * One batch at a time per shard: a partition key's records stay in order, and one meeting's queue
 * (all under its partition key) has one decider at a time.
 */
export const STREAM_PARALLELIZATION = 1;

/** How often each delivery function retries what is due, and the platform timer runs. */
const TIMER_MINUTES = 5;

export class CapabilityFunctions extends Construct {
  /** The request-handling function of each capability, by capability name. */
  readonly byCapability = new Map<string, lambda.IFunction>();
  /** The scheduled-work function of each capability that has one, by capability name. */
  readonly scheduledByCapability = new Map<string, lambda.IFunction>();
  /** The email delivery function of each capability that sends email, with its service name. */
  readonly deliveries: Array<{ capability: string; serviceName: string; function: lambda.Function }> = [];
  /** Every function the table's stream invokes (the deliveries and the declared consumers), for the stream alarms. */
  readonly streamConsumers: Array<{ consumer: PlatformStreamConsumer; function: lambda.Function }> = [];
  readonly platformTimer: lambda.IFunction;
  /** The platform's function for SES's bounces and complaints (infra/email-events.ts routes them to it). */
  readonly emailEvents: lambda.IFunction;
  /** Every function above, each with its service name (POWERTOOLS_SERVICE_NAME), for alarms and the dashboard. */
  readonly all: Array<{ serviceName: string; function: lambda.Function }> = [];
  /** Where every stream mapping (email deliveries, the other consumers) records batches it gave up on (one queue: each record names its mapping). */
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
        besideBundle: besideBundle(capability.name),
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

    // Batches that fail even after retries are noted here. Nothing is lost: emails stay pending in the
    // table for each delivery's timer, and registration requests stay queued for the meetings sweep.
    const failedBatches = (this.deliveryFailures = new sqs.Queue(this, 'DeliveryFailures', { enforceSSL: true, retentionPeriod: Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED }));
    for (const capability of capabilities) {
      for (const consumer of streamConsumersOf(capability)) {
        const { serviceName } = consumer;
        const fn = new CapabilityFunction(this, serviceName, {
          ...surroundings,
          environment: {
            ...surroundings.environment,
            ...capabilitySettings.get(capability.name),
            ...(consumer.emailDelivery && emailSendRate ? { EMAIL_SEND_RATE: String(emailSendRate) } : {}),
          },
          serviceName,
          // Only delivery functions send email; each takes an equal share of the account's rate (core/outbox/send-rate.ts).
          ...(consumer.emailDelivery ? { sendEmail } : {}),
          entry: existingEntry(capability.name, consumer.name),
          description: `${capability.name}: ${consumer.description}`,
          timeout: Duration.seconds(consumer.timeoutSeconds),
          memorySize: 512,
          retryAttempts: 0,
        });
        fn.function.addEventSource(
          new DynamoEventSource(surroundings.table.table, {
            startingPosition: lambda.StartingPosition.LATEST,
            batchSize: consumer.batchSize,
            parallelizationFactor: STREAM_PARALLELIZATION,
            maxBatchingWindow: Duration.seconds(consumer.batchingWindowSeconds),
            retryAttempts: consumer.retryAttempts,
            bisectBatchOnError: true,
            reportBatchItemFailures: false,
            onFailure: new SqsDlq(failedBatches),
            // Only what it is for reaches it: new items under its keys (an email delivery: its own capability's outbox items).
            filters: [lambda.FilterCriteria.filter(insertFilter(consumer))],
          }),
        );
        if (consumer.emailDelivery) {
          everyFewMinutes(this, `${serviceName}-timer`, `Retries ${capability.name} emails and finishes cut-short notices`, TIMER_MINUTES, fn.function);
          this.deliveries.push({ capability: capability.name, serviceName, function: fn.function });
        }
        this.streamConsumers.push({ consumer, function: fn.function });
        this.all.push({ serviceName, function: fn.function });
        Validations.of(fn.role).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'dynamodb:ListStreams has no resource-level permissions, so reading the table stream (as the Lambda event source ' +
            'mapping does) needs it on *. The other stream actions are granted on this table\'s stream only.',
        });
      }
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
        "This queue is itself the dead-letter destination of the stream mappings (records of batches that failed after " +
        'retries). Nothing consumes it in turn; what the records pointed at stays in the table for the timers.',
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

/** The mapping's filter pattern: inserts whose partition key (and sort key, when declared) begin as declared. */
function insertFilter({ inserted }: PlatformStreamConsumer) {
  return {
    eventName: lambda.FilterRule.isEqual('INSERT'),
    dynamodb: {
      Keys: {
        pk: { S: lambda.FilterRule.beginsWith(inserted.pkPrefix) },
        ...(inserted.skPrefix !== undefined ? { sk: { S: lambda.FilterRule.beginsWith(inserted.skPrefix) } } : {}),
      },
    },
  };
}

function existingEntry(capability: string, file: EntryKind): string {
  const entry = entryFile(capability, file);
  if (!existsSync(entry)) {
    throw new Error(
      `Capability "${capability}" needs ${path.relative(repoRoot, entry)} exporting \`handler\`` +
        (file === 'scheduled' ? ' because it has scheduled work' : file === 'delivery' ? ' because it sends emails' : file === 'handler' ? '' : ` for its stream consumer “${file}”`),
    );
  }
  return entry;
}

/**
 * Files a capability's request function reads at run time from beside its bundle, listed (paths under
 * the repository) in `functions/<name>/beside-bundle.json` when it has any: the reports' WebAssembly
 * rasteriser and fonts for the Word document's PNG charts.
 */
function besideBundle(capability: string): string[] | undefined {
  const list = path.join(repoRoot, 'functions', capability, 'beside-bundle.json');
  return existsSync(list) ? (JSON.parse(readFileSync(list, 'utf8')) as string[]) : undefined;
}
