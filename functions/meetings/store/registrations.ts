/**
 * Registration items: how they are stored and read (with the status of each one's latest email, from
 * the outbox), the email guard that allows one active registration per address per meeting, the
 * details sent again to an address that registers again, and the reminders claimed once each. What
 * moves places is in places.ts, the queue of requests and their decisions in requests.ts.
 *
 *   REG#<id> and EMAIL#<address> in the meeting's partition; gsi2 WAITLIST#<meetingId> while waiting
 *
 * Reads leave out registrations past their expiry (see core/retention.ts): TTL deletes days later.
 */
import { outboxEmails, outboxWrite, type OutboxEmail } from '../../core/outbox/outbox.js';
import { OUTBOX_IDS } from '../../core/retention.js';
import { expired, pick, unexpired, unmarshal, values, type Item } from '../../core/store/items.js';
import { getItem, queryAll } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { check, update } from '../../core/store/writes.js';
import type { EmailKind, EmailStatus, Meeting, Registration } from '../model.js';
import { emailGuardKey, meetingKey, meetingKeys, meetingPartition, registrationKey } from './keys.js';

export type ReminderKind = '48h' | '2h';
const reminderAttribute = (kind: ReminderKind) => `reminder${kind}For`;

const registrationFields = [
  'id', 'meetingId', 'reference', 'name', 'email', 'postcode', 'places', 'attendMode', 'accessNeeds', 'question', 'status',
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
export const lastEmailSet = (email: Pick<OutboxEmail, 'id' | 'kind' | 'createdAt'>) => ({
  expression: `lastEmail = :lastEmail, ${OUTBOX_IDS} = list_append(if_not_exists(${OUTBOX_IDS}, :noIds), :ids)`,
  values: { ':lastEmail': { id: email.id, kind: email.kind, at: email.createdAt }, ':noIds': [], ':ids': [email.id] },
});

/** For a notice fanned out to each person: record their copy as their latest email (if they are still registered). */
export function recordLatestEmail(meetingId: string, registrationId: string, email: Pick<OutboxEmail, 'id' | 'kind' | 'createdAt'>): NamedWrite {
  const last = lastEmailSet(email);
  return { name: 'registration', write: update(registrationKey(meetingId, registrationId), `SET ${last.expression}`, { values: last.values, condition: 'attribute_exists(pk)' }) };
}

/**
 * Sends an existing registration's details again: its email (rendered from its status when sent) and
 * a note of it as the latest, if it is still there and not cancelled; 'gone' when the registration is
 * no longer active.
 */
export async function saveDetailsSentAgain(
  meeting: Pick<Meeting, 'id'>,
  registrationId: string,
  email: OutboxEmail,
): Promise<'sent' | 'gone'> {
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
  ]);
  return outcome.ok ? 'sent' : 'gone';
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
    const status: EmailStatus =
      !email || email.status === 'pending' ? 'pending' : email.status === 'failed' ? 'failed' : email.status === 'suppressed' ? 'suppressed' : 'sent';
    return {
      ...r,
      lastEmail: {
        kind: r.lastEmailRef.kind,
        status,
        at: email?.sentAt ?? email?.lastAttemptAt ?? r.lastEmailRef.at,
        ...(email?.lastError && (status === 'failed' || status === 'pending') ? { error: email.lastError } : {}),
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
