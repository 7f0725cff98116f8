/**
 * Every 5 minutes: queues the 48-hour reminders now due, and finishes cancelling the bookings of a
 * cancelled session if the request that cancelled it stopped half-way. (Email retries are its
 * delivery's timer work: see ./delivery.ts. Requests nobody confirmed hold nothing, so they need no
 * sweep: their links stop working and their data expires.)
 */
import { jobHandler } from '../core/http/lambda.js';
import { logger } from '../core/log.js';
import { queueDueReminders } from './reminders.js';
import { cancelBookingsOfCancelledSession, upcomingSessions } from './sessions.js';

export async function runScheduledWork(now = new Date()) {
  const remindersQueued = await queueDueReminders(now);
  let bookingsCancelled = 0;
  for (const session of (await upcomingSessions({ now })).filter((s) => s.status === 'cancelled')) {
    bookingsCancelled += await cancelBookingsOfCancelledSession(session.id, now);
  }
  return { remindersQueued, bookingsCancelled };
}

export const handler = jobHandler(async () => {
  const result = await runScheduledWork();
  logger.info('surgeries scheduled work done', result);
  return result;
});
