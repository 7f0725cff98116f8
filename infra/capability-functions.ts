/**
 * A Lambda for every capability in functions/capabilities.ts, a timer-driven Lambda for each capability
 * with `scheduled` work, and the platform's delivery function (email from the table's stream, plus its
 * own timer). Adding a capability to that list is all it takes: nothing here names one.
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
import { platformKeys } from '../functions/core/platform-keys.js';
import { CapabilityFunction, type FunctionSurroundings } from './capability-function.js';
import { deliveryEntry, entryFile, repoRoot } from './function-bundling.js';

export interface CapabilityFunctionsProps extends FunctionSurroundings {
  capabilities: readonly Capability[];
  /** Each capability's own settings from context (infra/settings.ts), as its functions' environment. */
  capabilitySettings: ReadonlyMap<string, Record<string, string>>;
  sendEmail: iam.PolicyStatement;
}

/** The delivery function's name in logs and metrics (the `service` dimension of what it publishes). */
export const DELIVERY_SERVICE = 'delivery';

/** How the delivery function reads the stream: small batches, one at a time per shard, so sending stays within the SES rate. */
export const deliveryStream = { batchSize: 10, parallelizationFactor: 1, retryAttempts: 2, maxBatchingWindowSeconds: 1 };

export class CapabilityFunctions extends Construct {
  /** The request-handling function of each capability, by capability name. */
  readonly byCapability = new Map<string, lambda.IFunction>();
  /** The scheduled-work function of each capability that has one, by capability name. */
  readonly scheduledByCapability = new Map<string, lambda.IFunction>();
  readonly delivery: lambda.IFunction;
  /** Every function above, each with its service name (POWERTOOLS_SERVICE_NAME), for alarms and the dashboard. */
  readonly all: Array<{ serviceName: string; function: lambda.Function }> = [];
  /** Where the delivery function's stream mapping records batches it gave up on. */
  readonly deliveryFailures: sqs.Queue;

  constructor(scope: Construct, id: string, props: CapabilityFunctionsProps) {
    super(scope, id);
    const { capabilities, capabilitySettings, sendEmail, ...surroundings } = props;

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

    const delivery = new CapabilityFunction(this, 'delivery', {
      ...surroundings,
      serviceName: DELIVERY_SERVICE,
      sendEmail,
      entry: deliveryEntry,
      description: 'platform: email delivery from the outbox stream, retries and retention every 5 min',
      timeout: Duration.minutes(5),
      memorySize: 512,
      retryAttempts: 0,
    });
    this.delivery = delivery.function;
    this.all.push({ serviceName: DELIVERY_SERVICE, function: delivery.function });
    // Batches that fail even after retries are noted here; their emails stay pending in the table and
    // the timer sends them, so nothing is lost.
    const failedBatches = (this.deliveryFailures = new sqs.Queue(this, 'DeliveryFailures', { enforceSSL: true, retentionPeriod: Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED }));
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
        // Only new outbox items reach the function: not every other write to the table.
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT'), dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith(platformKeys.outbox) } } } })],
      }),
    );
    everyFewMinutes(this, 'delivery-timer', 'Retries emails and finishes retention work', 5, delivery.function);

    Validations.of(failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the dead-letter destination of the delivery function's stream mapping (records of batches " +
        'that failed after retries). Nothing consumes it in turn; the emails stay pending in the table for the timer.',
    });
    Validations.of(delivery.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams has no resource-level permissions, so reading the table stream (as the Lambda event source ' +
        'mapping does) needs it on *. The other stream actions are granted on this table\'s stream only.',
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

function existingEntry(capability: string, file: 'handler' | 'scheduled'): string {
  const entry = entryFile(capability, file);
  if (!existsSync(entry)) {
    throw new Error(
      `Capability "${capability}" needs ${path.relative(repoRoot, entry)} exporting \`handler\`` + (file === 'scheduled' ? ' because it has scheduled work' : ''),
    );
  }
  return entry;
}
