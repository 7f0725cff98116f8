/**
 * Registration items, and the email guard that allows one active registration per email address per
 * meeting. Every decision about places is a condition inside DynamoDB, never read-then-write: a
 * registration is one transaction of the meeting's counter update (places left, status and window
 * checked, and the version read unchanged so the email shows what was committed), the registration
 * put, the email guard put and the outbox email put.
 *
 * Reads leave out registrations past their expiry (see core/retention.ts): TTL deletes days later.
 */
import { outboxEmails, outboxWrite, type OutboxEmail } from '../../core/outbox/outbox.js';
import { OUTBOX_IDS } from '../../core/retention.js';
import { epochSeconds, expired, pick, unexpired, unmarshal, values, type Item } from '../../core/store/items.js';
import { getItem, queryAll } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { check, put, remove, update } from '../../core/store/writes.js';
import type { EmailKind, EmailStatus, Meeting, RefusedReason, Registration } from '../model.js';
import { expiryFrom } from '../retention.js';
import { emailGuardKey, meetingKey, meetingKeys, meetingPartition, registrationKey, REQUEST, requestKey, waitingListIndex } from './keys.js';
import { toMeeting } from './meetings.js';

export type ReminderKind = '48h' | '2h';
const reminderAttribute = (kind: ReminderKind) => `reminder${kind}For`;

const registrationFields = [
  'id', 'meetingId', 'reference', 'name', 'email', 'postcode', 'places', 'accessNeeds', 'question', 'status',
  'createdAt', 'confirmedAt', 'cancelledAt', 'cancelledFrom', 'cancelledBy', 'attendedAt', 'refusedReason',
] as const satisfies readonly (keyof Registration)[];

/**
 * A registration as stored: with the meeting start each reminder was claimed for, and a pointer to its
 * latest email (whose status `withEmailStatus` reads from the outbox, the one place it is kept).
 */
export type StoredRegistration = Registration & {
  reminders: Partial<Record<ReminderKind, string>>;
  lastEmailRef?: { id: string; kind: EmailKind; at: string };
};

function toStoredRegistration(item: Item): StoredRegistration {
  const plain = unmarshal(item);
  const reminders: Partial<Record<ReminderKind, string>> = {};
  for (const kind of ['48h', '2h'] as const) {
    const value = plain[reminderAttribute(kind)];
    if (typeof value === 'string') reminders[kind] = value;
  }
  const ref = plain['lastEmail'] as StoredRegistration['lastEmailRef'] | undefined;
  return { ...pick<Registration>(item, registrationFields), reminders, ...(ref?.id ? { lastEmailRef: ref } : {}) };
}

/** SET fragments recording the email as this registration's latest, and among the emails whose expiry follows it. */
const lastEmailSet = (email: Pick<OutboxEmail, 'id' | 'kind' | 'createdAt'>) => ({
  expression: `lastEmail = :lastEmail, ${OUTBOX_IDS} = list_append(if_not_exists(${OUTBOX_IDS}, :noIds), :ids)`,
  values: { ':lastEmail': { id: email.id, kind: email.kind, at: email.createdAt }, ':noIds': [], ':ids': [email.id] },
});

/** For a notice fanned out to each person: record their copy as their latest email (if they are still registered). */
export function recordLatestEmail(meetingId: string, registrationId: string, email: Pick<OutboxEmail, 'id' | 'kind' | 'createdAt'>): NamedWrite {
  const last = lastEmailSet(email);
  return { name: 'registration', write: update(registrationKey(meetingId, registrationId), `SET ${last.expression}`, { values: last.values, condition: 'attribute_exists(pk)' }) };
}

export type RequestOutcome =
  | { ok: true }
  | { ok: false; reason: 'already-registered'; registrationId?: string }
  /** The same submission was saved before (its idempotency key exists). */
  | { ok: false; reason: 'repeated' }
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
  /** Writes that must happen with it, e.g. remembering the submission's key. */
  alsoWrite: NamedWrite[] = [],
): Promise<RequestOutcome> {
  const expiry = expiryFrom(seen);
  const { meetingId, id, createdAt } = registration;
  const outcome = await transactWrite([
    {
      name: 'registration',
      write: put({ ...registrationKey(meetingId, id), type: 'registration', ...registration, ...expiry }, { condition: 'attribute_not_exists(pk)' }),
    },
    {
      name: 'guard',
      // An expired guard (not yet removed by TTL) is as good as deleted.
      write: put(
        { ...emailGuardKey(meetingId, registration.email), type: 'email-guard', registrationId: id, ...expiry },
        { condition: 'attribute_not_exists(pk) OR expiresAt <= :now', values: { ':now': epochSeconds(createdAt) }, returnOld: true },
      ),
    },
    {
      name: 'request',
      write: put({ ...requestKey(meetingId, createdAt, id), type: 'registration-request', registrationId: id, email: registration.email, places: registration.places, createdAt, ...expiry }),
    },
    ...alsoWrite,
  ]);
  if (outcome.ok) return outcome;
  if (outcome.failed.has('idempotency')) return { ok: false, reason: 'repeated' };
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
  return items.map((item) => pick<PendingRequest>(item, ['registrationId', 'places', 'createdAt', 'email']));
}

/** Whether the request is still waiting for its place (a strongly consistent read of its queue entry). */
export async function isPending(meetingId: string, createdAt: string, registrationId: string): Promise<boolean> {
  return Boolean(await getItem(requestKey(meetingId, createdAt, registrationId), { consistent: true }));
}

/** What a decision made of one request. */
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
 * moved on from `requested`, its queue entry removed, its email queued; a refused one's email address
 * freed. Either the whole batch is decided or none of it: `changed` when another decision, a
 * cancellation or an edit got there first (read again and decide again).
 */
export async function saveDecisions(
  seen: Pick<Meeting, 'id' | 'updatedAt' | 'placesLeft' | 'confirmedCount' | 'waitlistedCount'>,
  after: Pick<Meeting, 'placesLeft' | 'confirmedCount' | 'waitlistedCount'>,
  decisions: readonly Decision[],
  now: string,
  options: { attempts?: number } = {},
): Promise<DecisionsOutcome> {
  const parts: NamedWrite[] = [
    {
      name: 'meeting',
      write: update(meetingKey(seen.id), 'SET placesLeft = :placesLeft, confirmedCount = :confirmed, waitlistedCount = :waitlisted', {
        values: {
          ':placesLeft': after.placesLeft,
          ':confirmed': after.confirmedCount,
          ':waitlisted': after.waitlistedCount,
          ':seenUpdated': seen.updatedAt,
          ':seenPlacesLeft': seen.placesLeft,
          ':seenConfirmed': seen.confirmedCount,
          ':seenWaitlisted': seen.waitlistedCount,
        },
        condition:
          'updatedAt = :seenUpdated AND placesLeft = :seenPlacesLeft AND confirmedCount = :seenConfirmed AND waitlistedCount = :seenWaitlisted',
      }),
    },
  ];
  for (const d of decisions) {
    const { registrationId, createdAt } = d.request;
    const last = lastEmailSet(d.outboxEmail);
    const set = [`#status = :as`, last.expression];
    if (d.as === 'confirmed') set.push('confirmedAt = :now');
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
            ...(d.as === 'confirmed' ? { ':now': now } : {}),
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
  const outcome = await transactWrite(parts, options);
  return outcome.ok ? outcome : { ok: false, reason: 'changed' };
}

/**
 * Sends an existing registration's details again: its email (rendered from its status when sent) and
 * a note of it as the latest, if it is still there and not cancelled. 'repeated' when the submission
 * key was used before; 'gone' when the registration is no longer active.
 */
export async function saveDetailsSentAgain(
  meeting: Pick<Meeting, 'id'>,
  registrationId: string,
  email: OutboxEmail,
  alsoWrite: NamedWrite[] = [],
): Promise<'sent' | 'repeated' | 'gone'> {
  const last = lastEmailSet(email);
  const outcome = await transactWrite([
    {
      name: 'registration',
      write: update(registrationKey(meeting.id, registrationId), `SET ${last.expression}`, {
        names: { '#status': 'status' },
        values: { ...last.values, ':confirmed': 'confirmed', ':waitlisted': 'waitlisted' },
        // A registration still being decided gets its email when it is decided.
        condition: 'attribute_exists(pk) AND #status IN (:confirmed, :waitlisted)',
      }),
    },
    outboxWrite(email),
    ...alsoWrite,
  ]);
  if (outcome.ok) return 'sent';
  return outcome.failed.has('idempotency') ? 'repeated' : 'gone';
}

/** The active (not cancelled, not expired) registration for this email address, if any. */
export async function registrationIdForEmail(meetingId: string, email: string, options: { now?: Date } = {}): Promise<string | undefined> {
  const item = unexpired(await getItem(emailGuardKey(meetingId, email), { consistent: true }), options.now);
  return item ? String(unmarshal(item)['registrationId']) : undefined;
}

/** Fills in `lastEmail` (kind, status, when, last error) from each registration's latest outbox email. */
export async function withEmailStatus<T extends StoredRegistration>(registrations: T[]): Promise<T[]> {
  const emails = await outboxEmails(registrations.flatMap((r) => (r.lastEmailRef ? [r.lastEmailRef.id] : [])));
  return registrations.map((r) => {
    if (!r.lastEmailRef) return r;
    const email = emails.get(r.lastEmailRef.id);
    const status: EmailStatus = !email || email.status === 'pending' ? 'pending' : email.status === 'failed' ? 'failed' : 'sent';
    return {
      ...r,
      lastEmail: {
        kind: r.lastEmailRef.kind,
        status,
        at: email?.sentAt ?? email?.lastAttemptAt ?? r.lastEmailRef.at,
        ...(email?.lastError && status !== 'sent' ? { error: email.lastError } : {}),
      },
    };
  });
}

/** The registration, unless it does not exist or has expired (by `now`, the caller's clock). */
export async function getRegistration(meetingId: string, id: string, options: { consistent?: boolean; now?: Date } = {}): Promise<StoredRegistration | undefined> {
  const item = unexpired(await getItem(registrationKey(meetingId, id), { consistent: options.consistent ?? true }), options.now);
  return item ? toStoredRegistration(item) : undefined;
}

export const byArrival = (a: Registration, b: Registration) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Every unexpired registration for the meeting (strongly consistent), in arrival order, with reminder claims. */
export async function listRegistrations(meetingId: string, options: { now?: Date } = {}): Promise<StoredRegistration[]> {
  const now = options.now ?? new Date();
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
    ExpressionAttributeValues: values({ ':pk': meetingPartition(meetingId), ':reg': 'REG#' }),
    ConsistentRead: true,
  });
  return items.filter((item) => !expired(item, now)).map(toStoredRegistration).sort(byArrival);
}

/** The waiting list, oldest first, unexpired. Read from an index, so it may lag: promotion re-checks each one. */
export async function waitingList(meetingId: string, options: { now?: Date } = {}): Promise<Registration[]> {
  const now = options.now ?? new Date();
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: values({ ':pk': `${meetingKeys.waitingList}${meetingId}` }),
  });
  return items.filter((item) => !expired(item, now)).map((item) => pick<Registration>(item, registrationFields));
}

export type PromoteOutcome = { ok: true } | { ok: false; reason: 'meeting'; meeting?: Meeting } | { ok: false; reason: 'registration' };

/** One promotion, one transaction: take the places if they are still free, waitlisted → confirmed, queue the email. */
export async function savePromotion(registration: Registration, seen: Pick<Meeting, 'updatedAt'>, now: string, email: OutboxEmail): Promise<PromoteOutcome> {
  const p = registration.places;
  const last = lastEmailSet(email);
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: update(meetingKey(registration.meetingId), 'SET placesLeft = placesLeft - :places, confirmedCount = confirmedCount + :places, waitlistedCount = waitlistedCount - :places', {
        names: { '#status': 'status' },
        values: { ':places': p, ':now': now, ':scheduled': 'scheduled', ':seen': seen.updatedAt },
        condition: '#status = :scheduled AND updatedAt = :seen AND startsAt > :now AND placesLeft >= :places',
        returnOld: true,
      }),
    },
    {
      name: 'registration',
      write: update(registrationKey(registration.meetingId, registration.id), `SET #status = :confirmed, confirmedAt = :now, ${last.expression} REMOVE gsi2pk, gsi2sk`, {
        names: { '#status': 'status' },
        values: { ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':now': now, ':places': p, ...last.values },
        condition: '#status = :waitlisted AND places = :places',
      }),
    },
    outboxWrite(email),
  ]);
  if (outcome.ok) return outcome;
  if (outcome.failed.has('registration')) return { ok: false, reason: 'registration' };
  const old = outcome.failed.get('meeting');
  return { ok: false, reason: 'meeting', ...(old ? { meeting: toMeeting(old) } : {}) };
}

/**
 * Cancels a registration read as `registration` (confirmed or waitlisted): gives its places back (or
 * leaves the waiting list), frees the email address for a new registration, queues the email.
 * False when the registration changed meanwhile (e.g. was just promoted): read it again and retry.
 */
export async function saveCancellation(registration: Registration, by: 'resident' | 'staff', now: string, email: OutboxEmail): Promise<boolean> {
  const from = registration.status;
  if (from === 'cancelled') throw new Error('Already cancelled');
  const last = lastEmailSet(email);
  const counters =
    from === 'confirmed'
      ? 'SET placesLeft = placesLeft + :places, confirmedCount = confirmedCount - :places, cancelledCount = cancelledCount + :places'
      : 'SET waitlistedCount = waitlistedCount - :places, cancelledCount = cancelledCount + :places';
  const outcome = await transactWrite([
    {
      name: 'registration',
      write: update(
        registrationKey(registration.meetingId, registration.id),
        `SET #status = :cancelled, cancelledAt = :now, cancelledBy = :by, cancelledFrom = :from, ${last.expression} REMOVE gsi2pk, gsi2sk`,
        {
          names: { '#status': 'status' },
          values: { ':cancelled': 'cancelled', ':now': now, ':by': by, ':from': from, ':places': registration.places, ...last.values },
          condition: '#status = :from AND places = :places AND attribute_not_exists(attendedAt)',
        },
      ),
    },
    { name: 'meeting', write: update(meetingKey(registration.meetingId), counters, { values: { ':places': registration.places } }) },
    { name: 'guard', write: remove(emailGuardKey(registration.meetingId, registration.email)) },
    outboxWrite(email),
  ]);
  return outcome.ok;
}

export type ChangePlacesOutcome = { ok: true } | { ok: false; reason: 'meeting'; meeting?: Meeting } | { ok: false; reason: 'registration' };

/** Changes a confirmed or waitlisted registration's places; more confirmed places only if they are free. */
export async function savePlacesChange(registration: Registration, places: number, now: string): Promise<ChangePlacesOutcome> {
  const change = places - registration.places;
  const confirmed = registration.status === 'confirmed';
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: confirmed
        ? update(
            meetingKey(registration.meetingId),
            'SET placesLeft = placesLeft - :change, confirmedCount = confirmedCount + :change',
            change > 0
              ? {
                  names: { '#status': 'status' },
                  values: { ':change': change, ':now': now, ':scheduled': 'scheduled' },
                  condition: '#status = :scheduled AND startsAt > :now AND placesLeft >= :change',
                  returnOld: true,
                }
              : { values: { ':change': change } },
          )
        : update(meetingKey(registration.meetingId), 'SET waitlistedCount = waitlistedCount + :change', { values: { ':change': change } }),
    },
    {
      name: 'registration',
      write: update(registrationKey(registration.meetingId, registration.id), 'SET places = :places', {
        names: { '#status': 'status' },
        values: { ':places': places, ':before': registration.places, ':status': registration.status },
        condition: '#status = :status AND places = :before AND attribute_not_exists(attendedAt)',
      }),
    },
  ]);
  if (outcome.ok) return outcome;
  if (outcome.failed.has('registration')) return { ok: false, reason: 'registration' };
  const old = outcome.failed.get('meeting');
  return { ok: false, reason: 'meeting', ...(old ? { meeting: toMeeting(old) } : {}) };
}

/** Records (or clears) attendance at the door; false if the registration changed meanwhile. */
export async function saveAttendance(registration: Registration, attended: boolean, now: string): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'registration',
      write: attended
        ? update(registrationKey(registration.meetingId, registration.id), 'SET attendedAt = :now', {
            names: { '#status': 'status' },
            values: { ':now': now, ':confirmed': 'confirmed', ':places': registration.places },
            condition: '#status = :confirmed AND places = :places AND attribute_not_exists(attendedAt)',
          })
        : update(registrationKey(registration.meetingId, registration.id), 'REMOVE attendedAt', {
            values: { ':places': registration.places },
            condition: 'attribute_exists(attendedAt) AND places = :places',
          }),
    },
    {
      name: 'meeting',
      write: update(meetingKey(registration.meetingId), 'SET attendedCount = attendedCount + :change', {
        values: { ':change': attended ? registration.places : -registration.places },
      }),
    },
  ]);
  return outcome.ok;
}

/**
 * Claims one reminder for one registration and queues it, once per meeting start time: the claim is a
 * conditional update in the same transaction as the outbox put, so overlapping or retried runs queue it
 * once. A rescheduled meeting has a new start, so its reminders are due again.
 */
export async function claimReminder(
  meeting: Pick<Meeting, 'id' | 'startsAt'>,
  registrationId: string,
  kind: ReminderKind,
  /** Only registrations confirmed by this instant get the reminder. */
  confirmedBy: string,
  email: OutboxEmail,
): Promise<boolean> {
  const last = lastEmailSet(email);
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: check(meetingKey(meeting.id), '#status = :scheduled AND startsAt = :startsAt', {
        names: { '#status': 'status' },
        values: { ':scheduled': 'scheduled', ':startsAt': meeting.startsAt },
      }),
    },
    {
      name: 'registration',
      write: update(registrationKey(meeting.id, registrationId), `SET #claim = :startsAt, ${last.expression}`, {
        names: { '#status': 'status', '#claim': reminderAttribute(kind) },
        values: { ':startsAt': meeting.startsAt, ':confirmed': 'confirmed', ':confirmedBy': confirmedBy, ...last.values },
        condition: '#status = :confirmed AND confirmedAt <= :confirmedBy AND (attribute_not_exists(#claim) OR #claim <> :startsAt)',
      }),
    },
    outboxWrite(email),
  ]);
  return outcome.ok;
}

/** For tests and maintenance: everything stored under one meeting's partition. */
export async function meetingPartitionItems(meetingId: string): Promise<Record<string, unknown>[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': meetingPartition(meetingId) }) });
  return items.map(unmarshal);
}
