/**
 * How the outbox stands, for the "emails waiting" alarm: the pending emails and the oldest one's age,
 * read from each capability's partition of the pending-email index, in total and each, and recorded
 * as CloudWatch metrics (EMF) through core's Powertools recorder. Against DynamoDB Local, with a table
 * of its own. (That the platform timer publishes it on every run is functions/platform-timer.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../../test/support/own-table.js';
import { metrics } from '../log.js';
import { transactWrite } from '../store/transactions.js';
import { backlogMetrics, outboxBacklog, recordOutboxBacklog } from './backlog.js';
import { claimEmail, newOutboxEmail, outboxWrite, recordEmailAttempt } from './outbox.js';

beforeAll(() => useOwnTable('backlog', { delivery: 'manual' }));

const MINUTE = 60_000;
const now = new Date('2030-03-01T12:00:00Z');
const minutesBefore = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);

const CAPABILITIES = ['test-capability', 'other-capability'];
const each = (test: { pending: number; oldestAgeSeconds: number }, other = { pending: 0, oldestAgeSeconds: 0 }) => ({ 'test-capability': test, 'other-capability': other });

/** An email written `minutes` before now and taken by a sender (as the stream or the timer takes it). */
async function pendingEmail(minutes: number, capability = 'test-capability') {
  const email = newOutboxEmail({ capability, kind: 'news', about: { personId: `p${minutes}` }, now: minutesBefore(minutes) });
  await transactWrite([outboxWrite(email)]);
  const lease = `lease-${email.id}`;
  const claimed = await claimEmail(email.id, minutesBefore(minutes).toISOString(), new Date(now.getTime() + MINUTE).toISOString(), lease);
  expect(claimed).toBeDefined();
  return { email: claimed!, lease };
}

describe('the outbox backlog', () => {
  it('is nothing waiting when the outbox is empty', async () => {
    expect(await outboxBacklog(now, CAPABILITIES)).toEqual({ pending: 0, oldestAgeSeconds: 0, complete: true, byCapability: each({ pending: 0, oldestAgeSeconds: 0 }) });
  });

  it('counts pending emails and the oldest one’s wait since it was written; a settled email leaves it', async () => {
    const oldest = await pendingEmail(20);
    const middle = await pendingEmail(5);
    await pendingEmail(1);
    expect(await outboxBacklog(now, CAPABILITIES)).toEqual({ pending: 3, oldestAgeSeconds: 20 * 60, complete: true, byCapability: each({ pending: 3, oldestAgeSeconds: 20 * 60 }) });

    expect(await recordEmailAttempt(oldest.email, oldest.lease, now.toISOString(), { status: 'sent' })).toBe(true);
    expect(await outboxBacklog(now, CAPABILITIES)).toEqual({ pending: 2, oldestAgeSeconds: 5 * 60, complete: true, byCapability: each({ pending: 2, oldestAgeSeconds: 5 * 60 }) });
    // Waiting for a retry is still waiting; given up on is not.
    expect(await recordEmailAttempt(middle.email, middle.lease, now.toISOString(), { status: 'pending', error: 'SES down', retryAt: new Date(now.getTime() + 2 * MINUTE).toISOString() })).toBe(true);
    expect(await outboxBacklog(now, CAPABILITIES)).toEqual({ pending: 2, oldestAgeSeconds: 5 * 60, complete: true, byCapability: each({ pending: 2, oldestAgeSeconds: 5 * 60 }) });
  });

  it('adds up every capability’s backlog, the oldest being the oldest of any', async () => {
    await pendingEmail(30, 'other-capability');
    await pendingEmail(2, 'other-capability');
    expect(await outboxBacklog(now, CAPABILITIES)).toEqual({
      pending: 4,
      oldestAgeSeconds: 30 * 60,
      complete: true,
      byCapability: each({ pending: 2, oldestAgeSeconds: 5 * 60 }, { pending: 2, oldestAgeSeconds: 30 * 60 }),
    });
    // Only the capabilities asked about are read.
    expect((await outboxBacklog(now, ['test-capability'])).pending).toBe(2);
  });

  it('is recorded as EmailsPending (Count) and OldestPendingEmailAgeSeconds (Seconds) in the Engagement namespace', () => {
    recordOutboxBacklog({ pending: 2, oldestAgeSeconds: 300 });
    // The embedded-metric-format document Powertools writes at the end of the invocation (tests turn the writing off).
    const emf = metrics.serializeMetrics() as unknown as Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Namespace: string; Metrics: unknown[] }> } };
    metrics.clearMetrics();
    expect(emf).toMatchObject({ [backlogMetrics.pending]: 2, [backlogMetrics.oldestAge]: 300 });
    expect(emf._aws.CloudWatchMetrics[0]!.Namespace).toBe('Engagement');
    expect(emf._aws.CloudWatchMetrics[0]!.Metrics).toEqual(
      expect.arrayContaining([
        { Name: backlogMetrics.pending, Unit: 'Count' },
        { Name: backlogMetrics.oldestAge, Unit: 'Seconds' },
      ]),
    );
  });
});
