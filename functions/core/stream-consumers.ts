/**
 * Every consumer of the table's stream the platform runs, from the manifests: each emailing
 * capability's delivery (its own new outbox items) and each consumer a capability declares
 * (`streamConsumers`). The CDK app builds a Lambda and an event source mapping for each from this
 * list, and `npm start`, the tests and the bench run the same handlers from DynamoDB Local's stream,
 * so the two cannot drift apart. Data only: no consumer's code is loaded here.
 */
import type { Capability } from './capability.js';
import { DELIVERY_TIMER_MINUTES, deliveryReading, outboxInserted } from './outbox/stream.js';
import { WAKING_CONTRACTS, type StreamConsumerDeclaration } from './streams.js';

export interface PlatformStreamConsumer extends StreamConsumerDeclaration {
  capability: string;
  /** Its name in logs, metrics and alarms (POWERTOOLS_SERVICE_NAME): `<capability>-<name>`. */
  serviceName: string;
  /** The capability's email delivery (`delivery.ts`, `emailDelivery(emails)`), which also runs on a timer and sends email. */
  emailDelivery: boolean;
}

/** The file name every email delivery has (functions/<capability>/delivery.ts). */
export const EMAIL_DELIVERY = 'delivery';

/** A capability's stream consumers: its email delivery when it sends email, then those it declares. */
export function streamConsumersOf(capability: Capability): PlatformStreamConsumer[] {
  const delivery: StreamConsumerDeclaration = {
    name: EMAIL_DELIVERY,
    description: `email from the outbox stream, retries every ${DELIVERY_TIMER_MINUTES} min`,
    inserted: outboxInserted(capability.name),
    ...deliveryReading,
  };
  return [...(capability.emails ? [delivery] : []), ...(capability.streamConsumers ?? [])].map((declaration) => ({
    ...declaration,
    capability: capability.name,
    serviceName: `${capability.name}-${declaration.name}`,
    emailDelivery: declaration === delivery,
  }));
}

/** Names a consumer may not take: the files every capability already has a use for. */
const TAKEN = new Set(['capability', 'app', 'handler', 'scheduled', EMAIL_DELIVERY, 'seed', 'fixtures', 'model']);

/**
 * Checks a capability's declared consumers: a name of its own (a file name, lower-case), whole seconds
 * in AWS's ranges, and a filter on its own keys or on one of core's waking contracts (a capability is
 * woken by its own items or by core's, never by another capability's). Throws naming what is wrong.
 */
export function checkStreamConsumers(capability: Capability): void {
  const names = new Set<string>();
  const own = Object.values(capability.keyPrefixes ?? {});
  for (const c of capability.streamConsumers ?? []) {
    const where = `${capability.name}'s stream consumer “${c.name}”`;
    if (!/^[a-z][a-z0-9-]*$/.test(c.name) || TAKEN.has(c.name)) throw new Error(`${where}: name it with lower-case letters, digits and hyphens, not one of ${[...TAKEN].join(', ')}`);
    if (names.has(c.name)) throw new Error(`${where} is declared twice`);
    names.add(c.name);
    // Its own keys, or one of core's contracts made to wake others (an announcement of something published).
    const contracts: readonly string[] = Object.values(WAKING_CONTRACTS);
    if (!own.some((prefix) => c.inserted.pkPrefix.startsWith(prefix)) && !contracts.includes(c.inserted.pkPrefix)) {
      throw new Error(`${where} must be woken by ${capability.name}'s own keys (${own.join(', ') || 'it declares none'}) or a contract of core's (${contracts.join(', ')}), not ${c.inserted.pkPrefix}`);
    }
    const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
    if (!whole(c.batchSize, 1, 10_000)) throw new Error(`${where}: batchSize must be a whole number from 1 to 10,000`);
    if (!whole(c.batchingWindowSeconds, 0, 300)) throw new Error(`${where}: batchingWindowSeconds must be a whole number from 0 to 300`);
    if (!whole(c.retryAttempts, 0, 10_000)) throw new Error(`${where}: retryAttempts must be a whole number from 0 to 10,000`);
    if (!whole(c.timeoutSeconds, 1, 900)) throw new Error(`${where}: timeoutSeconds must be a whole number from 1 to 900`);
  }
}
