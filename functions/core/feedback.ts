/**
 * Feedback after an event: the contract between a capability that holds events and their attendees
 * (meetings) and the one that owns questionnaires (consultations), in the table, so neither imports
 * the other (docs/decisions.md, "Feedback after a meeting: a contract in the table").
 *
 *   the event's owner   askForFeedbackWrite(source, attendee, ...)   one ask per attendee, put if absent
 *   consultations       feedbackAsksDue(now) → feedbackSentWrite(ask, outboxId) with its survey email
 *                       feedbackAnsweredWrites(ask, rating): the ask answered, the summary counted
 *   the event's owner   feedbackSummary(source) → feedbackResult(summary): "74% rated it excellent …"
 *
 * An ask (`FEEDBACK#<capability>#<id>` / `ASK#<attendeeId>`) holds the attendee's address until they
 * answer (then it is removed) or it expires; it is on the people index under its owner's capability,
 * which declares it. The summary (`…` / `SUMMARY`) holds counts only: the answer is never stored with
 * the ask, so no one's rating can be told from the table.
 */
import { platformKeys } from './platform-keys.js';
import { personIndex } from './people/index.js';
import { wilson, type Interval } from './statistics.js';
import { HIGH } from './store/keys.js';
import { pick, values, type Item, type Key } from './store/items.js';
import { getItem, queryAll } from './store/reads.js';
import type { NamedWrite } from './store/transactions.js';
import { put, update } from './store/writes.js';

/** The one question of the feedback survey, as consultations asks it and meetings reports it. */
export const FEEDBACK_RATINGS = [
  { value: 'excellent', text: 'Excellent' },
  { value: 'good', text: 'Good' },
  { value: 'fair', text: 'Fair' },
  { value: 'poor', text: 'Poor' },
] as const;
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number]['value'];
export const isFeedbackRating = (value: unknown): value is FeedbackRating => FEEDBACK_RATINGS.some((r) => r.value === value);

/** What the feedback is about: an event of one capability. */
export interface FeedbackSource {
  capability: string;
  /** Its id within the capability (a meeting's id). */
  id: string;
  /** "the public meeting Car cruising in Kegworth": how the survey names it. */
  label: string;
  /** When it happened (its end): the survey says when, and the ask expires from it. */
  endedAt: string;
}

export type FeedbackAskStatus = 'wanted' | 'sent' | 'answered';

export interface FeedbackAsk {
  source: FeedbackSource;
  attendeeId: string;
  /** Removed once they answer. */
  email?: string;
  status: FeedbackAskStatus;
  askedAt: string;
  sentAt?: string;
  /** The survey email's outbox id (cancelled if the person is erased before it goes). */
  outboxId?: string;
  expiresAt: number;
}

export interface FeedbackSummary {
  source: FeedbackSource;
  /** Surveys sent. */
  sent: number;
  answered: number;
  ratings: Record<FeedbackRating, number>;
}

/** The people index kind of an ask: its owner declares it in its personal data. */
export const FEEDBACK_ASK_KIND = 'feedback-ask';

const partition = (capability: string, id: string) => `${platformKeys.feedback}${capability}#${id}`;
export const feedbackAskKey = (capability: string, id: string, attendeeId: string): Key => ({ pk: partition(capability, id), sk: `ASK#${attendeeId}` });
const summaryKey = (capability: string, id: string): Key => ({ pk: partition(capability, id), sk: 'SUMMARY' });
const askFields = ['source', 'attendeeId', 'email', 'status', 'askedAt', 'sentAt', 'outboxId', 'expiresAt'] as const;
const toAsk = (item: Item) => pick<FeedbackAsk>(item, [...askFields]);

/**
 * The event's owner asks for one attendee's feedback: put only if this attendee was never asked, so
 * a timer that runs twice asks once. Put it in a transaction with the owner's own conditions (the
 * event not cancelled, the person there).
 */
export function askForFeedbackWrite(source: FeedbackSource, attendee: { id: string; email: string }, now: string, expiresAt: number): NamedWrite {
  const ask: FeedbackAsk = { source, attendeeId: attendee.id, email: attendee.email, status: 'wanted', askedAt: now, expiresAt };
  return {
    name: 'feedback-ask',
    write: put(
      {
        ...feedbackAskKey(source.capability, source.id, attendee.id),
        type: 'feedback-ask',
        ...ask,
        // Sparse: only while the survey is still to be sent.
        gsi1pk: platformKeys.feedbackWanted,
        gsi1sk: `${now}#${source.capability}#${source.id}#${attendee.id}`,
        ...personIndex(attendee.email, source.capability, FEEDBACK_ASK_KIND, attendee.id),
      },
      { condition: 'attribute_not_exists(pk)' },
    ),
  };
}

/** The attendees of one event already asked (whatever became of it), so the owner writes only the new ones. */
export async function attendeesAsked(capability: string, id: string): Promise<Set<string>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ask)',
    ExpressionAttributeValues: values({ ':pk': partition(capability, id), ':ask': 'ASK#' }),
    ProjectionExpression: 'attendeeId',
  });
  return new Set(items.map((i) => String(i['attendeeId']?.S)));
}

/** Asks whose survey is still to be sent, oldest first (consultations' timer). */
export async function feedbackAsksDue(now: string, limit = 200): Promise<FeedbackAsk[]> {
  const items = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: values({ ':pk': platformKeys.feedbackWanted, ':now': `${now}#${HIGH}` }),
    },
    limit,
  );
  return items.map(toAsk);
}

export async function getFeedbackAsk(capability: string, id: string, attendeeId: string, now: Date = new Date()): Promise<FeedbackAsk | undefined> {
  const item = await getItem(feedbackAskKey(capability, id, attendeeId), { consistent: true });
  if (!item) return undefined;
  const ask = toAsk(item);
  return ask.expiresAt * 1000 > now.getTime() ? ask : undefined;
}

/** The survey goes out: the ask marked sent (only from `wanted`: once per attendee) and counted. */
export function feedbackSentWrites(ask: FeedbackAsk, outboxId: string, now: string): NamedWrite[] {
  const { capability, id } = ask.source;
  return [
    {
      name: 'feedback-ask',
      write: update(feedbackAskKey(capability, id, ask.attendeeId), 'SET #status = :sent, sentAt = :now, outboxId = :outboxId REMOVE gsi1pk, gsi1sk', {
        names: { '#status': 'status' },
        values: { ':sent': 'sent', ':wanted': 'wanted', ':now': now, ':outboxId': outboxId },
        condition: '#status = :wanted',
      }),
    },
    {
      name: 'feedback-summary',
      write: update(summaryKey(capability, id), 'SET #source = if_not_exists(#source, :source), #type = :type ADD #sent :one', {
        names: { '#source': 'source', '#type': 'type', '#sent': 'sent' },
        values: { ':source': ask.source, ':type': 'feedback-summary', ':one': 1 },
      }),
    },
  ];
}

/**
 * An answer: the ask marked answered and its address removed (only from `sent`: one answer per
 * link), and the rating counted in the summary. The rating is stored nowhere else.
 */
export function feedbackAnsweredWrites(ask: Pick<FeedbackAsk, 'source' | 'attendeeId'>, rating: FeedbackRating, now: string): NamedWrite[] {
  const { capability, id } = ask.source;
  return [
    {
      name: 'feedback-ask',
      write: update(feedbackAskKey(capability, id, ask.attendeeId), 'SET #status = :answered, answeredAt = :now REMOVE email, gsi3pk, gsi3sk', {
        names: { '#status': 'status' },
        values: { ':answered': 'answered', ':sent': 'sent', ':now': now },
        condition: '#status = :sent',
      }),
    },
    {
      name: 'feedback-summary',
      write: update(summaryKey(capability, id), 'ADD #answered :one, #rating :one', {
        names: { '#answered': 'answered', '#rating': `rating_${rating}` },
        values: { ':one': 1 },
        condition: 'attribute_exists(pk)',
      }),
    },
  ];
}

export async function feedbackSummary(capability: string, id: string): Promise<FeedbackSummary | undefined> {
  const item = await getItem(summaryKey(capability, id), { consistent: true });
  if (!item) return undefined;
  const number = (name: string) => Number(item[name]?.N ?? 0);
  const ratings = Object.fromEntries(FEEDBACK_RATINGS.map((r) => [r.value, number(`rating_${r.value}`)])) as Record<FeedbackRating, number>;
  return { source: pick<{ source: FeedbackSource }>(item, ['source']).source, sent: number('sent'), answered: number('answered'), ratings };
}

export interface FeedbackResult {
  /** Each rating's count, share of those who answered, and its 95% Wilson interval. */
  ratings: Array<{ value: FeedbackRating; text: string; count: number; share: number; interval: Interval }>;
  answered: number;
  sent: number;
}

/** The summary as shares with their intervals (none until someone answers). */
export function feedbackResult(summary: FeedbackSummary): FeedbackResult | undefined {
  const n = summary.answered;
  if (n <= 0) return undefined;
  return {
    answered: n,
    sent: summary.sent,
    ratings: FEEDBACK_RATINGS.map((r) => {
      const count = summary.ratings[r.value];
      return { value: r.value, text: r.text, count, share: count / n, interval: wilson(count, n)! };
    }),
  };
}
