/**
 * The platform timer measures the outbox of every capability that sends email (from the manifests)
 * and records the backlog on every run, 0 included, so the "emails waiting" alarm can treat silence as
 * the timer having stopped. It sends nothing itself: that is each capability's delivery. Against
 * DynamoDB Local, with a table of its own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../test/support/own-table.js';
import { metrics } from './core/log.js';
import { backlogMetrics } from './core/outbox/backlog.js';
import { claimEmail, getOutboxEmail, newOutboxEmail, outboxWrite, recordEmailAttempt, type OutboxEmail } from './core/outbox/outbox.js';
import { transactWrite } from './core/store/transactions.js';
import { emailingCapabilities, runPlatformTimer } from './platform-timer.js';

beforeAll(() => useOwnTable('platform-timer', { delivery: 'manual' }));

const MINUTE = 60_000;
const now = new Date('2030-03-01T12:00:00Z');

/** What this run recorded for the backlog (as its EMF document would say), then cleared as publishing clears it. */
function recordedBacklog() {
  const emf = metrics.serializeMetrics() as unknown as Record<string, unknown>;
  metrics.clearMetrics();
  return { pending: emf[backlogMetrics.pending], oldestAge: emf[backlogMetrics.oldestAge] };
}

const taken: Array<{ email: OutboxEmail; lease: string }> = [];

describe('the platform timer', () => {
  it('reads the backlog of every capability the manifests say sends email', () => {
    expect(emailingCapabilities().sort()).toEqual(['actions', 'consultations', 'meetings', 'subscriptions', 'surgeries']);
  });

  it('records the backlog over every capability, on the run’s clock, and sends nothing', async () => {
    // Emails of two capabilities taken by their senders until 30 minutes from now.
    for (const [capability, minutes] of [['meetings', 5], ['surgeries', 1]] as const) {
      const email = newOutboxEmail({ capability, kind: 'news', about: { personId: `p${minutes}` }, now: new Date(now.getTime() - minutes * MINUTE) });
      await transactWrite([outboxWrite(email)]);
      const lease = `lease-${minutes}`;
      const claimed = await claimEmail(email.id, now.toISOString(), new Date(now.getTime() + 30 * MINUTE).toISOString(), lease);
      expect(claimed).toBeDefined();
      taken.push({ email: claimed!, lease });
    }
    const result = await runPlatformTimer(now, Date.now() + 10_000);
    expect(result).toMatchObject({ expiriesMoved: 0, emailsPending: 2 });
    expect(result.emailsPendingBy).toMatchObject({ meetings: { pending: 1 }, surgeries: { pending: 1 }, consultations: { pending: 0, oldestAgeSeconds: 0 } });
    // Measured at the end of the run: at least the 5 minutes the oldest had waited at its start.
    expect(result.oldestPendingEmailAgeSeconds).toBeGreaterThanOrEqual(5 * 60);
    expect(result.oldestPendingEmailAgeSeconds).toBeLessThan(5 * 60 + 30);
    expect(recordedBacklog()).toEqual({ pending: 2, oldestAge: result.oldestPendingEmailAgeSeconds });

    // Long after their leases ran out, it has still not touched them: they wait for their capabilities' deliveries.
    const later = await runPlatformTimer(new Date(now.getTime() + 120 * MINUTE), Date.now() + 10_000);
    expect(later.emailsPending).toBe(2);
    recordedBacklog();
    for (const { email } of taken) expect(await getOutboxEmail(email.id)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('records 0 when nothing waits, so silence can only mean the timer stopped', async () => {
    // Their senders finish with them.
    for (const { email, lease } of taken) expect(await recordEmailAttempt(email, lease, now.toISOString(), { status: 'sent' })).toBe(true);
    const result = await runPlatformTimer(new Date(now.getTime() + 120 * MINUTE), Date.now() + 10_000);
    expect(result).toMatchObject({ emailsPending: 0, oldestPendingEmailAgeSeconds: 0 });
    expect(recordedBacklog()).toEqual({ pending: 0, oldestAge: 0 });
  });
});
