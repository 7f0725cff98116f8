/**
 * The queue of registration requests, and the decisions that give them their places. A registration is
 * saved as a request in a transaction that touches no item another registration touches; requests are
 * then decided in batches, in arrival order, each batch one transaction that sets the meeting's
 * counters once (see ../deciding.ts).
 *
 *   REQUEST#<createdAt>#<registrationId> in the meeting's partition, until decided
 */
import type { OutboxEmail } from '../../core/outbox/outbox.js';
import { figureWrites } from '../../core/period-figures.js';
import { placeCounts } from '../figures.js';
import { outboxWrite } from '../../core/outbox/outbox.js';
import { epochSeconds, pick, unmarshal, values } from '../../core/store/items.js';
import { queryAll } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { put, remove, update } from '../../core/store/writes.js';
import type { AttendMode, Meeting, RefusedReason, Registration } from '../model.js';
import { confirmedPlaces } from '../modes.js';
import { expiryFrom } from '../retention.js';
import { personIndex } from '../../core/people/index.js';
import { CAPABILITY, emailGuardKey, meetingKey, meetingPartition, registrationKey, REQUEST, requestKey, waitingListIndex } from './keys.js';
import { lastEmailSet } from './registrations.js';

export type RequestOutcome =
  | { ok: true }
  | { ok: false; reason: 'already-registered'; registrationId?: string }
  | { ok: false; reason: 'reference-taken' };

/**
 * Saves a registration as `requested`: the registration, the claim on its email address for this
 * meeting, and a request in the meeting's queue, in one transaction that touches no item another
 * registration touches. So a thousand people registering at once do not conflict with each other;
 * their places are decided in batches (saveDecisions), in arrival order.
 */
export async function saveRequest(
  registration: Registration,
  /** The meeting's end as read: it sets when the registration expires (a later change moves it: see retention.ts). */
  seen: Pick<Meeting, 'endsAt' | 'updatedAt'>,
): Promise<RequestOutcome> {
  const expiry = expiryFrom(seen);
  const { meetingId, id, createdAt } = registration;
  const outcome = await transactWrite([
    {
      name: 'registration',
      write: put(
        { ...registrationKey(meetingId, id), type: 'registration', ...registration, ...expiry, ...personIndex(registration.email, CAPABILITY, 'registration', id) },
        { condition: 'attribute_not_exists(pk)' },
      ),
    },
    {
      name: 'guard',
      // An expired guard (not yet removed by TTL) is as good as deleted.
      write: put(
        { ...emailGuardKey(meetingId, registration.email), type: 'email-guard', meetingId, registrationId: id, ...expiry, ...personIndex(registration.email, CAPABILITY, 'email-guard', id) },
        { condition: 'attribute_not_exists(pk) OR expiresAt <= :now', values: { ':now': epochSeconds(createdAt) }, returnOld: true },
      ),
    },
    {
      name: 'request',
      write: put({
        ...requestKey(meetingId, createdAt, id),
        type: 'registration-request',
        registrationId: id,
        email: registration.email,
        places: registration.places,
        ...(registration.attendMode ? { attendMode: registration.attendMode } : {}),
        createdAt,
        ...expiry,
        ...personIndex(registration.email, CAPABILITY, 'request', id),
      }),
    },
  ]);
  if (outcome.ok) return outcome;
  if (outcome.failed.has('guard')) {
    const guard = outcome.failed.get('guard');
    return { ok: false, reason: 'already-registered', ...(guard ? { registrationId: String(unmarshal(guard)['registrationId']) } : {}) };
  }
  return { ok: false, reason: 'reference-taken' };
}

/** A registration waiting for its place, as its queue entry has it. */
export interface PendingRequest {
  registrationId: string;
  places: number;
  createdAt: string;
  /** To free the address for this meeting if the request is refused. */
  email: string;
  /** Its places are this mode's (absent: in person). */
  attendMode?: AttendMode;
}

/** The oldest requests still waiting for a decision (strongly consistent, so a decision sees every committed one). */
export async function pendingRequests(meetingId: string, limit: number): Promise<PendingRequest[]> {
  const items = await queryAll(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :request)',
      ExpressionAttributeValues: values({ ':pk': meetingPartition(meetingId), ':request': REQUEST }),
      ConsistentRead: true,
    },
    limit,
  );
  return items.map((item) => pick<PendingRequest>(item, ['registrationId', 'places', 'createdAt', 'email', 'attendMode']));
}

/** What a decision made of one request (as of when it arrived: a place confirmed then, its email written then). */
export interface Decision {
  request: PendingRequest;
  as: 'confirmed' | 'waitlisted' | 'refused';
  refusedReason?: RefusedReason;
  outboxEmail: OutboxEmail;
}

export type DecisionsOutcome = { ok: true } | { ok: false; reason: 'changed' };

/**
 * Writes a batch of decisions in one transaction: the meeting's counters set to the values the batch
 * leads to, conditional on them (and the meeting) being exactly as read; each request's registration
 * moved on from `requested` (a confirmed one confirmed as of its arrival), its queue entry removed, its
 * email queued; a refused one's email address freed. Either the whole batch is decided or none of it: `changed` when another decision, a
 * cancellation or an edit got there first (read again and decide again).
 */
/** Every mode's counters a batch of decisions sets (the online ones only on a meeting that has them). */
export type DecidedCounters = Pick<Meeting, 'placesLeft' | 'confirmedCount' | 'waitlistedCount' | 'onlinePlacesLeft' | 'onlineConfirmedCount' | 'onlineWaitlistedCount'>;
const DECIDED = ['placesLeft', 'confirmedCount', 'waitlistedCount', 'onlinePlacesLeft', 'onlineConfirmedCount', 'onlineWaitlistedCount'] as const;

export async function saveDecisions(
  seen: Pick<Meeting, 'id' | 'updatedAt' | 'startsAt' | 'status'> & DecidedCounters,
  after: DecidedCounters,
  decisions: readonly Decision[],
  options: { attempts?: number } = {},
): Promise<DecisionsOutcome> {
  // Each counter set to the batch's result, on the condition that it is still exactly as read.
  const counters = DECIDED.filter((c) => after[c] !== undefined);
  const parts: NamedWrite[] = [
    {
      name: 'meeting',
      write: update(meetingKey(seen.id), `SET ${counters.map((c) => `${c} = :${c}`).join(', ')}`, {
        values: {
          ...Object.fromEntries(counters.map((c) => [`:${c}`, after[c]])),
          ...Object.fromEntries(counters.filter((c) => seen[c] !== undefined).map((c) => [`:seen_${c}`, seen[c]])),
          ':seenUpdated': seen.updatedAt,
        },
        condition: ['updatedAt = :seenUpdated', ...counters.map((c) => (seen[c] === undefined ? `attribute_not_exists(${c})` : `${c} = :seen_${c}`))].join(' AND '),
      }),
    },
  ];
  for (const d of decisions) {
    const { registrationId, createdAt } = d.request;
    const last = lastEmailSet(d.outboxEmail);
    const set = [`#status = :as`, last.expression];
    if (d.as === 'confirmed') set.push('confirmedAt = :arrived');
    if (d.as === 'waitlisted') set.push('gsi2pk = :waitlistPk', 'gsi2sk = :waitlistSk');
    if (d.as === 'refused') set.push('refusedReason = :reason');
    const waitlist = waitingListIndex({ meetingId: seen.id, createdAt, id: registrationId });
    parts.push(
      {
        name: `registration ${registrationId}`,
        write: update(registrationKey(seen.id, registrationId), `SET ${set.join(', ')}`, {
          names: { '#status': 'status' },
          values: {
            ':as': d.as,
            ':requested': 'requested',
            ...last.values,
            ...(d.as === 'confirmed' ? { ':arrived': createdAt } : {}),
            ...(d.as === 'waitlisted' ? { ':waitlistPk': waitlist.gsi2pk, ':waitlistSk': waitlist.gsi2sk } : {}),
            ...(d.as === 'refused' ? { ':reason': d.refusedReason ?? 'full' } : {}),
          },
          condition: '#status = :requested',
        }),
      },
      { name: `request ${registrationId}`, write: remove(requestKey(seen.id, createdAt, registrationId), { condition: 'attribute_exists(pk)' }) },
      outboxWrite(d.outboxEmail),
    );
    if (d.as === 'refused') {
      parts.push({
        name: `guard ${registrationId}`,
        write: remove(emailGuardKey(seen.id, d.request.email), { condition: 'registrationId = :id', values: { ':id': registrationId } }),
      });
    }
  }
  // Places confirmed, counted for the office's reports in the meeting's quarter (one more action: DECISION_BATCH allows for it).
  parts.push(...figureWrites(CAPABILITY, placeCounts(seen, { registered: confirmedPlaces(after) - confirmedPlaces(seen) })));
  // Decided on behalf of everyone waiting: never the change a request's own submission claims.
  const outcome = await transactWrite(parts, { ...options, claims: false });
  return outcome.ok ? outcome : { ok: false, reason: 'changed' };
}

