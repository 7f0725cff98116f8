/**
 * Rate limits kept in DynamoDB, so they hold across every Lambda instance: a counter item per key per
 * fixed window, incremented by a conditional update that fails once the count is reached, and removed
 * by TTL after its window. Two kinds: per client address per route (hashed, never stored plain), and
 * per email address a request would send to, per day (so the service cannot be used to email anyone
 * over and over). Staff routes are exempt. RATE_LIMITS=off turns them off, for load tests only.
 *
 *   app.post('/meetings/:id/register', rateLimited('register'), handler)
 *   await limitEmailsTo(input.email)   // throws TooManyRequests
 */
import { createHmac } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { config } from './config.js';
import { clientAddress } from './http/client-address.js';
import { mailbox } from './mailbox.js';
import { platformKeys } from './platform-keys.js';
import { conditionalUpdate, update } from './store/writes.js';

/** Over a limit: answered with 429 and Retry-After (see http/app.tsx). */
export class TooManyRequests extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests');
    this.name = 'TooManyRequests';
  }
}

export interface Limit {
  count: number;
  perSeconds: number;
}

/** A keyed hash: counters name no address, and the table cannot be turned back into addresses without the salt. */
export const hashed = (value: string, salt = config().rateLimits.salt) => createHmac('sha256', salt).update(value).digest('base64url').slice(0, 32);

/**
 * Counts one request against `limit` for `key` in the current window; throws TooManyRequests when the
 * window's count has been reached. Concurrent requests cannot both take the last one: the count and
 * its check are one conditional update.
 */
export async function take(key: string, limit: Limit, now: Date = new Date()): Promise<void> {
  const windowMs = limit.perSeconds * 1000;
  const window = Math.floor(now.getTime() / windowMs);
  const windowEnds = (window + 1) * windowMs;
  const outcome = await conditionalUpdate(
    update({ pk: `${platformKeys.rateLimit}${key}#${window}`, sk: 'RATE' }, 'SET hits = if_not_exists(hits, :zero) + :one, expiresAt = :expiresAt', {
      values: { ':zero': 0, ':one': 1, ':limit': limit.count, ':expiresAt': Math.ceil(windowEnds / 1000) + 60 },
      condition: 'attribute_not_exists(hits) OR hits < :limit',
    }),
  );
  if (!outcome.ok) throw new TooManyRequests(Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)));
}

/** Middleware: at most RATE_LIMIT_PER_CLIENT requests to this route from one client address. */
export function rateLimited(route: string): MiddlewareHandler {
  return async (c, next) => {
    const { enabled, perClient } = config().rateLimits;
    if (enabled) await take(`client#${route}#${hashed(clientAddress(c))}`, perClient);
    await next();
  };
}

/**
 * At most RATE_LIMIT_PER_RECIPIENT requests a day that would email this mailbox, whoever sends them and
 * however its address is written (`Name+1@` and `name+2@` count as one: see mailbox.ts).
 */
export async function limitEmailsTo(email: string): Promise<void> {
  const { enabled, perRecipient } = config().rateLimits;
  if (enabled) await take(`recipient#${hashed(mailbox(email))}`, perRecipient);
}
