/**
 * Feedback surveys after an event: consultations' side of core's feedback contract (core/feedback.ts).
 * Its timer sends each ask's survey once (the ask moves from `wanted` to `sent` in the email's own
 * transaction), and an answer through the single-use link moves the ask to `answered`, drops its
 * address and counts the rating in the summary the event's owner reads, in one transaction.
 */
import { feedbackAnsweredWrites, feedbackAsksDue, feedbackSentWrites, getFeedbackAsk, type FeedbackAsk, type FeedbackRating } from '../core/feedback.js';
import { findManageLink } from '../core/manage-links.js';
import { newOutboxEmail, outboxWrite } from '../core/outbox/outbox.js';
import { transactWrite } from '../core/store/transactions.js';
import { FEEDBACK_PURPOSE, feedbackLinkAbout } from './feedback-links.js';
import { CAPABILITY } from './model.js';

/** Sends every survey asked for and not yet sent; returns how many this run sent. */
export async function sendFeedbackSurveys(now: Date = new Date(), deadline = Date.now() + 4 * 60_000): Promise<number> {
  let sent = 0;
  for (const ask of await feedbackAsksDue(now.toISOString())) {
    if (Date.now() > deadline) break; // the rest stay `wanted` for the next run
    if (ask.expiresAt * 1000 <= now.getTime() || !ask.email) continue;
    const email = newOutboxEmail({ capability: CAPABILITY, kind: 'feedback', about: feedbackLinkAbout(ask), expiresAt: ask.expiresAt, now });
    // Another run that got there first fails the ask's condition: nothing is written twice.
    const outcome = await transactWrite([...feedbackSentWrites(ask, email.id, now.toISOString()), outboxWrite(email)]);
    if (outcome.ok) sent++;
  }
  return sent;
}

/** The ask a survey link is for, while the link and the ask last. */
export async function findFeedbackSurvey(token: string, now: Date = new Date()): Promise<FeedbackAsk | undefined> {
  const link = await findManageLink(token, { capability: CAPABILITY, purpose: FEEDBACK_PURPOSE }, now);
  const { capability, sourceId, attendeeId } = link?.about ?? {};
  if (!capability || !sourceId || !attendeeId) return undefined;
  return getFeedbackAsk(capability, sourceId, attendeeId, now);
}

/** Counts the answer once: a second post of the same link (or a second window) finds it answered. */
export async function answerFeedback(ask: FeedbackAsk, rating: FeedbackRating, now: Date = new Date()): Promise<'answered' | 'already answered'> {
  const outcome = await transactWrite(feedbackAnsweredWrites(ask, rating, now.toISOString()));
  if (outcome.ok) return 'answered';
  if (outcome.failed.has('feedback-ask')) return 'already answered';
  throw new Error(`A feedback answer failed on ${[...outcome.failed.keys()].join(', ')}`);
}
