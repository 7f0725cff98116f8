/**
 * Every 5 minutes: decides registrations left waiting over a minute (the decider's job, ./decider.ts: this is
 * only its safety net), offers free places to waiting lists a crashed request may have left, and queues the
 * reminders now due, and asks the people who came to a meeting that ended for their feedback (./feedback.ts). (Email retries are its delivery's timer work, ./delivery.ts; moving expiry the platform's, ../platform-timer.ts.)
 */
import { jobHandler } from '../core/http/lambda.js';
import { logger } from '../core/log.js';
import { sweepRequests } from './deciding.js';
import { askForFeedback } from './feedback.js';
import { queueDueReminders } from './reminders.js';
import { sweepWaitingLists } from './waiting-list.js';

export async function runScheduledWork(now = new Date()) {
  const requestsDecided = await sweepRequests(now);
  const promoted = await sweepWaitingLists(now);
  const remindersQueued = await queueDueReminders(now);
  const feedbackAsked = await askForFeedback(now);
  return { requestsDecided, promoted, remindersQueued, feedbackAsked };
}

export const handler = jobHandler(async () => {
  const result = await runScheduledWork();
  logger.info('meetings scheduled work done', result);
  return result;
});
