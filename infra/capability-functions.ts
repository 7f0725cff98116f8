/**
 * A Lambda for every capability in functions/capabilities.ts, and a timer-driven Lambda for each
 * capability with `scheduled` work. Adding a capability to that list is all it takes: nothing here
 * names one.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Capability } from '../functions/core/capability.js';
import { CapabilityFunction, type FunctionSurroundings } from './capability-function.js';
import { entryFile, repoRoot } from './function-bundling.js';

export interface CapabilityFunctionsProps extends FunctionSurroundings {
  capabilities: readonly Capability[];
}

export class CapabilityFunctions extends Construct {
  /** The request-handling function of each capability, by capability name. */
  readonly byCapability = new Map<string, lambda.IFunction>();
  /** The scheduled-work function of each capability that has one, by capability name. */
  readonly scheduledByCapability = new Map<string, lambda.IFunction>();

  constructor(scope: Construct, id: string, props: CapabilityFunctionsProps) {
    super(scope, id);
    const { capabilities, ...surroundings } = props;

    for (const capability of capabilities) {
      const requests = new CapabilityFunction(this, capability.name, {
        ...surroundings,
        entry: existingEntry(capability.name, 'handler'),
        description: `${capability.name}: pages and API`,
        // API Gateway gives up on an integration after 30 seconds; fail well before that.
        timeout: Duration.seconds(15),
        memorySize: 1024,
      });
      this.byCapability.set(capability.name, requests.function);

      if (capability.scheduled) {
        const { everyMinutes } = capability.scheduled;
        if (!Number.isInteger(everyMinutes) || everyMinutes < 1) {
          throw new Error(`Capability "${capability.name}": scheduled.everyMinutes must be a whole number of minutes, at least 1`);
        }
        const job = new CapabilityFunction(this, `${capability.name}-scheduled`, {
          ...surroundings,
          entry: existingEntry(capability.name, 'scheduled'),
          description: `${capability.name}: scheduled work every ${everyMinutes} min`,
          // Finish before the next run starts; a failed run is simply tried again at the next tick.
          timeout: Duration.minutes(Math.min(everyMinutes, 5)),
          memorySize: 512,
          retryAttempts: 0,
        });
        new events.Rule(this, `${capability.name}-timer`, {
          description: `Runs ${capability.name} scheduled work every ${everyMinutes} min`,
          schedule: events.Schedule.rate(Duration.minutes(everyMinutes)),
          targets: [new targets.LambdaFunction(job.function, { retryAttempts: 2 })],
        });
        this.scheduledByCapability.set(capability.name, job.function);
      }
    }
  }
}

function existingEntry(capability: string, file: 'handler' | 'scheduled'): string {
  const entry = entryFile(capability, file);
  if (!existsSync(entry)) {
    throw new Error(
      `Capability "${capability}" needs ${path.relative(repoRoot, entry)} exporting \`handler\`` +
        (file === 'scheduled' ? ' because it has scheduled work' : ''),
    );
  }
  return entry;
}
