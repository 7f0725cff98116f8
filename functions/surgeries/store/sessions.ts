/**
 * Sessions and their slots. A session's partition holds the session, its slots, one guard per council
 * booked and one invitation record per council invited; a strongly consistent Query on the partition
 * reads them all at once. A slot carries a copy of the session's status and district, so a booking's
 * transaction checks the slot alone and never touches the session item: bookings for different slots
 * of one session never conflict. Every change of status or times rewrites the slots in the same
 * transaction as the session, conditional on the version staff saw.
 *
 * A session whose venue has a position is a point on the staff map (core/map-layers.ts), written,
 * moved and removed in the same transactions: its title is the venue (and "(draft)" for a draft).
 */
import type { CouncilAreaCode } from '../../core/council-areas.js';
import { mapPointRemoval, mapPointWrite } from '../../core/map-layers.js';
import { outboxWrite, type OutboxEmail } from '../../core/outbox/outbox.js';
import { pick, values, type Item } from '../../core/store/items.js';
import { batchGet, getItem, queryAll } from '../../core/store/reads.js';
import { countsChange, figureWrites } from '../../core/period-figures.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { sessionCounts } from '../figures.js';
import { put, remove, update } from '../../core/store/writes.js';
import type { Council, InvitationRound, Session, Slot } from '../model.js';
import { CAPABILITY } from '../notify.js';
import { toCouncil } from './councils.js';
import { HIGH, councilKey, guardKey, sessionIndexes, sessionKey, sessionPartition, slotKey, surgeryKeys } from './keys.js';

const sessionFields = [
  'id', 'districtCode', 'venueName', 'venueAddress', 'venueKind', 'stepFree', 'latitude', 'longitude', 'accessInformation',
  'date', 'startTime', 'endTime', 'startsAt', 'endsAt', 'slotMinutes', 'bufferMinutes', 'host', 'status', 'cancelReason',
  'cancelledAt', 'invitations', 'version', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof Session)[];
const slotFields = ['sessionId', 'id', 'startsAt', 'endsAt', 'districtCode', 'sessionStatus', 'blocked', 'bookingId'] as const satisfies readonly (keyof Slot)[];

export const toSession = (item: Item): Session => {
  const s = pick<Session>(item, sessionFields);
  return { ...s, invitations: s.invitations ?? [] };
};
export const toSlot = (item: Item) => pick<Slot>(item, slotFields);

const slotItem = (slot: Slot) => ({ ...slotKey(slot.sessionId, slot.id), type: 'surgery-slot', ...slot });

/** A slot no booking has: the condition every write that gives it away (or deletes or blocks it) carries. */
export const SLOT_FREE = 'attribute_not_exists(bookingId)';

const onMap = (s: Session) => s.status !== 'cancelled' && s.latitude !== undefined && s.longitude !== undefined;

/** The session's point on the staff map, when it has one (a venue with a position, not cancelled). */
function mapPoint(s: Session): NamedWrite[] {
  if (!onMap(s)) return [];
  const title = `${s.venueName}${s.status === 'draft' ? ' (draft)' : ''}`;
  return [mapPointWrite(CAPABILITY, { id: s.id, latitude: s.latitude!, longitude: s.longitude!, at: s.startsAt, title, areaCode: s.districtCode, href: `/staff/surgeries/sessions/${s.id}` })];
}

/** The point as `next` has it: moved, renamed, or taken off the map (it went online, or was cancelled). */
const mapPointChange = (seen: Session, next: Session): NamedWrite[] => (onMap(next) ? mapPoint(next) : onMap(seen) ? [mapPointRemoval(CAPABILITY, seen.id)] : []);

/** Creates the session with its slots (and its map point) in one transaction; false when the id is taken. */
export async function putNewSession(session: Session, slots: readonly Slot[]): Promise<boolean> {
  const outcome = await transactWrite([
    { name: 'session', write: put({ ...sessionKey(session.id), type: 'surgery-session', ...sessionIndexes(session), ...session }, { condition: 'attribute_not_exists(pk)' }) },
    ...slots.map((slot) => ({ name: `slot-${slot.id}`, write: put(slotItem(slot), { condition: 'attribute_not_exists(pk)' }) })),
    ...mapPoint(session),
    ...figureWrites(CAPABILITY, countsChange(undefined, sessionCounts(session))),
  ]);
  return outcome.ok;
}

export async function getSession(id: string, options: { consistent?: boolean } = {}): Promise<Session | undefined> {
  const item = await getItem(sessionKey(id), options);
  return item ? toSession(item) : undefined;
}

export async function getSlot(sessionId: string, slotId: string): Promise<Slot | undefined> {
  const item = await getItem(slotKey(sessionId, slotId), { consistent: true });
  return item ? toSlot(item) : undefined;
}

/** What booking a slot, or moving a booking to one, is decided on. */
export interface BookingParts {
  session?: Session;
  slot?: Slot;
  council?: Council;
  /** The council's guard in the session: it has a booking there. */
  guard?: { bookingId: string };
}

/**
 * The session and, as asked, one of its slots, a council, and that council's guard in the session,
 * strongly consistent, in one BatchGetItem: a booking attempt in a rush reads once, not three times
 * one after another (npm run bench, surgeries).
 */
export async function readBookingParts(sessionId: string, want: { slotId?: string; councilId?: string; guardOf?: string }): Promise<BookingParts> {
  const keys = [
    sessionKey(sessionId),
    ...(want.slotId ? [slotKey(sessionId, want.slotId)] : []),
    ...(want.councilId ? [councilKey(want.councilId)] : []),
    ...(want.guardOf ? [guardKey(sessionId, want.guardOf)] : []),
  ];
  const items = await batchGet(keys, { consistent: true });
  const find = (key: { pk: string; sk: string }) => items.find((item) => item['pk']?.S === key.pk && item['sk']?.S === key.sk);
  const session = find(sessionKey(sessionId));
  const slot = want.slotId ? find(slotKey(sessionId, want.slotId)) : undefined;
  const council = want.councilId ? find(councilKey(want.councilId)) : undefined;
  const guard = want.guardOf ? find(guardKey(sessionId, want.guardOf)) : undefined;
  return {
    ...(session ? { session: toSession(session) } : {}),
    ...(slot ? { slot: toSlot(slot) } : {}),
    ...(council ? { council: toCouncil(council) } : {}),
    ...(guard ? { guard: { bookingId: String(guard['bookingId']?.S) } } : {}),
  };
}

export interface Invited {
  councilId: string;
  firstInvitedAt: string;
  lastInvitedAt: string;
  times: number;
  /** The outbox email of the latest invitation (its status is read from the outbox). */
  emailId: string;
}

export interface SessionPartition {
  session?: Session;
  /** In time order. */
  slots: Slot[];
  /** councilId → bookingId for every council booked in the session. */
  guards: Map<string, { bookingId: string }>;
  invited: Invited[];
}

/** Everything in the session's partition, strongly consistent. */
export async function readSessionPartition(sessionId: string): Promise<SessionPartition> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': sessionPartition(sessionId) }), ConsistentRead: true });
  const found: SessionPartition = { slots: [], guards: new Map(), invited: [] };
  for (const item of items) {
    const sk = item['sk']?.S ?? '';
    if (sk === 'SESSION') found.session = toSession(item);
    else if (sk.startsWith('SLOT#')) found.slots.push(toSlot(item));
    else if (sk.startsWith('COUNCIL#')) {
      found.guards.set(sk.slice('COUNCIL#'.length), { bookingId: String(item['bookingId']?.S) });
    } else if (sk.startsWith('INVITE#')) found.invited.push(pick<Invited>(item, ['councilId', 'firstInvitedAt', 'lastInvitedAt', 'times', 'emailId']));
  }
  found.slots.sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
  return found;
}

/** Sessions starting in [from, to], soonest first: every district (gsi2), or one district's programme (gsi1). */
export async function sessionsStartingBetween(from: string, to: string, options: { districtCode?: CouncilAreaCode; newestFirst?: boolean; limit?: number } = {}): Promise<Session[]> {
  const byDistrict = options.districtCode !== undefined;
  const items = await queryAll(
    {
      IndexName: byDistrict ? 'gsi1' : 'gsi2',
      KeyConditionExpression: byDistrict ? 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to' : 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: values({ ':pk': byDistrict ? `${surgeryKeys.programme}${options.districtCode}` : surgeryKeys.allSessions, ':from': from, ':to': `${to}#${HIGH}` }),
      ScanIndexForward: !options.newestFirst,
    },
    options.limit,
  );
  return items.map(toSession);
}

export interface SlotPlan {
  /** Slots that stay (their end may change); `mustBeFree` when the change could move a booking. */
  keep: Array<{ slot: Slot; mustBeFree: boolean }>;
  remove: Slot[];
  add: Slot[];
}

export type SessionSaveOutcome = { ok: true } | { ok: false; reason: 'session'; current?: Session } | { ok: false; reason: 'slot'; slotId: string };

/**
 * Saves a session read as `seen` with its new details and slots: kept slots take the new status and
 * district, slots no longer in the times are deleted only while free, new ones are added. When the
 * session stops being bookable (back to draft) or moves district, kept slots must be free too.
 */
export async function saveSessionEdits(seen: Session, next: Session, plan: SlotPlan, notice?: OutboxEmail): Promise<SessionSaveOutcome> {
  const editable = [
    'districtCode', 'venueName', 'venueAddress', 'venueKind', 'stepFree', 'latitude', 'longitude', 'accessInformation', 'date',
    'startTime', 'endTime', 'startsAt', 'endsAt', 'slotMinutes', 'bufferMinutes', 'host', 'status', 'updatedAt',
  ] as const;
  const present = editable.filter((f) => next[f] !== undefined);
  const absent = editable.filter((f) => next[f] === undefined);
  const indexes = sessionIndexes(next);
  const sets = [...present.map((f) => `#${f} = :${f}`), ...Object.keys(indexes).map((k) => `${k} = :${k}`), '#version = #version + :one'];
  const names: Record<string, string> = { ...Object.fromEntries([...present, ...absent].map((f) => [`#${f}`, f])), '#version': 'version' };
  const vals: Record<string, unknown> = {
    ...Object.fromEntries(present.map((f) => [`:${f}`, next[f]])),
    ...Object.fromEntries(Object.entries(indexes).map(([k, v]) => [`:${k}`, v])),
    ':one': 1,
    ':seen': seen.version,
    ':cancelled': 'cancelled',
  };
  const parts: NamedWrite[] = [
    {
      name: 'session',
      write: update(sessionKey(seen.id), `SET ${sets.join(', ')}${absent.length ? ` REMOVE ${absent.map((f) => `#${f}`).join(', ')}` : ''}`, {
        names,
        values: vals,
        condition: '#version = :seen AND #status <> :cancelled',
        returnOld: true,
      }),
    },
    ...plan.keep.map(({ slot, mustBeFree }) => ({
      name: `slot-${slot.id}`,
      write: update(slotKey(seen.id, slot.id), 'SET sessionStatus = :status, districtCode = :district, endsAt = :ends', {
        values: { ':status': next.status, ':district': next.districtCode, ':ends': slot.endsAt },
        condition: `attribute_exists(pk)${mustBeFree ? ` AND ${SLOT_FREE}` : ''}`,
      }),
    })),
    ...plan.remove.map((slot) => ({ name: `slot-${slot.id}`, write: remove(slotKey(seen.id, slot.id), { condition: SLOT_FREE }) })),
    ...plan.add.map((slot) => ({ name: `slot-${slot.id}`, write: put(slotItem(slot), { condition: 'attribute_not_exists(pk)' }) })),
    ...mapPointChange(seen, next),
    ...figureWrites(CAPABILITY, countsChange(sessionCounts(seen), sessionCounts(next))),
    ...(notice ? [outboxWrite(notice)] : []),
  ];
  const outcome = await transactWrite(parts);
  if (outcome.ok) return outcome;
  if (outcome.failed.has('session')) {
    const old = outcome.failed.get('session');
    return { ok: false, reason: 'session', ...(old ? { current: toSession(old) } : {}) };
  }
  return { ok: false, reason: 'slot', slotId: [...outcome.failed.keys()][0]!.slice('slot-'.length) };
}

/** Cancels the session, marks every slot cancelled (so nothing more can be booked) and takes it off the map, in one transaction. */
export async function saveSessionCancelled(seen: Session, slots: readonly Slot[], reason: string, at: string): Promise<SessionSaveOutcome> {
  const outcome = await transactWrite([
    {
      name: 'session',
      write: update(sessionKey(seen.id), 'SET #status = :cancelled, cancelReason = :reason, cancelledAt = :at, updatedAt = :at, #version = #version + :one', {
        names: { '#status': 'status', '#version': 'version' },
        values: { ':cancelled': 'cancelled', ':reason': reason, ':at': at, ':one': 1, ':seen': seen.version },
        condition: '#version = :seen AND #status <> :cancelled',
        returnOld: true,
      }),
    },
    ...slots.map((slot) => ({
      name: `slot-${slot.id}`,
      write: update(slotKey(seen.id, slot.id), 'SET sessionStatus = :cancelled', { values: { ':cancelled': 'cancelled' }, condition: 'attribute_exists(pk)' }),
    })),
    ...mapPointChange(seen, { ...seen, status: 'cancelled' }),
    ...figureWrites(CAPABILITY, countsChange(sessionCounts(seen), undefined)),
  ]);
  if (outcome.ok) return outcome;
  const old = outcome.failed.get('session');
  return { ok: false, reason: 'session', ...(old ? { current: toSession(old) } : {}) };
}

/** Blocks a slot while it is free, or unblocks it. False when the slot is not there or (blocking) is booked. */
export async function saveSlotBlocked(sessionId: string, slotId: string, blocked: boolean): Promise<{ ok: boolean; current?: Slot }> {
  const outcome = await transactWrite([
    {
      name: 'slot',
      write: blocked
        ? update(slotKey(sessionId, slotId), 'SET blocked = :yes', { values: { ':yes': true }, condition: `attribute_exists(pk) AND ${SLOT_FREE}`, returnOld: true })
        : update(slotKey(sessionId, slotId), 'REMOVE blocked', { condition: 'attribute_exists(pk)', returnOld: true }),
    },
  ]);
  const current = outcome.ok ? undefined : outcome.failed.get('slot');
  return { ok: outcome.ok, ...(current ? { current: toSlot(current) } : {}) };
}

/** Records a round of invitations on the session with the notice that fans it out, in one transaction. */
export async function saveInvitationRound(session: Session, round: InvitationRound, notice: OutboxEmail): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'session',
      write: update(sessionKey(session.id), 'SET invitations = list_append(if_not_exists(invitations, :none), :round)', {
        names: { '#status': 'status' },
        values: { ':none': [], ':round': [round], ':published': 'published' },
        condition: '#status = :published',
      }),
    },
    outboxWrite(notice),
  ]);
  return outcome.ok;
}

/** The booking that has the council's place in the session, if any. */
export async function getGuard(sessionId: string, councilId: string): Promise<{ bookingId: string } | undefined> {
  const item = await getItem(guardKey(sessionId, councilId), { consistent: true });
  return item ? { bookingId: String(item['bookingId']?.S) } : undefined;
}
