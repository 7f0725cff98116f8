/**
 * The composition root at work: composes the platform from functions/capabilities.ts and loads the
 * parts of each capability that only the local server, the CDK app, the OpenAPI build and tests need:
 * its app and routes, its timer, its email delivery and other stream consumers, its demo data. Found by name in the capability's
 * folder (see core/capability.ts). Never imported by a Lambda: a Lambda is built with the manifests as data.
 */
import type { Context as LambdaContext, ScheduledEvent } from 'aws-lambda';
import type { Hono } from 'hono';
import { capabilities } from './capabilities.js';
import type { Capability } from './core/capability.js';
import type { EmailDelivery } from './core/outbox/delivery.js';
import { composePlatform } from './core/platform.js';
import { streamConsumersOf, type PlatformStreamConsumer } from './core/stream-consumers.js';
import type { StreamRecord } from './core/streams.js';
import type { ApiRouteSpec } from './core/http/api.js';
import type { AppEnv } from './core/http/auth.js';

export interface LoadedCapability extends Capability {
  app: Hono<AppEnv>;
  api: readonly ApiRouteSpec[];
}

/** The manifest alone (data), without the loaded app. */
export const manifestOf = ({ app: _app, api: _api, ...manifest }: LoadedCapability): Capability => manifest;

export async function loadCapabilities(): Promise<LoadedCapability[]> {
  composePlatform(capabilities);
  return Promise.all(
    capabilities.map(async (cap) => {
      const parts = (await import(`./${cap.name}/app.tsx`)) as { app: Hono<AppEnv>; api: readonly ApiRouteSpec[] };
      if (!parts.app || !parts.api) throw new Error(`functions/${cap.name}/app.tsx must export \`app\` and \`api\``);
      return { ...cap, app: parts.app, api: parts.api };
    }),
  );
}

/** A capability's scheduled Lambda handler, as EventBridge invokes it (a scheduled event and a Lambda context). */
export type ScheduledHandler = (event: ScheduledEvent, context: LambdaContext) => Promise<unknown>;

/** Each capability's timer work: its scheduled Lambda's handler, for `npm start` to invoke as AWS does. */
export async function loadScheduledWork(): Promise<Array<{ capability: string; everyMinutes: number; handler: ScheduledHandler }>> {
  return Promise.all(
    capabilities.flatMap((cap) =>
      cap.scheduled
        ? [
            (async () => {
              const { handler } = (await import(`./${cap.name}/scheduled.ts`)) as { handler: ScheduledHandler };
              if (typeof handler !== 'function') throw new Error(`functions/${cap.name}/scheduled.ts must export \`handler\``);
              return { capability: cap.name, everyMinutes: cap.scheduled!.everyMinutes, handler };
            })(),
          ]
        : [],
    ),
  );
}

/**
 * Each emailing capability's delivery function (its `delivery.ts` handler, with what it does on a
 * stream batch and on its timer), for `npm start`, the tests and the bench to run as AWS runs them.
 */
export async function loadEmailDeliveries(): Promise<EmailDelivery[]> {
  composePlatform(capabilities);
  return Promise.all(
    capabilities
      .filter((cap) => cap.emails)
      .map(async (cap) => {
        const { handler } = (await import(`./${cap.name}/delivery.ts`)) as { handler: EmailDelivery };
        if (typeof handler !== 'function' || handler.capability !== cap.name) {
          throw new Error(`functions/${cap.name}/delivery.ts must export \`handler = emailDelivery(emails)\` for capability ${cap.name}`);
        }
        return handler;
      }),
  );
}

/** A stream consumer with its Lambda handler, as the event source mapping invokes it (a batch of records and a Lambda context). */
export interface LoadedStreamConsumer extends PlatformStreamConsumer {
  handler: (event: { Records: StreamRecord[] }, context: LambdaContext) => Promise<unknown>;
}

/**
 * Every consumer of the table's stream (core/stream-consumers.ts: each email delivery and each
 * declared consumer) with its handler, for `npm start`, the tests and the bench to run from DynamoDB
 * Local's stream as the event source mappings run them in AWS.
 */
export async function loadStreamConsumers(): Promise<LoadedStreamConsumer[]> {
  composePlatform(capabilities);
  const deliveries = new Map((await loadEmailDeliveries()).map((d) => [d.capability, d]));
  return Promise.all(
    capabilities.flatMap((cap) =>
      streamConsumersOf(cap).map(async (consumer): Promise<LoadedStreamConsumer> => {
        if (consumer.emailDelivery) return { ...consumer, handler: deliveries.get(cap.name)! };
        const { handler } = (await import(`./${cap.name}/${consumer.name}.ts`)) as { handler?: LoadedStreamConsumer['handler'] };
        if (typeof handler !== 'function') throw new Error(`functions/${cap.name}/${consumer.name}.ts must export \`handler = streamHandler(...)\` (its stream consumer “${consumer.name}”)`);
        return { ...consumer, handler };
      }),
    ),
  );
}

/** Each capability's demo data, for `npm start` (idempotent). */
export async function loadDemoData(): Promise<Array<{ capability: string; seed: () => Promise<void> }>> {
  return Promise.all(
    capabilities
      .filter((cap) => cap.demoData)
      .map(async (cap) => {
        const { seedDemoData } = (await import(`./${cap.name}/seed.ts`)) as { seedDemoData: () => Promise<void> };
        return { capability: cap.name, seed: seedDemoData };
      }),
  );
}
