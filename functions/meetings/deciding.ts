/**
 * Deciding places, in arrival order, a batch at a time. A registration is first saved as a request
 * (registering.ts), in a transaction that touches nothing another registration touches; its place is
 * then decided here together with every other request waiting, in one transaction that updates the
 * meeting's counters once for the whole batch (store/requests.ts saveDecisions).
 *
 * Why: in DynamoDB a transaction that updates an item another transaction is still committing is
 * cancelled (TransactionConflict). When every registration updated the meeting item itself, a rush of
 * 100 people in flight had most transactions cancelled and retried, and a third answered 503 after
 * eight tries (docs/decisions.md has the figures). Deciding in batches turns a rush into a few dozen
 * meeting updates instead of a thousand: whichever request commits a batch decides everyone waiting,
 * and the others find theirs decided.
 *
 * One request at a time decides (it holds a short lease, store/deciding.ts): the one just saved takes
 * the lease if it is free and decides everyone waiting, batch after batch; the others answer at once,
 * their places decided by the holder within moments. The timer's sweep decides anything a crashed
 * holder left. The batch's conditions (the meeting's counters exactly as read, each request still
 * waiting) make a decision all-or-nothing and exactly once, whoever makes it, lease or not.
 */
import { logger } from '../core/log.js';
import { backoff, sleep } from '../core/pool.js';
import { isServiceUnavailable } from '../core/refusal.js';
import type { Meeting, RefusedReason } from './model.js';
import { meetingEmail } from './notify.js';
import * as lock from './store/deciding.js';
import * as meetings from './store/meetings.js';
import * as store from './store/requests.js';

/**
 * Requests decided in one transaction. Each takes four writes at most (registration, queue entry,
 * email, and the address freed when refused) plus one for the meeting: 24 stays under DynamoDB's 100.
 */
export const DECISION_BATCH = 24;
/** How long the sweep decides one meeting's requests for at most. */
const DECIDE_FOR_MS = 60_000;
/** How long a request decides for, at most, before answering (the function's timeout is 15 s). */
const INLINE_FOR_MS = 8_000;

type Counters = Pick<Meeting, 'placesLeft' | 'confirmedCount' | 'waitlistedCount'>;

/** Why a request cannot have a place whatever the counters say, judged at the time it was made. */
function refusedOutright(meeting: Meeting, request: store.PendingRequest, now: Date): RefusedReason | undefined {
  if (meeting.status === 'cancelled') return 'cancelled';
  if (request.createdAt < meeting.registrationOpensAt || request.createdAt >= meeting.registrationClosesAt || now.toISOString() >= meeting.startsAt) return 'closed';
  if (request.places > meeting.maxPlacesPerRegistration) return 'too-many-places';
  return undefined;
}

/** The batch's decisions, in arrival order, and the counters they lead to. */
export function decide(meeting: Meeting, requests: readonly store.PendingRequest[], now: Date): { decisions: store.Decision[]; after: Counters } {
  const after: Counters = { placesLeft: meeting.placesLeft, confirmedCount: meeting.confirmedCount, waitlistedCount: meeting.waitlistedCount };
  const decisions = requests.map((request): store.Decision => {
    const refused = refusedOutright(meeting, request, now);
    const as = refused ? 'refused' : request.places <= after.placesLeft ? 'confirmed' : meeting.waitingList ? 'waitlisted' : 'refused';
    if (as === 'confirmed') {
      after.placesLeft -= request.places;
      after.confirmedCount += request.places;
    } else if (as === 'waitlisted') {
      after.waitlistedCount += request.places;
    }
    const kind = as === 'confirmed' ? 'confirmation' : as === 'waitlisted' ? 'waitlisted' : 'not-registered';
    return {
      request,
      as,
      ...(as === 'refused' ? { refusedReason: refused ?? 'full' } : {}),
      outboxEmail: meetingEmail(kind, meeting, request.registrationId, now),
    };
  });
  return { decisions, after };
}

export interface DecideOptions {
  /** Give up after this long (and let go of the lease): the next request, or the sweep, carries on. */
  forMs?: number;
  /** A registration whose decision the caller wants to hear about, if this call makes it. */
  watch?: string;
  /**
   * The caller's own request: while someone else holds the lease, stay (looking every few hundred
   * ms) until that request is decided, taking the lease if the holder lets go first. So a holder that
   * runs out of time mid-rush hands the queue to a request still waiting, instead of leaving it to the sweep.
   */
  waitFor?: { createdAt: string; registrationId: string };
}

/** How often a request waiting for its place looks again (jittered): two strongly consistent reads. */
const WAIT_LOOK_MS = 300;

export interface Decided {
  /** How many requests this call decided. */
  count: number;
  /** The watched registration's decision, with the meeting as it was left, when this call made it. */
  watched?: { decision: store.Decision; meeting: Meeting };
}

/**
 * Decides the meeting's waiting requests, batch after batch, if no one else is deciding them (the
 * lease): until none is left or time is up. Returns how many this call decided. After letting go of
 * the lease it looks once more, so a request saved while it was finishing (whose own attempt found the
 * lease taken) is never left waiting: either that request took the lease after it was let go, or this
 * look sees it.
 */
export async function decideRequests(meetingId: string, now: Date = new Date(), options: DecideOptions = {}): Promise<Decided> {
  const stopAt = Date.now() + (options.forMs ?? DECIDE_FOR_MS);
  const decided: Decided = { count: 0 };
  while (Date.now() < stopAt) {
    const lease = await lock.takeLease(meetingId);
    if (!lease) {
      // Someone else is deciding, and will see ours, unless it runs out of time first.
      const waitFor = options.waitFor;
      if (!waitFor) break;
      await sleep(WAIT_LOOK_MS * (0.5 + Math.random()));
      if (!(await store.isPending(meetingId, waitFor.createdAt, waitFor.registrationId))) break;
      continue;
    }
    try {
      await decideWhileHolding(lease, now, stopAt, decided, options.watch);
    } finally {
      await lock.releaseLease(lease);
    }
    if (!(await store.pendingRequests(meetingId, 1)).length) break;
  }
  return decided;
}

async function decideWhileHolding(lease: lock.Lease, now: Date, stopAt: number, decided: Decided, watch: string | undefined): Promise<void> {
  for (let attempt = 0; Date.now() < stopAt; ) {
    const requests = await store.pendingRequests(lease.meetingId, DECISION_BATCH);
    if (!requests.length) break;
    const meeting = await meetings.getMeeting(lease.meetingId, { consistent: true });
    if (!meeting) break;
    const { decisions, after } = decide(meeting, requests, now);
    try {
      const outcome = await store.saveDecisions(meeting, after, decisions, now.toISOString());
      if (outcome.ok) {
        decided.count += decisions.length;
        attempt = 0;
        const watched = watch ? decisions.find((d) => d.request.registrationId === watch) : undefined;
        if (watched) decided.watched = { decision: watched, meeting: { ...meeting, ...after } };
      }
      // Not ok: a cancellation or an edit changed the meeting first: read it again and decide again.
    } catch (error) {
      if (!isServiceUnavailable(error)) throw error;
      await sleep(backoff(attempt++, 20, 500));
    }
    if (!(await lock.renewLease(lease))) break; // ran out and taken over: the new holder carries on
  }
}

/** Decides now if no one else is, and never fails the caller: the request is saved, and decided by whoever comes next or by the sweep. */
export async function decideSoon(meetingId: string, now: Date, own?: { createdAt: string; registrationId: string }): Promise<Decided> {
  try {
    return await decideRequests(meetingId, now, { forMs: INLINE_FOR_MS, ...(own ? { watch: own.registrationId, waitFor: own } : {}) });
  } catch (error) {
    logger.warn('places not decided straight away; the sweep will', { meetingId, error: String(error) });
    return { count: 0 };
  }
}

/**
 * The timer's safety net: decides the requests a holder that crashed or ran out of time left, for
 * every meeting that started in the last day or is still to come (a request for one that has started
 * is refused as closed).
 */
export async function sweepRequests(now: Date): Promise<number> {
  let decided = 0;
  const from = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  for (const meeting of await meetings.meetingsStartingBetween(from, '9999-12-31T23:59:59.999Z')) {
    if ((await store.pendingRequests(meeting.id, 1)).length) decided += (await decideRequests(meeting.id, now)).count;
  }
  return decided;
}
