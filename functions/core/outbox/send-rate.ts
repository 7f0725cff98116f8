/**
 * Keeps sending within what the SES account allows (a new account: 14 emails a second). Each
 * capability that sends email has its own delivery function, so each takes an equal share of the
 * account's rate (`sendRateShare`): together they stay within it however busy each one is. A token
 * bucket per process and capability: each send waits for a token. Delivery runs in few processes at
 * once (the stream's shards, one batch at a time each, and the timer), and SES's own throttling answer
 * is retried with backoff.
 */
import { sleep } from '../pool.js';

/** Each emailing capability's share of the account's rate (emails a second). */
export const sendRateShare = (accountRate: number, emailingCapabilities: number) => accountRate / Math.max(1, emailingCapabilities);

export class SendRate {
  private tokens: number;
  private last = Date.now();
  /** At least one token fits, so a share under one a second still sends (one email every 1/perSecond seconds). */
  private readonly capacity: number;

  constructor(private readonly perSecond: number) {
    if (!(perSecond > 0)) throw new Error(`A send rate must be above 0 emails a second, not ${perSecond}`);
    this.capacity = Math.max(1, perSecond);
    this.tokens = this.capacity;
  }

  /** Resolves when the next email may go. */
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}
