/**
 * Deciding places, in arrival order, a batch at a time. A registration is first saved as a request
 * (registering.ts), in a transaction that touches nothing another registration touches, and answered
 * at once; its place is then decided here together with every other request waiting, in one
 * transaction that updates the meeting's counters once for the whole batch (store/requests.ts
 * saveDecisions).
 *
 * Who decides: the meeting's decider (decider.ts), a Lambda the table's stream wakes when a request
 * is queued (its mapping lets through only new queue entries, one batch at a time per shard). A
 * record only says "this meeting has requests": the decider reads the meeting's queue itself,
 * oldest first, and decides until it is empty. So a record delivered twice, or one whose request was
 * decided by an earlier wake-up, finds nothing to do. The timer's sweep decides only what has waited
 * over a minute (a decider that kept failing): a safety net, never part of a rush.
 *
 * Why batches: in DynamoDB a transaction that updates an item another transaction is still
 * committing is cancelled (TransactionConflict). When every registration updated the meeting item,
 * a rush of 100 people in flight had most transactions cancelled and retried (docs/decisions.md).
 * Deciding in batches turns a rush into a few dozen meeting updates instead of a thousand.
 *
 * A batch's conditions (the meeting's counters exactly as read, each request still waiting) make a
 * decision all-or-nothing and exactly once, whoever makes it: a decider that dies between batches
 * leaves every batch either decided or still queued, and whoever comes next carries on.
 */
import { count, logger, reasonOf } from '../core/log.js';
import { outOfTime, type Deadline } from '../core/deadline.js';
import { backoff, sleep } from '../core/pool.js';
import { isServiceUnavailable } from '../core/refusal.js';
import type { Meeting, RefusedReason } from './model.js';
import { attendModeOf, attendModesOf, counterNames, hasOnlinePlaces } from './modes.js';
import { meetingEmail } from './notify.js';
import * as meetings from './store/meetings.js';
import * as store from './store/requests.js';

/**
 * Requests looked at for one transaction. Each decision takes three writes (registration, queue
 * entry, email) and a refusal four (the address freed), plus one for the meeting and one for the
 * quarter's figures (core/period-figures.ts: places registered): a batch is cut to fit DynamoDB's 100
 * actions a transaction (32 when none is refused, 24 when all are).
 */
export const DECISION_BATCH = 32;
const TRANSACTION_ACTIONS = 100;

/** The sweep decides a meeting's queue only once its oldest request has waited this long: the decider's is the job. */
export const SWEEP_AFTER_MS = 60_000;

type Counters = store.DecidedCounters;

/** Why a request cannot have a place whatever the counters say, judged as of when it was made. */
function refusedOutright(meeting: Meeting, request: store.PendingRequest): RefusedReason | undefined {
  if (meeting.status === 'cancelled') return 'cancelled';
  if (request.createdAt < meeting.registrationOpensAt || request.createdAt >= meeting.registrationClosesAt || request.createdAt >= meeting.startsAt) return 'closed';
  if (request.places > meeting.maxPlacesPerRegistration) return 'too-many-places';
  // Staff stopped holding it that way (hybrid made in person) after the request arrived.
  if (!attendModesOf(meeting).includes(attendModeOf(request))) return 'closed';
  return undefined;
}

/**
 * The batch's decisions, in arrival order, and the counters they lead to. Each request is decided as
 * of when it arrived (its place, the email's time, when it was confirmed): the order is what counts,
 * not how long the queue took.
 */
export function decide(meeting: Meeting, requests: readonly store.PendingRequest[]): { decisions: store.Decision[]; after: Counters } {
  const after: Counters = { placesLeft: meeting.placesLeft, confirmedCount: meeting.confirmedCount, waitlistedCount: meeting.waitlistedCount };
  if (hasOnlinePlaces(meeting)) Object.assign(after, { onlinePlacesLeft: meeting.onlinePlacesLeft, onlineConfirmedCount: meeting.onlineConfirmedCount ?? 0, onlineWaitlistedCount: meeting.onlineWaitlistedCount ?? 0 });
  const decisions = requests.map((request): store.Decision => {
    // Each request against its own mode's places (a mode the meeting no longer has: none).
    const mode = attendModeOf(request);
    const names = counterNames(mode);
    const free = after[names.placesLeft] ?? 0;
    const refused = refusedOutright(meeting, request);
    const as = refused ? 'refused' : request.places <= free ? 'confirmed' : meeting.waitingList ? 'waitlisted' : 'refused';
    if (as === 'confirmed') {
      after[names.placesLeft] = free - request.places;
      after[names.confirmed] = (after[names.confirmed] ?? 0) + request.places;
    } else if (as === 'waitlisted') {
      after[names.waitlisted] = (after[names.waitlisted] ?? 0) + request.places;
    }
    const kind = as === 'confirmed' ? 'confirmation' : as === 'waitlisted' ? 'waitlisted' : 'not-registered';
    return {
      request,
      as,
      ...(as === 'refused' ? { refusedReason: refused ?? 'full' } : {}),
      outboxEmail: meetingEmail(kind, meeting, request.registrationId, new Date(request.createdAt)),
    };
  });
  return { decisions, after };
}

/** The longest run of the oldest requests whose decisions fit one transaction, decided. */
export function decideBatch(meeting: Meeting, requests: readonly store.PendingRequest[]): ReturnType<typeof decide> {
  const { decisions } = decide(meeting, requests);
  // The meeting's counters and the quarter's figures.
  let actions = 2;
  let fits = 0;
  for (const d of decisions) {
    actions += d.as === 'refused' ? 4 : 3;
    if (actions > TRANSACTION_ACTIONS) break;
    fits++;
  }
  // Each decision depends only on those before it, so the first `fits` are decided alike on their own.
  return fits === decisions.length ? decide(meeting, requests) : decide(meeting, requests.slice(0, fits));
}

/** The queue was not finished in time: the batch fails, and the stream's retry (or the next record) carries on. */
export class QueueNotFinished extends Error {
  constructor(readonly meetingId: string) {
    super(`Requests for meeting ${meetingId} are still waiting: ran out of time`);
    this.name = 'QueueNotFinished';
  }
}

/**
 * Decides the meeting's waiting requests, oldest first, batch after batch, until none is left;
 * returns how many it decided. Throws QueueNotFinished when `deadline` comes first, and whatever
 * DynamoDB throws once its tries are used up (every batch already committed stays decided; the rest
 * stay queued). A busy meeting item (a cancellation committing) is waited out, not failed.
 */
export async function decideQueue(meetingId: string, deadline: Deadline): Promise<number> {
  let decided = 0;
  let meeting = await meetings.getMeeting(meetingId, { consistent: true });
  for (let attempt = 0; meeting; ) {
    const requests = await store.pendingRequests(meetingId, DECISION_BATCH);
    if (!requests.length) break;
    if (outOfTime(deadline)) throw new QueueNotFinished(meetingId);
    const { decisions, after } = decideBatch(meeting, requests);
    try {
      const outcome = await store.saveDecisions(meeting, after, decisions);
      if (outcome.ok) {
        decided += decisions.length;
        attempt = 0;
        // Deciding leaves the meeting's version as it was: the next batch starts from these counters.
        meeting = { ...meeting, ...after };
        continue;
      }
    } catch (error) {
      if (!isServiceUnavailable(error) || outOfTime(deadline)) throw error;
      await sleep(backoff(attempt++, 20, 500));
    }
    // Changed first (a cancellation, an edit, another decider): read it as it is, and decide again.
    meeting = await meetings.getMeeting(meetingId, { consistent: true });
  }
  if (decided) count('RegistrationsDecided', decided);
  return decided;
}

/**
 * The timer's safety net: decides the queues whose oldest request has waited over SWEEP_AFTER_MS (the
 * decider kept failing, or its records were lost), for every meeting that started in the last day or
 * is still to come. Counted, so the figures show if it is ever needed.
 */
export async function sweepRequests(now: Date, deadline: Deadline = Date.now() + 4 * 60_000): Promise<number> {
  let decided = 0;
  const from = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const stale = new Date(now.getTime() - SWEEP_AFTER_MS).toISOString();
  for (const meeting of await meetings.meetingsStartingBetween(from, '9999-12-31T23:59:59.999Z')) {
    if (outOfTime(deadline)) break;
    const [oldest] = await store.pendingRequests(meeting.id, 1);
    if (!oldest || oldest.createdAt > stale) continue;
    try {
      const n = await decideQueue(meeting.id, deadline);
      decided += n;
      logger.warn('registrations left waiting were decided by the sweep', { meetingId: meeting.id, decided: n });
    } catch (error) {
      logger.error('the sweep could not decide waiting registrations', { meetingId: meeting.id, reason: reasonOf(error) });
    }
  }
  if (decided) count('RegistrationsDecidedBySweep', decided);
  return decided;
}
