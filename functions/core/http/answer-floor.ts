/**
 * Answers that must not tell, by how long they take, what is stored: a registration for an address
 * already registered and one for a new address get the same status, body and headers, but the two
 * paths do different work (a few DynamoDB calls more or fewer), so their timing alone would say which
 * it was. An answer given no sooner than a fixed floor after the request arrived takes the same time
 * either way, as long as the work fits under the floor (which is set well above its usual time).
 *
 *   app.post('/meetings/:id/register', answerNoSoonerThan(REGISTRATION_FLOOR_MS), handler)
 *   api.add({ ..., answerFloorMs: REGISTRATION_FLOOR_MS }, handler)
 *   await noSoonerThan(250, () => work())        // outside a route (a timer, a script)
 *
 * Waiting costs no CPU; it only holds the connection a little longer.
 */
import type { MiddlewareHandler } from 'hono';
import { sleep } from '../pool.js';

/** Waits for what is left of `floorMs` since `startedAt` (a performance.now() reading). */
async function restOfFloor(startedAt: number, floorMs: number): Promise<void> {
  // Timers may fire up to a millisecond early by this clock, so wait until it has truly passed.
  for (let left = floorMs - (performance.now() - startedAt); left > 0; left = floorMs - (performance.now() - startedAt)) await sleep(Math.ceil(left));
}

/** Runs `work` and settles no sooner than `floorMs` after the call, whether it succeeds or throws. */
export async function noSoonerThan<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  try {
    return await work();
  } finally {
    await restOfFloor(startedAt, floorMs);
  }
}

/**
 * Middleware: the route answers no sooner than `floorMs` after the request reached it, whatever the
 * answer (a page, a refusal, an error page: Hono has already turned a thrown error into the response
 * by the time `next()` returns). Put it first, so everything after it is covered.
 */
export function answerNoSoonerThan(floorMs: number): MiddlewareHandler {
  return async (_c, next) => {
    const startedAt = performance.now();
    try {
      await next();
    } finally {
      await restOfFloor(startedAt, floorMs);
    }
  };
}
