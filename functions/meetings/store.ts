/**
 * Meetings storage: the only file that knows keys, indexes and expressions. Everything is a GetItem,
 * a Query on a key or index, or a (transactional) conditional write. No Scan.
 *
 * Item types (one table, see functions/core/table.ts):
 *
 *   Meeting        pk MEETING#<meetingId>   sk MEETING      no personal data, no expiresAt: kept
 *                  gsi1 MEETINGS / <startsAt>#<meetingId>           all meetings by start time
 *                  gsi2 AREA#<areaCode> / <startsAt>#<meetingId>    meetings in one council area
 *                  counters (places): placesLeft, confirmedCount, waitlistedCount, cancelledCount, attendedCount
 *                  noticeIds = ids of the meeting-changed notices written with its edits (their expiry follows it)
 *   Registration   pk MEETING#<meetingId>   sk REG#<registrationId>  (registrationId = reference code, unique per meeting)
 *                  gsi2 WAITLIST#<meetingId> / <createdAt>#<registrationId>   only while waitlisted (sparse)
 *                  reminder48hFor / reminder2hFor = the startsAt a reminder was claimed for
 *                  lastEmail = { id, kind, at } of its latest outbox email (the status is on that item)
 *                  emailIds = every outbox email about it, so their expiry can follow the meeting's end
 *                  expiresAt, expiryVersion (see "Retention" below)
 *   Email guard    pk MEETING#<meetingId>   sk EMAIL#<email>   registrationId; one active registration per email
 *                  (deleted when that registration is cancelled, so the person can register again)
 *                  expiresAt, expiryVersion
 *   Retention task pk MEETING#<meetingId>   sk RETENTION   version = the meeting's updatedAt when its end moved,
 *                  doneTo = the last sort key moved; written with the edit, deleted when done
 *                  gsi1 RETENTION#PENDING / <notBefore>#<meetingId>   notBefore = a lease, as for emails
 *   Manage link    pk MANAGE#<sha256(token)> sk MANAGE   meetingId, registrationId, expiresAt (TTL, a week
 *                  after the meeting ends; not moved when the meeting is)
 *                  the plain token is never stored
 *   Outbox email   pk OUTBOX#<emailId>      sk OUTBOX   kind, meetingId, registrationId?, status, attempts, lease
 *                  gsi1 EMAIL#PENDING / <nextAttemptAt>#<emailId>   only while pending (sparse)
 *                  no registrationId = a notice to everyone registered, fanned out to one email each
 *                  expiresAt (set when written, from the meeting as then), expiryVersion once moved
 *
 * Access patterns:
 *   meeting by id .............................. GetItem MEETING#id / MEETING
 *   upcoming / past / starting soon / in range .. Query gsi1 MEETINGS, gsi1sk between <from> and <to>
 *   upcoming in an area ........................ Query gsi2 AREA#code, gsi2sk >= <from>
 *   a meeting's registrations (arrival order) .. Query MEETING#id, sk begins_with REG# (sorted by createdAt)
 *   registration by email (duplicates) ......... GetItem MEETING#id / EMAIL#email
 *   waiting list, oldest first ................. Query gsi2 WAITLIST#id (eventually consistent: callers re-check)
 *   registration by manage token ............... GetItem MANAGE#hash / MANAGE
 *   emails due to (re)send ..................... Query gsi1 EMAIL#PENDING, gsi1sk <= <now>#~
 *   registrations' email status (staff) ........ BatchGetItem OUTBOX#<lastEmail.id> / OUTBOX
 *   meetings whose end moved, to re-expire ..... Query gsi1 RETENTION#PENDING, gsi1sk <= <now>#~
 *   a meeting's items, to re-expire ............ Query MEETING#id in pages (resumable from doneTo)
 *
 * Retention (the privacy notice's promise; the period is functions/core/retention.ts): every item with
 * personal data about a registration (the registration, its email guard, and its outbox emails, which
 * hold its ids) has `expiresAt` = personalDataExpiry(meeting end), epoch seconds, which DynamoDB's TTL
 * deletes by. Meetings and their counters are kept. A registration and its guard take it from the
 * meeting read in the registration's transaction (whose `updatedAt = :seen` condition makes it the end
 * as committed), with `expiryVersion` = that updatedAt. When an edit moves the end, the same transaction
 * puts a retention task; a pass (moveExpiryPage, run at once and resumed by the scheduled job) Queries
 * the meeting's partition and moves each item's expiry, conditional on the item existing, not having
 * expired and having an older expiryVersion, so passes for successive edits cannot undo each other and
 * a repeated page is harmless. Outbox emails are moved before their registration, so a moved
 * registration means moved emails.
 * TTL deletes some time (usually days) after expiresAt, so until then every registration read here
 * (registration, list, waiting list, email guard) leaves out items whose expiresAt has passed, as if
 * they were already deleted; `now` is the caller's clock. meetingPartitionItems (tests, maintenance) does not.
 *
 * Every decision about places is a condition inside DynamoDB (never read-then-write): a registration
 * is one transaction of the meeting's counter update (placesLeft >= places, status and window checked
 * against ISO-8601 UTC strings, which compare lexicographically, and updatedAt unchanged since the read
 * so the email shows what was committed), the registration put, the email guard put, the outbox email
 * put and the manage link put.
 */
import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  ConditionalCheckFailedException,
  type BatchGetItemCommandOutput,
  type QueryCommandInput,
  type Update,
} from '@aws-sdk/client-dynamodb';
import { config } from '../core/config.js';
import { dynamo } from '../core/dynamo.js';
import type { CouncilAreaCode } from '../core/council-areas.js';
import { personalDataExpiry } from '../core/retention.js';
import { marshal, unmarshal, values, type Item } from './attribute-values.js';
import type { EmailKind, EmailStatus, Meeting, Registration } from './model.js';
import { inPool } from './pool.js';
import { backoff, sleep, transactWrite, type NamedWrite } from './transactions.js';

// ---------------------------------------------------------------------------------------------------
// Keys

const MEETINGS = 'MEETINGS';
const PENDING_EMAILS = 'EMAIL#PENDING';
const PENDING_RETENTION = 'RETENTION#PENDING';
/** Sorts after any id, so `<instant>#~` bounds "everything at or before this instant". */
const HIGH = '~';

const meetingKey = (id: string) => ({ pk: `MEETING#${id}`, sk: 'MEETING' });
const registrationKey = (meetingId: string, id: string) => ({ pk: `MEETING#${meetingId}`, sk: `REG#${id}` });
const emailGuardKey = (meetingId: string, email: string) => ({ pk: `MEETING#${meetingId}`, sk: `EMAIL#${email}` });
const retentionTaskKey = (meetingId: string) => ({ pk: `MEETING#${meetingId}`, sk: 'RETENTION' });
const manageKey = (tokenHash: string) => ({ pk: `MANAGE#${tokenHash}`, sk: 'MANAGE' });
const outboxKey = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });
const waitlistKeys = (r: Pick<Registration, 'meetingId' | 'createdAt' | 'id'>) => ({
  gsi2pk: `WAITLIST#${r.meetingId}`,
  gsi2sk: `${r.createdAt}#${r.id}`,
});
const meetingIndexKeys = (m: Pick<Meeting, 'id' | 'startsAt' | 'areaCode'>) => ({
  gsi1pk: MEETINGS,
  gsi1sk: `${m.startsAt}#${m.id}`,
  gsi2pk: `AREA#${m.areaCode}`,
  gsi2sk: `${m.startsAt}#${m.id}`,
});

const table = () => config().tableName;
const key = (k: { pk: string; sk: string }) => marshal(k);

// ---------------------------------------------------------------------------------------------------
// Items ⇄ domain

const meetingFields = [
  'id', 'title', 'description', 'areaCode', 'venue', 'address', 'latitude', 'longitude', 'startsAt', 'endsAt',
  'registrationOpensAt', 'registrationClosesAt', 'capacity', 'maxPlacesPerRegistration', 'waitingList',
  'accessInformation', 'status', 'placesLeft', 'confirmedCount', 'waitlistedCount', 'cancelledCount',
  'attendedCount', 'sequence', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof Meeting)[];

const registrationFields = [
  'id', 'meetingId', 'reference', 'name', 'email', 'postcode', 'places', 'accessNeeds', 'question', 'status',
  'createdAt', 'confirmedAt', 'cancelledAt', 'cancelledFrom', 'cancelledBy', 'attendedAt',
] as const satisfies readonly (keyof Registration)[];

function pick<T>(item: Item, fields: readonly string[]): T {
  const plain = unmarshal(item);
  return Object.fromEntries(fields.filter((f) => plain[f] !== undefined).map((f) => [f, plain[f]])) as T;
}

const toMeeting = (item: Item) => pick<Meeting>(item, meetingFields);
const toRegistration = (item: Item) => pick<Registration>(item, registrationFields);

export type ReminderKind = '48h' | '2h';
const reminderAttribute = (kind: ReminderKind) => `reminder${kind}For`;

// ---------------------------------------------------------------------------------------------------
// Outbox items

export type OutboxStatus = EmailStatus | 'skipped';

export interface OutboxEmail {
  id: string;
  kind: EmailKind;
  meetingId: string;
  /** Absent for a notice to everyone registered (meeting changed or cancelled), fanned out later. */
  registrationId?: string;
  status: OutboxStatus;
  /** Claims so far, including the one held by whoever created it. */
  attempts: number;
  nextAttemptAt: string;
  leaseUntil?: string;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
  /** For meeting-changed notices: what changed, in words ("date and time", "venue"). */
  changes?: string[];
  /** For notices being fanned out: the arrival key (`createdAt#id`) of the last registration done. */
  fannedOutTo?: string;
  /** Epoch seconds: deleted by TTL with the registration it is about (core/retention.ts). */
  expiresAt: number;
}

/** An outbox email together with the lease its creator holds, so it can send at once. */
export interface NewEmail {
  email: OutboxEmail;
  leaseToken: string;
  /** Present when the email carries a manage link: its lookup item is written in the same transaction. */
  manageLink?: ManageLink;
  /** The plain token for that link, kept only in memory to render this one email. */
  manageToken?: string;
}

export interface ManageLink {
  tokenHash: string;
  meetingId: string;
  registrationId: string;
  /** Epoch seconds: DynamoDB's TTL removes the item some time after this. */
  expiresAt: number;
}

/** What a registration records about its latest email: which one. Its status is on the outbox item. */
const lastEmailOf = (e: OutboxEmail) => ({ id: e.id, kind: e.kind, at: e.createdAt });

function outboxPut(n: NewEmail): NamedWrite {
  const e = n.email;
  return {
    name: 'email',
    write: {
      Put: {
        TableName: table(),
        Item: marshal({
          ...outboxKey(e.id),
          type: 'email',
          ...e,
          leaseToken: n.leaseToken,
          gsi1pk: PENDING_EMAILS,
          gsi1sk: `${e.nextAttemptAt}#${e.id}`,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

function manageLinkPuts(n: NewEmail): NamedWrite[] {
  return n.manageLink ? [{ name: 'manage', write: { Put: { TableName: table(), Item: manageLinkItem(n.manageLink) } } }] : [];
}

const manageLinkItem = (link: ManageLink) => marshal({ ...manageKey(link.tokenHash), type: 'manage-link', ...link });

/** SET fragments recording the email as this registration's latest, and among its emails (whose expiry follows it). */
const lastEmailSet = (n: NewEmail) => ({
  expression: 'lastEmail = :lastEmail, emailIds = list_append(if_not_exists(emailIds, :noEmailIds), :emailIds)',
  values: { ':lastEmail': lastEmailOf(n.email), ':noEmailIds': [], ':emailIds': [n.email.id] },
});

function update(
  k: { pk: string; sk: string },
  expression: string,
  options: { names?: Record<string, string>; values?: Record<string, unknown>; condition?: string; returnOld?: boolean } = {},
): { Update: Update } {
  const vals = options.values && Object.keys(options.values).length ? values(options.values) : undefined;
  return {
    Update: {
      TableName: table(),
      Key: key(k),
      UpdateExpression: expression,
      ...(options.condition ? { ConditionExpression: options.condition } : {}),
      ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
      ...(vals ? { ExpressionAttributeValues: vals } : {}),
      ...(options.returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
    },
  };
}

async function queryAll(input: Omit<QueryCommandInput, 'TableName'>, limit = Infinity): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ TableName: table(), ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && items.length < limit);
  return items.slice(0, limit);
}

async function getItem(k: { pk: string; sk: string }, consistent: boolean): Promise<Item | undefined> {
  const result = await dynamo().send(new GetItemCommand({ TableName: table(), Key: key(k), ConsistentRead: consistent }));
  return result.Item;
}

// ---------------------------------------------------------------------------------------------------
// Retention: expiresAt (epoch seconds) on everything with personal data about a registration

const epochSeconds = (at: Date | string) => Math.floor((typeof at === 'string' ? Date.parse(at) : at.getTime()) / 1000);

/** Past its expiresAt: due for deletion, so treated as already gone (the TTL sweep takes days). */
function expired(item: Item, now: Date): boolean {
  const expiresAt = item['expiresAt']?.N;
  return expiresAt !== undefined && Number(expiresAt) * 1000 <= now.getTime();
}

const unexpired = (item: Item | undefined, now: Date = new Date()): Item | undefined => (item && !expired(item, now) ? item : undefined);

/** The attributes that make an item about a registration expire with the meeting read as `seen`. */
const expiryFrom = (seen: Pick<Meeting, 'endsAt' | 'updatedAt'>) => ({ expiresAt: personalDataExpiry(seen.endsAt), expiryVersion: seen.updatedAt });

// ---------------------------------------------------------------------------------------------------
// Meetings

/** Creates the meeting unless one with the same id exists; false when it did. */
export async function putNewMeeting(meeting: Meeting): Promise<boolean> {
  try {
    await dynamo().send(
      new PutItemCommand({
        TableName: table(),
        Item: marshal({ ...meetingKey(meeting.id), type: 'meeting', ...meetingIndexKeys(meeting), ...meeting }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function getMeeting(id: string, options: { consistent?: boolean } = {}): Promise<Meeting | undefined> {
  const item = await getItem(meetingKey(id), options.consistent ?? false);
  return item ? toMeeting(item) : undefined;
}

/**
 * Meetings whose start is in [from, to], soonest first (or latest first with `newestFirst`).
 * `needingPromotion` keeps only scheduled meetings with free places and people waiting.
 */
export async function meetingsStartingBetween(
  from: string,
  to: string,
  options: { areaCode?: CouncilAreaCode; newestFirst?: boolean; limit?: number; needingPromotion?: boolean } = {},
): Promise<Meeting[]> {
  const byArea = options.areaCode !== undefined;
  const items = await queryAll(
    {
      IndexName: byArea ? 'gsi2' : 'gsi1',
      KeyConditionExpression: byArea ? 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to' : 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: values({
        ':pk': byArea ? `AREA#${options.areaCode}` : MEETINGS,
        ':from': from,
        ':to': `${to}#${HIGH}`,
        ...(options.needingPromotion ? { ':zero': 0, ':scheduled': 'scheduled' } : {}),
      }),
      ...(options.needingPromotion
        ? { FilterExpression: 'placesLeft > :zero AND waitlistedCount > :zero AND #status = :scheduled', ExpressionAttributeNames: { '#status': 'status' } }
        : {}),
      ScanIndexForward: !options.newestFirst,
    },
    options.limit,
  );
  return items.map(toMeeting);
}

export type MeetingEditOutcome = { ok: true } | { ok: false; reason: 'capacity' | 'cancelled' | 'edited-meanwhile'; current?: Meeting };

/** How long a retention task is left to whoever is running it (first the request that made the edit) before the job may take it. */
export const RETENTION_LEASE_MS = 60_000;

/**
 * Saves staff edits to a meeting read at `before`. Capacity moves placesLeft by the same amount and may
 * not drop below the confirmed places. A notice to registrants is written in the same transaction, and
 * so is a retention task when the end moves (registrations' expiry follows it: see moveExpiryPage).
 */
export async function saveMeetingEdits(before: Meeting, after: Meeting, notice?: NewEmail): Promise<MeetingEditOutcome> {
  const editable = [
    'title', 'description', 'areaCode', 'venue', 'address', 'latitude', 'longitude', 'startsAt', 'endsAt',
    'registrationOpensAt', 'registrationClosesAt', 'capacity', 'maxPlacesPerRegistration', 'waitingList',
    'accessInformation', 'sequence', 'updatedAt',
  ] as const;
  const sets = editable.map((f) => `#${f} = :${f}`);
  const names: Record<string, string> = Object.fromEntries(editable.map((f) => [`#${f}`, f]));
  const vals: Record<string, unknown> = Object.fromEntries(editable.map((f) => [`:${f}`, after[f]]));
  const indexKeys = meetingIndexKeys(after);
  for (const [k, v] of Object.entries(indexKeys)) {
    sets.push(`${k} = :${k}`);
    vals[`:${k}`] = v;
  }
  if (notice) {
    sets.push('noticeIds = list_append(if_not_exists(noticeIds, :noNoticeIds), :noticeIds)');
    Object.assign(vals, { ':noNoticeIds': [], ':noticeIds': [notice.email.id] });
  }
  const endMoved = after.endsAt !== before.endsAt;
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: update(meetingKey(before.id), `SET ${sets.join(', ')}, placesLeft = placesLeft + :capacityChange`, {
        names: { ...names, '#status': 'status' },
        values: {
          ...vals,
          ':capacityChange': after.capacity - before.capacity,
          ':beforeUpdatedAt': before.updatedAt,
          ':beforeCapacity': before.capacity,
          ':scheduled': 'scheduled',
        },
        condition: '#updatedAt = :beforeUpdatedAt AND #capacity = :beforeCapacity AND #status = :scheduled AND confirmedCount <= :capacity',
        returnOld: true,
      }),
    },
    ...(notice ? [outboxPut(notice)] : []),
    ...(endMoved ? [retentionTaskPut(after)] : []),
  ]);
  if (outcome.ok) return outcome;
  const old = outcome.failed.get('meeting');
  const current = old ? toMeeting(old) : undefined;
  if (!current) throw new Error(`Meeting ${before.id} could not be saved`);
  if (current.status !== 'scheduled') return { ok: false, reason: 'cancelled', current };
  if (current.updatedAt !== before.updatedAt || current.capacity !== before.capacity)
    return { ok: false, reason: 'edited-meanwhile', current };
  return { ok: false, reason: 'capacity', current };
}

/**
 * The work of moving the meeting's registrations' expiry to its new end. Replaces any earlier task (and
 * its progress): the edits are serialised by the meeting's updatedAt condition, so the newest wins.
 */
function retentionTaskPut(after: Meeting): NamedWrite {
  const notBefore = new Date(Date.parse(after.updatedAt) + RETENTION_LEASE_MS).toISOString();
  return {
    name: 'retention',
    write: {
      Put: {
        TableName: table(),
        Item: marshal({
          ...retentionTaskKey(after.id),
          type: 'retention-task',
          meetingId: after.id,
          version: after.updatedAt,
          gsi1pk: PENDING_RETENTION,
          gsi1sk: `${notBefore}#${after.id}`,
        }),
      },
    },
  };
}

/** Cancels a scheduled meeting and writes the notice to everyone registered; false if already cancelled. */
export async function saveMeetingCancelled(meeting: Meeting, now: string, notice: NewEmail): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: update(meetingKey(meeting.id), 'SET #status = :cancelled, #sequence = #sequence + :one, updatedAt = :now', {
        names: { '#status': 'status', '#sequence': 'sequence' },
        values: { ':cancelled': 'cancelled', ':scheduled': 'scheduled', ':one': 1, ':now': now },
        condition: '#status = :scheduled',
      }),
    },
    outboxPut(notice),
  ]);
  return outcome.ok;
}

// ---------------------------------------------------------------------------------------------------
// Registrations

export type RegisterOutcome =
  | { ok: true }
  | { ok: false; reason: 'already-registered'; registrationId: string }
  /** The meeting's condition failed: `meeting` is its current state (closed, cancelled, full, or not full any more). */
  | { ok: false; reason: 'meeting'; meeting?: Meeting }
  | { ok: false; reason: 'reference-taken' };

/**
 * One transaction: take the places (or join the waiting list), put the registration, claim the email
 * address for this meeting, and queue the email. `as` picks the branch; its condition makes sure the
 * branch is still right (a waitlisting only succeeds while the places really are not there).
 */
export async function saveRegistration(
  registration: Registration,
  as: 'confirmed' | 'waitlisted',
  /**
   * The meeting as read (its `updatedAt`): if staff edited it since, the email would show old details.
   * Its `endsAt` sets when the registration expires; the same condition makes that the end as committed.
   */
  seen: Pick<Meeting, 'updatedAt' | 'endsAt'>,
  now: string,
  email: NewEmail,
): Promise<RegisterOutcome> {
  const window =
    '#status = :scheduled AND updatedAt = :seen AND registrationOpensAt <= :now AND registrationClosesAt > :now AND startsAt > :now AND maxPlacesPerRegistration >= :places';
  const common = { ':places': registration.places, ':now': now, ':scheduled': 'scheduled', ':seen': seen.updatedAt };
  const meetingUpdate =
    as === 'confirmed'
      ? update(meetingKey(registration.meetingId), 'SET placesLeft = placesLeft - :places, confirmedCount = confirmedCount + :places', {
          names: { '#status': 'status' },
          values: common,
          condition: `${window} AND placesLeft >= :places`,
          returnOld: true,
        })
      : update(meetingKey(registration.meetingId), 'SET waitlistedCount = waitlistedCount + :places', {
          names: { '#status': 'status' },
          values: { ...common, ':yes': true },
          condition: `${window} AND placesLeft < :places AND waitingList = :yes`,
          returnOld: true,
        });
  const expiry = expiryFrom(seen);
  const stored = { ...registration, ...lastEmailFields(email), ...expiry };
  const outcome = await transactWrite([
    { name: 'meeting', write: meetingUpdate },
    {
      name: 'registration',
      write: {
        Put: {
          TableName: table(),
          Item: marshal({
            ...registrationKey(registration.meetingId, registration.id),
            type: 'registration',
            ...stored,
            ...(as === 'waitlisted' ? waitlistKeys(registration) : {}),
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    {
      name: 'guard',
      write: {
        Put: {
          TableName: table(),
          Item: marshal({ ...emailGuardKey(registration.meetingId, registration.email), type: 'email-guard', registrationId: registration.id, ...expiry }),
          // An expired guard (not yet removed by TTL) is as good as deleted.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: values({ ':now': epochSeconds(now) }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    },
    outboxPut(email),
    ...manageLinkPuts(email),
  ]);
  if (outcome.ok) return outcome;
  const guard = outcome.failed.get('guard');
  if (outcome.failed.has('guard')) {
    const registrationId = guard
      ? String(unmarshal(guard)['registrationId'])
      : await registrationIdForEmail(registration.meetingId, registration.email, { now: new Date(now) });
    if (registrationId) return { ok: false, reason: 'already-registered', registrationId };
  }
  if (outcome.failed.has('meeting')) {
    const old = outcome.failed.get('meeting');
    return { ok: false, reason: 'meeting', meeting: old ? toMeeting(old) : undefined };
  }
  return { ok: false, reason: 'reference-taken' };
}

const lastEmailFields = (email: NewEmail) => ({ lastEmail: lastEmailOf(email.email), emailIds: [email.email.id] });

/** The active (not cancelled, not expired) registration for this email address, if any. */
export async function registrationIdForEmail(meetingId: string, email: string, options: { now?: Date } = {}): Promise<string | undefined> {
  const item = unexpired(await getItem(emailGuardKey(meetingId, email), true), options.now);
  return item ? String(unmarshal(item)['registrationId']) : undefined;
}

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
  return { ...toRegistration(item), reminders, ...(ref?.id ? { lastEmailRef: ref } : {}) };
}

/** Fills in `lastEmail` (kind, status, when, last error) from each registration's latest outbox email. */
export async function withEmailStatus<T extends StoredRegistration>(registrations: T[]): Promise<T[]> {
  const ids = [...new Set(registrations.flatMap((r) => (r.lastEmailRef ? [r.lastEmailRef.id] : [])))];
  const emails = new Map<string, OutboxEmail & { lastAttemptAt?: string }>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Item[] | undefined = ids.slice(i, i + 100).map((id) => key(outboxKey(id)));
    for (let attempt = 0; keys?.length && attempt < 8; attempt++) {
      const result: BatchGetItemCommandOutput = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [table()]: { Keys: keys } } }));
      for (const item of result.Responses?.[table()] ?? []) {
        const email = { ...toOutboxEmail(item), lastAttemptAt: unmarshal(item)['lastAttemptAt'] as string | undefined };
        emails.set(email.id, email);
      }
      keys = result.UnprocessedKeys?.[table()]?.Keys;
      if (keys?.length) await sleep(backoff(attempt));
    }
  }
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
export async function getRegistration(
  meetingId: string,
  id: string,
  options: { consistent?: boolean; now?: Date } = {},
): Promise<StoredRegistration | undefined> {
  const item = unexpired(await getItem(registrationKey(meetingId, id), options.consistent ?? true), options.now);
  return item ? toStoredRegistration(item) : undefined;
}

/** Every unexpired registration for the meeting (strongly consistent), in arrival order, with reminder claims. */
export async function listRegistrations(meetingId: string, options: { now?: Date } = {}): Promise<StoredRegistration[]> {
  const now = options.now ?? new Date();
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
    ExpressionAttributeValues: values({ ':pk': meetingKey(meetingId).pk, ':reg': 'REG#' }),
    ConsistentRead: true,
  });
  return items.filter((item) => !expired(item, now)).map(toStoredRegistration).sort(byArrival);
}

export const byArrival = (a: Registration, b: Registration) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The waiting list, oldest first, unexpired. Read from an index, so it may lag: promotion re-checks each one. */
export async function waitingList(meetingId: string, options: { now?: Date } = {}): Promise<Registration[]> {
  const now = options.now ?? new Date();
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: values({ ':pk': `WAITLIST#${meetingId}` }),
  });
  return items.filter((item) => !expired(item, now)).map(toRegistration);
}

export type PromoteOutcome = { ok: true } | { ok: false; reason: 'meeting'; meeting?: Meeting } | { ok: false; reason: 'registration' };

/** One promotion, one transaction: take the places if they are still free, waitlisted → confirmed, queue the email. */
export async function savePromotion(registration: Registration, seen: Pick<Meeting, 'updatedAt'>, now: string, email: NewEmail): Promise<PromoteOutcome> {
  const p = registration.places;
  const last = lastEmailSet(email);
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: update(
        meetingKey(registration.meetingId),
        'SET placesLeft = placesLeft - :places, confirmedCount = confirmedCount + :places, waitlistedCount = waitlistedCount - :places',
        {
          names: { '#status': 'status' },
          values: { ':places': p, ':now': now, ':scheduled': 'scheduled', ':seen': seen.updatedAt },
          condition: '#status = :scheduled AND updatedAt = :seen AND startsAt > :now AND placesLeft >= :places',
          returnOld: true,
        },
      ),
    },
    {
      name: 'registration',
      write: update(
        registrationKey(registration.meetingId, registration.id),
        `SET #status = :confirmed, confirmedAt = :now, ${last.expression} REMOVE gsi2pk, gsi2sk`,
        {
          names: { '#status': 'status' },
          values: { ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':now': now, ':places': p, ...last.values },
          condition: '#status = :waitlisted AND places = :places',
        },
      ),
    },
    outboxPut(email),
    ...manageLinkPuts(email),
  ]);
  if (outcome.ok) return outcome;
  if (outcome.failed.has('registration')) return { ok: false, reason: 'registration' };
  const old = outcome.failed.get('meeting');
  return { ok: false, reason: 'meeting', meeting: old ? toMeeting(old) : undefined };
}

/**
 * Cancels a registration read as `registration` (confirmed or waitlisted): gives its places back (or
 * leaves the waiting list), frees the email address for a new registration, queues the email.
 * False when the registration changed meanwhile (e.g. was just promoted): read it again and retry.
 */
export async function saveCancellation(
  registration: Registration,
  by: 'resident' | 'staff',
  now: string,
  email: NewEmail,
): Promise<boolean> {
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
    { name: 'guard', write: { Delete: { TableName: table(), Key: key(emailGuardKey(registration.meetingId, registration.email)) } } },
    outboxPut(email),
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
  return { ok: false, reason: 'meeting', meeting: old ? toMeeting(old) : undefined };
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
 * Claims one reminder for one registration and queues it, once per meeting start time: the claim is
 * a conditional update in the same transaction as the outbox put, so overlapping or retried runs
 * queue it once. A rescheduled meeting has a new start, so its reminders are due again.
 */
export async function claimReminder(
  meeting: Pick<Meeting, 'id' | 'startsAt'>,
  registrationId: string,
  kind: ReminderKind,
  /** Only registrations confirmed by this instant get the reminder. */
  confirmedBy: string,
  email: NewEmail,
): Promise<boolean> {
  const last = lastEmailSet(email);
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: {
        ConditionCheck: {
          TableName: table(),
          Key: key(meetingKey(meeting.id)),
          ConditionExpression: '#status = :scheduled AND startsAt = :startsAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values({ ':scheduled': 'scheduled', ':startsAt': meeting.startsAt }),
        },
      },
    },
    {
      name: 'registration',
      write: update(registrationKey(meeting.id, registrationId), `SET #claim = :startsAt, ${last.expression}`, {
        names: { '#status': 'status', '#claim': reminderAttribute(kind) },
        values: { ':startsAt': meeting.startsAt, ':confirmed': 'confirmed', ':confirmedBy': confirmedBy, ...last.values },
        condition: '#status = :confirmed AND confirmedAt <= :confirmedBy AND (attribute_not_exists(#claim) OR #claim <> :startsAt)',
      }),
    },
    outboxPut(email),
    ...manageLinkPuts(email),
  ]);
  return outcome.ok;
}

// ---------------------------------------------------------------------------------------------------
// Manage links

export async function putManageLink(link: ManageLink): Promise<void> {
  await dynamo().send(new PutItemCommand({ TableName: table(), Item: manageLinkItem(link) }));
}

export async function getManageLink(tokenHash: string): Promise<ManageLink | undefined> {
  const item = await getItem(manageKey(tokenHash), false);
  return item ? (pick<ManageLink>(item, ['tokenHash', 'meetingId', 'registrationId', 'expiresAt'])) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Outbox

/** Writes a per-registration email fanned out from a notice; false if it already exists (a retried fan-out). */
export async function saveFannedOutEmail(email: NewEmail): Promise<boolean> {
  const e = email.email;
  if (!e.registrationId) throw new Error('A fanned-out email names its registration');
  const last = lastEmailSet(email);
  const outcome = await transactWrite([
    outboxPut(email),
    {
      name: 'registration',
      write: update(registrationKey(e.meetingId, e.registrationId), `SET ${last.expression}`, { values: last.values }),
    },
    ...manageLinkPuts(email),
  ]);
  return outcome.ok;
}

/** Emails whose next attempt is due, oldest first. */
export async function emailsDue(now: string, limit = 200): Promise<OutboxEmail[]> {
  const items = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: values({ ':pk': PENDING_EMAILS, ':now': `${now}#${HIGH}` }),
    },
    limit,
  );
  return items.map(toOutboxEmail);
}

export async function getOutboxEmail(id: string): Promise<OutboxEmail | undefined> {
  const item = await getItem(outboxKey(id), true);
  return item ? toOutboxEmail(item) : undefined;
}

const outboxFields = [
  'id', 'kind', 'meetingId', 'registrationId', 'status', 'attempts', 'nextAttemptAt', 'leaseUntil', 'lastError',
  'createdAt', 'sentAt', 'changes', 'fannedOutTo', 'expiresAt',
] as const satisfies readonly (keyof OutboxEmail)[];
const toOutboxEmail = (item: Item) => pick<OutboxEmail>(item, outboxFields);

/**
 * Takes a short lease on a due email so no other run sends it meanwhile. Undefined when someone else
 * holds it, it is not due, or it is no longer pending.
 */
export async function claimEmail(id: string, now: string, leaseUntil: string, leaseToken: string): Promise<OutboxEmail | undefined> {
  try {
    const result = await dynamo().send(
      new UpdateItemCommand({
        TableName: table(),
        Key: key(outboxKey(id)),
        UpdateExpression: 'SET leaseUntil = :leaseUntil, leaseToken = :token, attempts = attempts + :one, nextAttemptAt = :leaseUntil, gsi1sk = :sk',
        ConditionExpression: '#status = :pending AND nextAttemptAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values({
          ':leaseUntil': leaseUntil,
          ':token': leaseToken,
          ':one': 1,
          ':sk': `${leaseUntil}#${id}`,
          ':pending': 'pending',
          ':now': now,
        }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes ? toOutboxEmail(result.Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/**
 * Records how far a notice's fan-out has got and extends its lease, so a fan-out cut short by a time
 * limit resumes there, and no other run starts it meanwhile. False if the lease was lost.
 */
export async function recordFanOutProgress(notice: OutboxEmail, leaseToken: string, fannedOutTo: string, leaseUntil: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateItemCommand({
        TableName: table(),
        Key: key(outboxKey(notice.id)),
        UpdateExpression: 'SET fannedOutTo = :to, leaseUntil = :leaseUntil, nextAttemptAt = :leaseUntil, gsi1sk = :sk',
        ConditionExpression: 'leaseToken = :token',
        ExpressionAttributeValues: values({ ':to': fannedOutTo, ':leaseUntil': leaseUntil, ':sk': `${leaseUntil}#${notice.id}`, ':token': leaseToken }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Records the end of an attempt by the lease holder: sent, skipped (no longer relevant), failed for
 * good, or pending again at `retryAt`. One write, to the outbox item: the status lives only there.
 */
export async function recordEmailAttempt(
  email: OutboxEmail,
  leaseToken: string,
  now: string,
  result: { status: 'sent' | 'skipped' } | { status: 'failed'; error: string } | { status: 'pending'; error: string; retryAt: string },
): Promise<boolean> {
  const common = { ':status': result.status, ':token': leaseToken, ':now': now };
  const input =
    result.status === 'pending'
      ? {
          UpdateExpression: 'SET #status = :status, nextAttemptAt = :retryAt, gsi1sk = :sk, lastError = :error, lastAttemptAt = :now REMOVE leaseUntil, leaseToken',
          ExpressionAttributeValues: values({ ...common, ':retryAt': result.retryAt, ':sk': `${result.retryAt}#${email.id}`, ':error': result.error }),
        }
      : {
          UpdateExpression: `SET #status = :status, lastAttemptAt = :now${result.status === 'sent' ? ', sentAt = :now' : ''}${result.status === 'failed' ? ', lastError = :error' : ''} REMOVE leaseUntil, leaseToken, gsi1pk, gsi1sk`,
          ExpressionAttributeValues: values({ ...common, ...(result.status === 'failed' ? { ':error': result.error } : {}) }),
        };
  try {
    await dynamo().send(
      new UpdateItemCommand({
        TableName: table(),
        Key: key(outboxKey(email.id)),
        ConditionExpression: 'leaseToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        ...input,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Retention: moving registrations' expiry when a meeting's end moves

export interface RetentionTask {
  meetingId: string;
  /** The meeting's updatedAt when its end moved. */
  version: string;
  /** The sort key of the last item moved: a resumed pass starts after it. */
  doneTo?: string;
}

/** Where expiry should be now: from the meeting's current end, stamped with its current updatedAt. */
export interface Expiry {
  expiresAt: number;
  version: string;
}

export const expiryFor = (meeting: Pick<Meeting, 'endsAt' | 'updatedAt'>): Expiry => {
  const { expiresAt, expiryVersion } = expiryFrom(meeting);
  return { expiresAt, version: expiryVersion };
};

const toRetentionTask = (item: Item) => pick<RetentionTask>(item, ['meetingId', 'version', 'doneTo']);

/** Retention tasks no one holds (their lease, or the editing request's head start, has run out). */
export async function retentionTasksDue(now: string, limit = 100): Promise<RetentionTask[]> {
  const items = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: values({ ':pk': PENDING_RETENTION, ':now': `${now}#${HIGH}` }),
    },
    limit,
  );
  return items.map(toRetentionTask);
}

/** Leases a due task (with its progress, read consistently); undefined if someone else holds it or a newer one replaced it. */
export async function claimRetentionTask(task: RetentionTask, now: string, leaseUntil: string): Promise<RetentionTask | undefined> {
  try {
    const result = await dynamo().send(
      new UpdateItemCommand({
        TableName: table(),
        Key: key(retentionTaskKey(task.meetingId)),
        UpdateExpression: 'SET gsi1sk = :lease',
        ConditionExpression: '#version = :version AND gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: values({
          ':lease': `${leaseUntil}#${task.meetingId}`,
          ':version': task.version,
          ':pk': PENDING_RETENTION,
          ':now': `${now}#${HIGH}`,
        }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes ? toRetentionTask(result.Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Records a pass's progress and extends its lease. False when a newer edit has replaced the task (or it is done). */
export async function recordRetentionProgress(task: RetentionTask, doneTo: string, leaseUntil: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateItemCommand({
        TableName: table(),
        Key: key(retentionTaskKey(task.meetingId)),
        UpdateExpression: 'SET doneTo = :doneTo, gsi1sk = :lease',
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: values({ ':doneTo': doneTo, ':lease': `${leaseUntil}#${task.meetingId}`, ':version': task.version }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Deletes a finished task, unless a newer edit has replaced it meanwhile (that one still has to run). */
export async function finishRetentionTask(task: RetentionTask): Promise<void> {
  try {
    await dynamo().send(
      new DeleteItemCommand({
        TableName: table(),
        Key: key(retentionTaskKey(task.meetingId)),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: values({ ':version': task.version }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Sets one item's expiry, only if it still exists, has not expired (expired data is not brought back)
 * and was stamped from an older version of the meeting (so an older pass never undoes a newer one).
 * True when it was moved.
 */
async function moveItemExpiry(k: { pk: string; sk: string }, expiry: Expiry, now: Date): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateItemCommand({
        TableName: table(),
        Key: key(k),
        UpdateExpression: 'SET expiresAt = :expiresAt, expiryVersion = :version',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :now) AND (attribute_not_exists(expiryVersion) OR expiryVersion < :version)',
        ExpressionAttributeValues: values({ ':expiresAt': expiry.expiresAt, ':version': expiry.version, ':now': epochSeconds(now) }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Whether an item in the meeting's partition still needs moving (a cheap check before the conditional write). */
function needsMoving(item: Item, expiry: Expiry, now: Date): boolean {
  if (expired(item, now)) return false;
  if (item['expiresAt']?.N === String(expiry.expiresAt)) return false;
  const version = item['expiryVersion']?.S;
  return version === undefined || version < expiry.version;
}

const EXPIRY_PAGE = 100;

/**
 * One page (in sort-key order, after `after`) of moving a meeting's personal data to `expiry`: each
 * registration (its outbox emails first, then the registration), each email guard, and the notices
 * recorded on the meeting. Idempotent: items already there are skipped, and every write is conditional
 * (see moveItemExpiry). `next` is the last sort key done, absent when the partition is finished.
 * Returns how many registrations were moved.
 */
export async function moveExpiryPage(meetingId: string, expiry: Expiry, now: Date, after?: string): Promise<{ moved: number; next?: string }> {
  const pk = meetingKey(meetingId).pk;
  const page = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: values({ ':pk': pk }),
      ConsistentRead: true,
      Limit: EXPIRY_PAGE,
      ...(after ? { ExclusiveStartKey: key({ pk, sk: after }) } : {}),
    }),
  );
  let moved = 0;
  await inPool(page.Items ?? [], 8, async (item) => {
    const sk = item['sk']?.S ?? '';
    const plain = unmarshal(item);
    const ids = (name: string) => (Array.isArray(plain[name]) ? (plain[name] as unknown[]).map(String) : []);
    if (sk === 'MEETING') {
      for (const id of ids('noticeIds')) await moveItemExpiry(outboxKey(id), expiry, now);
    } else if (sk.startsWith('REG#')) {
      if (!needsMoving(item, expiry, now)) return;
      for (const id of ids('emailIds')) await moveItemExpiry(outboxKey(id), expiry, now);
      if (await moveItemExpiry({ pk, sk }, expiry, now)) moved++;
    } else if (sk.startsWith('EMAIL#')) {
      if (needsMoving(item, expiry, now)) await moveItemExpiry({ pk, sk }, expiry, now);
    }
  });
  const next = page.LastEvaluatedKey?.['sk']?.S;
  return { moved, ...(next ? { next } : {}) };
}

// ---------------------------------------------------------------------------------------------------
// For tests and maintenance: everything stored under one meeting's partition.

export async function meetingPartitionItems(meetingId: string): Promise<Record<string, unknown>[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': meetingKey(meetingId).pk }) });
  return items.map(unmarshal);
}
