/**
 * The platform timer (the delivery function's timer run) measures the outbox after its retries and
 * records the backlog on every run, 0 included, so the "emails waiting" alarm can treat silence as the
 * timer having stopped. Against DynamoDB Local, with a table of its own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../test/support/own-table.js';
import { metrics } from './core/log.js';
import { backlogMetrics } from './core/outbox/backlog.js';
import { claimEmail, newOutboxEmail, outboxWrite } from './core/outbox/outbox.js';
import { transactWrite } from './core/store/transactions.js';
import { runPlatformTimer } from './delivery.js';

beforeAll(() => useOwnTable('platform-timer', { delivery: 'manual' }));

const MINUTE = 60_000;
const now = new Date('2030-03-01T12:00:00Z');

/** What this run recorded for the backlog (as its EMF document would say), then cleared as publishing clears it. */
function recordedBacklog() {
  const emf = metrics.serializeMetrics() as unknown as Record<string, unknown>;
  metrics.clearMetrics();
  return { pending: emf[backlogMetrics.pending], oldestAge: emf[backlogMetrics.oldestAge] };
}

describe('the platform timer', () => {
  it('records the backlog left after its retries, on the run’s clock', async () => {
    // Two emails taken by a sender until 30 minutes from now: this run leaves them alone.
    for (const minutes of [5, 1]) {
      const email = newOutboxEmail({ capability: 'test-capability', kind: 'news', about: { personId: `p${minutes}` }, now: new Date(now.getTime() - minutes * MINUTE) });
      await transactWrite([outboxWrite(email)]);
      expect(await claimEmail(email.id, now.toISOString(), new Date(now.getTime() + 30 * MINUTE).toISOString(), `lease-${minutes}`)).toBeDefined();
    }
    const result = await runPlatformTimer(now, Date.now() + 10_000);
    expect(result).toMatchObject({ sent: 0, failed: 0, emailsPending: 2 });
    // Measured at the end of the run: at least the 5 minutes the oldest had waited at its start.
    expect(result.oldestPendingEmailAgeSeconds).toBeGreaterThanOrEqual(5 * 60);
    expect(result.oldestPendingEmailAgeSeconds).toBeLessThan(5 * 60 + 30);
    expect(recordedBacklog()).toEqual({ pending: 2, oldestAge: result.oldestPendingEmailAgeSeconds });
  });

  it('records 0 when nothing waits, so silence can only mean the timer stopped', async () => {
    // Their leases are over two hours later: the timer tries them (no capability knows this kind, so they fail).
    const result = await runPlatformTimer(new Date(now.getTime() + 120 * MINUTE), Date.now() + 10_000);
    expect(result).toMatchObject({ failed: 2, emailsPending: 0, oldestPendingEmailAgeSeconds: 0 });
    expect(recordedBacklog()).toEqual({ pending: 0, oldestAge: 0 });
  });
});
