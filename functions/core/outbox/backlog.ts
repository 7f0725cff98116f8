/**
 * How the outbox stands, for the alarms and the dashboard: how many emails are waiting (pending: new,
 * being sent, or waiting for a retry) and how long the oldest has waited since it was written. An
 * email normally leaves the outbox within seconds of being written, so an old one means email has
 * stopped going out (SES refusing, or delivery failing).
 *
 * Read from the pending-email index (gsi1 `EMAIL#PENDING`), which holds exactly the pending emails
 * (an email leaves it once sent, skipped or failed), so the cost follows the backlog, not the table:
 * normally nothing. It is ordered by next attempt, not by age, so the whole backlog is read (only its
 * `createdAt`), up to a bound; beyond it the figures are a floor, and the alarm has long gone off.
 * The platform timer publishes them on every run, even when nothing waits, so a gap means the timer
 * itself stopped.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../log.js';
import { platformKeys } from '../platform-keys.js';
import { values } from '../store/items.js';
import { queryAll } from '../store/reads.js';

export const backlogMetrics = { pending: 'EmailsPending', oldestAge: 'OldestPendingEmailAgeSeconds' } as const;

/** At most this many pending emails are read (about half a kilobyte each). */
export const BACKLOG_READ_LIMIT = 10_000;

export interface OutboxBacklog {
  /** Pending emails, counting up to BACKLOG_READ_LIMIT. */
  pending: number;
  /** Seconds since the oldest pending email was written; 0 when none waits. */
  oldestAgeSeconds: number;
  /** False when there were more than BACKLOG_READ_LIMIT (the figures are then a floor). */
  complete: boolean;
}

export async function outboxBacklog(now: Date): Promise<OutboxBacklog> {
  const items = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: values({ ':pk': platformKeys.pendingEmails }),
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

/** Adds the backlog to this invocation's metrics (published at its end with the rest). */
export function recordOutboxBacklog(backlog: OutboxBacklog): void {
  metrics.addMetric(backlogMetrics.pending, MetricUnit.Count, backlog.pending);
  metrics.addMetric(backlogMetrics.oldestAge, MetricUnit.Seconds, backlog.oldestAgeSeconds);
}
