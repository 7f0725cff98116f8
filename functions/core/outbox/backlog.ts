/**
 * How the outbox stands, for the alarms and the dashboard: how many emails are waiting (pending: new,
 * being sent, or waiting for a retry) and how long the oldest has waited since it was written. An
 * email normally leaves the outbox within seconds of being written, so an old one means email has
 * stopped going out (SES refusing, or a capability's delivery failing).
 *
 * Read from each emailing capability's partition of the pending-email index (gsi1
 * `EMAIL#PENDING#<capability>`), which holds exactly its pending emails (an email leaves it once sent,
 * skipped or failed), so the cost follows the backlog, not the table: normally nothing. It is ordered
 * by next attempt, not by age, so the whole backlog is read (only its `createdAt`), up to a bound per
 * capability; beyond it the figures are a floor, and the alarm has long gone off. The platform timer
 * publishes the platform's totals on every run, even when nothing waits, so a gap means the timer
 * itself stopped; it needs no capability's code, only the names from the manifests.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../log.js';
import { values } from '../store/items.js';
import { queryAll } from '../store/reads.js';
import { pendingEmailsOf } from './keys.js';

export const backlogMetrics = { pending: 'EmailsPending', oldestAge: 'OldestPendingEmailAgeSeconds' } as const;

/** At most this many pending emails of one capability are read (about half a kilobyte each). */
export const BACKLOG_READ_LIMIT = 10_000;

export interface PendingEmails {
  /** Pending emails, counting up to BACKLOG_READ_LIMIT for each capability. */
  pending: number;
  /** Seconds since the oldest pending email was written; 0 when none waits. */
  oldestAgeSeconds: number;
}

export interface OutboxBacklog extends PendingEmails {
  /** False when a capability had more than BACKLOG_READ_LIMIT (the figures are then a floor). */
  complete: boolean;
  /** The same figures for each capability read. */
  byCapability: Record<string, PendingEmails>;
}

async function pendingOf(capability: string, now: Date): Promise<PendingEmails & { complete: boolean }> {
  const items = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: values({ ':pk': pendingEmailsOf(capability) }),
      ProjectionExpression: 'createdAt',
    },
    BACKLOG_READ_LIMIT,
  );
  const oldest = items.reduce<string | undefined>((min, item) => {
    const createdAt = item['createdAt']?.S;
    return createdAt && (!min || createdAt < min) ? createdAt : min;
  }, undefined);
  return {
    pending: items.length,
    oldestAgeSeconds: oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : 0,
    complete: items.length < BACKLOG_READ_LIMIT,
  };
}

/** The backlog of these capabilities (the platform timer passes every manifest with `emails`), in total and each. */
export async function outboxBacklog(now: Date, capabilities: readonly string[]): Promise<OutboxBacklog> {
  const each = await Promise.all(capabilities.map(async (capability) => [capability, await pendingOf(capability, now)] as const));
  return {
    pending: each.reduce((sum, [, b]) => sum + b.pending, 0),
    oldestAgeSeconds: each.reduce((max, [, b]) => Math.max(max, b.oldestAgeSeconds), 0),
    complete: each.every(([, b]) => b.complete),
    byCapability: Object.fromEntries(each.map(([capability, { pending, oldestAgeSeconds }]) => [capability, { pending, oldestAgeSeconds }])),
  };
}

/** Adds the platform's backlog (the totals) to this invocation's metrics (published at its end with the rest). */
export function recordOutboxBacklog(backlog: PendingEmails): void {
  metrics.addMetric(backlogMetrics.pending, MetricUnit.Count, backlog.pending);
  metrics.addMetric(backlogMetrics.oldestAge, MetricUnit.Seconds, backlog.oldestAgeSeconds);
}
