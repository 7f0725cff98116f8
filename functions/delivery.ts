/**
 * The platform's own function: email delivery and the platform's timer work.
 *
 * - From the table's stream (a batch of new outbox items, keys only): each is claimed and sent at once.
 * - On its timer: emails whose retry is due, notices whose fan-out was cut short, and retention tasks
 *   a request could not finish; then how the outbox stands (emails waiting, the oldest one's age),
 *   published as metrics for the alarms.
 *
 * Every capability's email kinds are bundled here (esbuild follows the `import()` below to every
 * `functions/<name>/emails.ts`), and only here: request functions never build or send email.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { capabilities } from './capabilities.js';
import type { Deadline } from './core/deadline.js';
import { jobHandler } from './core/http/lambda.js';
import { logger } from './core/log.js';
import { outboxBacklog, recordOutboxBacklog } from './core/outbox/backlog.js';
import { deliverDue, deliverNew, noDeliveries, type DeliveryCounts } from './core/outbox/delivery.js';
import type { CapabilityEmails, EmailRegistry } from './core/outbox/kinds.js';
import { insertedOutboxIds, type StreamRecord } from './core/outbox/stream.js';
import { resumeRetentionTasks } from './core/retention.js';

let registry: Promise<EmailRegistry> | undefined;

/** Every capability's email kinds, by capability name (loaded once per container). */
export function emailRegistry(): Promise<EmailRegistry> {
  registry ??= Promise.all(
    capabilities
      .filter((cap) => cap.emails)
      .map(async (cap) => {
        const { emails } = (await import(`./${cap.name}/emails.ts`)) as { emails: CapabilityEmails };
        if (emails?.capability !== cap.name) throw new Error(`functions/${cap.name}/emails.ts must export \`emails\` for capability ${cap.name}`);
        return [cap.name, emails] as const;
      }),
  ).then((entries) => new Map(entries));
  return registry;
}

/** A stream batch gets a minute; the function's timeout leaves room to record what happened. */
const STREAM_BUDGET_MS = 60_000;
/** The timer runs every 5 minutes: stop starting new work after 4. */
const TIMER_BUDGET_MS = 4 * 60_000;

export async function deliverStreamBatch(records: readonly StreamRecord[], now = new Date()): Promise<DeliveryCounts> {
  const ids = insertedOutboxIds(records);
  if (!ids.length) return noDeliveries();
  return deliverNew(ids, await emailRegistry(), now, Date.now() + STREAM_BUDGET_MS);
}

export interface PlatformTimerResult extends DeliveryCounts {
  expiriesMoved: number;
  /** Emails still waiting after this run, and how long the oldest has waited. */
  emailsPending: number;
  oldestPendingEmailAgeSeconds: number;
}

export async function runPlatformTimer(now = new Date(), deadline: Deadline = Date.now() + TIMER_BUDGET_MS): Promise<PlatformTimerResult> {
  const startedAt = Date.now();
  const delivered = await deliverDue(await emailRegistry(), now, deadline);
  const expiriesMoved = await resumeRetentionTasks(now, deadline);
  // Measured after this run's retries, at the run's clock (`now` moved on by the time it took).
  const backlog = await outboxBacklog(new Date(now.getTime() + (Date.now() - startedAt)));
  recordOutboxBacklog(backlog);
  if (!backlog.complete) logger.warn('more emails are waiting than the backlog count reads; the figures are a floor', { emailsPending: backlog.pending });
  return { ...delivered, expiriesMoved, emailsPending: backlog.pending, oldestPendingEmailAgeSeconds: backlog.oldestAgeSeconds };
}

/** Invoked by the table's stream (a batch of records) or by EventBridge on the timer (a scheduled event). */
export const handler = jobHandler(async (event: { Records: StreamRecord[] } | ScheduledEvent) => {
  if (event && 'Records' in event && Array.isArray(event.Records)) return deliverStreamBatch(event.Records);
  const result = await runPlatformTimer();
  logger.info('platform timer work done', { ...result });
  return result;
});
