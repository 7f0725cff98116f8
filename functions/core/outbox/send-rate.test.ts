/**
 * Each capability's delivery sends at an equal share of the SES account's rate, so together they stay
 * within it, and a share under one email a second still sends. On a fake clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendRate, sendRateShare } from './send-rate.js';

beforeEach(() => vi.useFakeTimers({ now: new Date('2030-03-01T12:00:00Z') }));
afterEach(() => vi.useRealTimers());

/** How many emails each bucket lets go in `seconds` of fake time, all taking as fast as they allow at once. */
async function sentWithin(rates: SendRate[], seconds: number): Promise<number[]> {
  const sent = rates.map(() => 0);
  let stop = false;
  const sending = rates.map(async (rate, i) => {
    while (!stop) {
      await rate.take();
      if (!stop) sent[i]!++;
    }
  });
  await vi.advanceTimersByTimeAsync(seconds * 1000);
  stop = true;
  await vi.advanceTimersByTimeAsync(60_000);
  await Promise.all(sending);
  return sent;
}

describe('the send rate', () => {
  it('gives each capability that sends email an equal share of the account’s rate', () => {
    expect(sendRateShare(14, 3)).toBeCloseTo(14 / 3, 10);
    expect(sendRateShare(14, 1)).toBe(14);
    expect(sendRateShare(14, 0)).toBe(14);
  });

  it('keeps three capabilities sending flat out within the account’s 14 a second', async () => {
    const rates = [1, 2, 3].map(() => new SendRate(sendRateShare(14, 3)));
    const sent = await sentWithin(rates, 30);
    // Each: its share for 30 seconds, plus the few it may send at once when it starts.
    for (const n of sent) expect(n).toBeGreaterThanOrEqual(Math.floor((14 / 3) * 30));
    expect(sent.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(14 * 30 + 3 * 5);
  });

  it('still sends when its share is under one email a second: one every so many seconds', async () => {
    expect(await sentWithin([new SendRate(sendRateShare(1, 3))], 30)).toEqual([1 + 10]);
  });
});
