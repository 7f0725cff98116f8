/**
 * Keeps sending within what the SES account allows (a new account: 14 emails a second). A token
 * bucket per process: each send waits for a token. Delivery runs in few processes at once (the
 * stream's shards, one batch at a time each), and SES's own throttling answer is retried with backoff.
 */
import { sleep } from '../pool.js';

export class SendRate {
  private tokens: number;
  private last = Date.now();

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  /** Resolves when the next email may go. */
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}
