/**
 * Bookings, and every transaction that gives a slot to a council or takes it back. The rules live in
 * the conditions, never in a read followed by a write:
 *
 * - a slot has at most one booking: the slot's update requires no booking on it;
 * - a council has at most one booking per session: the session's guard item for the council is put
 *   only if absent;
 * - a council holds at most N upcoming bookings in its district's programme: the council item's
 *   `upcoming` map is changed only at the `upcomingVersion` the domain counted it at;
 * - the council must be active and in the slot's district; the session published; the slot in the future.
 *
 * A request from the public page is a booking item in status `requested` that takes nothing; its
 * clerk's confirmation turns it into a booking in the same transaction as the slot, the guard and the
 * council, conditional on it still waiting and not lapsed (so the first request confirmed wins).
 *
 * Each change moves its district's counters (figures.ts). Personal data expires with the booking
 * (retention.ts). What happened at the surgery is saved with its figures by outcomes.ts.
 */
import { outboxWrite, type OutboxEmail } from '../../core/outbox/outbox.js';
import { expired, pick, unexpired, values, type Item } from '../../core/store/items.js';
import { batchGet, getItem, queryAll } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { put, remove, update } from '../../core/store/writes.js';
import type { Booking, Council, Session, Slot, UpcomingEntry } from '../model.js';
import { bookingExpiry, requestExpiry } from '../retention.js';
import { toCouncil } from './councils.js';
import { counterChange } from './figures.js';
import { personIndex } from '../../core/people/index.js';
import { bookingKey, CAPABILITY, councilBookingsIndex, councilKey, guardKey, slotKey, surgeryKeys } from './keys.js';
import { SLOT_FREE, toSlot } from './sessions.js';

const bookingFields = [
  'id', 'sessionId', 'slotId', 'slotStartsAt', 'slotEndsAt', 'districtCode', 'councilId', 'councilName', 'attendeeName',
  'attendeeRole', 'email', 'themes', 'otherTopics', 'accessNeeds', 'status', 'confirmBy', 'via', 'sequence', 'createdAt',
  'confirmedAt', 'cancelledAt', 'cancelledBy', 'cancelReason', 'rescheduledAt', 'reminderFor', 'outcome', 'outcomeVersion', 'actionIds',
] as const satisfies readonly (keyof Booking)[];

/** A booking as stored, with a pointer to its latest email (for staff: was it sent?). */
export type StoredBooking = Booking & { lastEmail?: { id: string; kind: string; at: string } };

export function toBooking(item: Item): StoredBooking {
  const b = pick<StoredBooking>(item, [...bookingFields, 'lastEmail']);
  return { ...b, themes: b.themes ?? [], outcomeVersion: b.outcomeVersion ?? 0 };
}

const lastEmail = (email: OutboxEmail) => ({ id: email.id, kind: email.kind, at: email.createdAt });

/** The entry the council's `upcoming` map keeps for a booking. */
export const upcomingEntry = (b: Pick<Booking, 'sessionId' | 'slotStartsAt' | 'slotEndsAt'>): UpcomingEntry => ({ sessionId: b.sessionId, startsAt: b.slotStartsAt, endsAt: b.slotEndsAt });

/** The slot's update that gives it to `bookingId`, with every rule about the slot as its condition. */
function takeSlot(slot: Pick<Slot, 'sessionId' | 'id' | 'districtCode'>, bookingId: string, nowIso: string): NamedWrite {
  return {
    name: 'slot',
    write: update(slotKey(slot.sessionId, slot.id), 'SET bookingId = :b', {
      values: { ':b': bookingId, ':now': nowIso, ':published': 'published', ':district': slot.districtCode, ':yes': true },
      condition: `attribute_exists(pk) AND sessionStatus = :published AND districtCode = :district AND startsAt > :now AND (attribute_not_exists(blocked) OR blocked <> :yes) AND ${SLOT_FREE}`,
      returnOld: true,
    }),
  };
}

/** The guard: one booking per council per session. */
function guardPut(sessionId: string, councilId: string, bookingId: string): NamedWrite {
  return {
    name: 'guard',
    write: put({ ...guardKey(sessionId, councilId), type: 'surgery-council-guard', councilId, bookingId }, { condition: 'attribute_not_exists(pk)', returnOld: true }),
  };
}

const releaseSlot = (b: Pick<Booking, 'id' | 'sessionId' | 'slotId'>): NamedWrite => ({
  name: 'slot',
  write: update(slotKey(b.sessionId, b.slotId), 'REMOVE bookingId', { values: { ':b': b.id }, condition: 'bookingId = :b' }),
});
const dropGuard = (b: Pick<Booking, 'id' | 'sessionId' | 'councilId'>, name = 'guard'): NamedWrite => ({
  name,
  write: remove(guardKey(b.sessionId, b.councilId), { values: { ':b': b.id }, condition: 'bookingId = :b' }),
});
/** Takes the booking out of the council's count (a change of count: the version moves on). */
const dropUpcoming = (b: Pick<Booking, 'id' | 'councilId'>): NamedWrite => ({
  name: 'council',
  write: update(councilKey(b.councilId), 'REMOVE upcoming.#b SET upcomingVersion = upcomingVersion + :one', { names: { '#b': b.id }, values: { ':one': 1 }, condition: 'attribute_exists(pk)' }),
});
/** Why a transaction that takes a slot was cancelled: the slot (as it is now) or the council's place in the session. */
function takingFailed(failed: Map<string, Item | undefined>): { ok: false; reason: 'slot'; slot?: Slot } | { ok: false; reason: 'guard' } | undefined {
  if (failed.has('slot')) {
    const old = failed.get('slot');
    return { ok: false, reason: 'slot', ...(old ? { slot: toSlot(old) } : {}) };
  }
  return failed.has('guard') ? { ok: false, reason: 'guard' } : undefined;
}

export type NewBookingOutcome =
  | { ok: true }
  | { ok: false; reason: 'slot'; slot?: Slot }
  | { ok: false; reason: 'guard' }
  | { ok: false; reason: 'council'; council?: Council }
  /** A new booking's id was taken; or the request it confirms is no longer waiting (confirmed meanwhile, or lapsed). */
  | { ok: false; reason: 'booking' };

/**
 * One transaction: the slot, the council's guard for the session, the council's count of upcoming
 * bookings (at the version counted, dropping bookings now over), the confirmed booking (new, or
 * replacing the request it confirms while that still waits), a counter shard and its email.
 */
export async function saveNewBooking(plan: {
  booking: Booking;
  slot: Slot;
  council: Council;
  /** Entries of the council's `upcoming` that no longer count (over): removed. */
  stale: readonly string[];
  email: OutboxEmail;
  nowIso: string;
  /** The booking confirms the request with its id: only while that is `requested` and its time to confirm has not passed. */
  confirmsRequest?: boolean;
}): Promise<NewBookingOutcome> {
  const { booking, slot, council, stale, email, nowIso } = plan;
  const staleNames = Object.fromEntries(stale.map((id, i) => [`#s${i}`, id]));
  const outcome = await transactWrite(() => [
    takeSlot(slot, booking.id, nowIso),
    guardPut(booking.sessionId, booking.councilId, booking.id),
    {
      name: 'council',
      write: update(
        councilKey(council.id),
        `SET upcoming.#b = :entry, upcomingVersion = upcomingVersion + :one${stale.length ? ` REMOVE ${stale.map((_, i) => `upcoming.#s${i}`).join(', ')}` : ''}`,
        {
          names: { '#b': booking.id, '#status': 'status', ...staleNames },
          values: { ':entry': upcomingEntry(booking), ':one': 1, ':active': 'active', ':district': slot.districtCode, ':seen': council.upcomingVersion },
          condition: '#status = :active AND districtCode = :district AND upcomingVersion = :seen',
          returnOld: true,
        },
      ),
    },
    {
      name: 'booking',
      write: put(
        {
          ...bookingKey(booking.id),
          type: 'surgery-booking',
          ...booking,
          lastEmail: lastEmail(email),
          expiresAt: bookingExpiry(booking),
          ...councilBookingsIndex(booking),
          ...personIndex(booking.email, CAPABILITY, 'booking', booking.id),
        },
        plan.confirmsRequest
          ? { names: { '#status': 'status' }, values: { ':requested': 'requested', ':now': nowIso }, condition: '#status = :requested AND confirmBy > :now' }
          : { condition: 'attribute_not_exists(pk)' },
      ),
    },
    counterChange(booking.districtCode, { confirmed: 1 }),
    outboxWrite(email),
  ]);
  if (outcome.ok) return outcome;
  const taking = takingFailed(outcome.failed);
  if (taking) return taking;
  if (outcome.failed.has('council')) {
    const old = outcome.failed.get('council');
    return { ok: false, reason: 'council', ...(old ? { council: toCouncil(old) } : {}) };
  }
  return { ok: false, reason: 'booking' };
}

/**
 * Saves a request from the public page with the email asking its council's clerk to confirm it. It
 * touches nothing any booking touches (no slot, guard or council item), so it reserves nothing and
 * can block no one; its personal data expires soon after its time to confirm (retention.ts). False
 * when its id was taken.
 */
export async function saveRequest(request: Booking, email: OutboxEmail): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'booking',
      write: put(
        { ...bookingKey(request.id), type: 'surgery-booking', ...request, lastEmail: lastEmail(email), expiresAt: requestExpiry(request), ...personIndex(request.email, CAPABILITY, 'booking', request.id) },
        { condition: 'attribute_not_exists(pk)' },
      ),
    },
    outboxWrite(email),
  ]);
  return outcome.ok;
}

/**
 * Cancels a confirmed booking read as `seen`, freeing its slot and guard where it still has them.
 * False when it changed meanwhile (rescheduled, cancelled): read it again.
 */
export async function saveCancellation(
  seen: Booking,
  ours: { slot: boolean; guard: boolean },
  change: { by: 'council' | 'staff'; reason?: string; nowIso: string },
  email?: OutboxEmail,
): Promise<boolean> {
  const outcome = await transactWrite(() => [
    {
      name: 'booking',
      write: update(
        bookingKey(seen.id),
        `SET #status = :cancelled, cancelledAt = :now, cancelledBy = :by, #sequence = #sequence + :one${change.reason ? ', cancelReason = :reason' : ''}${email ? ', lastEmail = :email' : ''}`,
        {
          names: { '#status': 'status', '#sequence': 'sequence' },
          values: {
            ':cancelled': 'cancelled',
            ':now': change.nowIso,
            ':by': change.by,
            ':one': 1,
            ':seenStatus': seen.status,
            ':slot': seen.slotId,
            ':session': seen.sessionId,
            ...(change.reason ? { ':reason': change.reason } : {}),
            ...(email ? { ':email': lastEmail(email) } : {}),
          },
          condition: '#status = :seenStatus AND slotId = :slot AND sessionId = :session',
        },
      ),
    },
    ...(ours.slot ? [releaseSlot(seen)] : []),
    ...(ours.guard ? [dropGuard(seen)] : []),
    dropUpcoming(seen),
    counterChange(seen.districtCode, { confirmed: -1, cancelled: 1 }),
    ...(email ? [outboxWrite(email)] : []),
  ]);
  return outcome.ok;
}

export type RescheduleOutcome =
  | { ok: true }
  | { ok: false; reason: 'booking' | 'guard' }
  | { ok: false; reason: 'slot'; slot?: Slot };

/**
 * Moves a confirmed booking from its slot to another in one transaction: the booking, the old slot
 * freed (only if it is still this booking's), the new slot taken (only if free and bookable), the
 * guards when the session changes, the council's entry, and the email. It ends with exactly one slot.
 */
export async function saveReschedule(seen: Booking, target: { session: Session; slot: Slot }, nowIso: string, email: OutboxEmail): Promise<RescheduleOutcome> {
  const moved: Booking = { ...seen, sessionId: target.session.id, slotId: target.slot.id, slotStartsAt: target.slot.startsAt, slotEndsAt: target.slot.endsAt };
  const otherSession = target.session.id !== seen.sessionId;
  const index = councilBookingsIndex(moved);
  const outcome = await transactWrite([
    {
      name: 'booking',
      write: update(
        bookingKey(seen.id),
        'SET sessionId = :session, slotId = :slot, slotStartsAt = :starts, slotEndsAt = :ends, #sequence = #sequence + :one, rescheduledAt = :now, expiresAt = :expires, gsi2sk = :gsi2sk, lastEmail = :email REMOVE reminderFor',
        {
          names: { '#status': 'status', '#sequence': 'sequence' },
          values: {
            ':session': moved.sessionId,
            ':slot': moved.slotId,
            ':starts': moved.slotStartsAt,
            ':ends': moved.slotEndsAt,
            ':one': 1,
            ':now': nowIso,
            ':expires': bookingExpiry(moved),
            ':gsi2sk': index.gsi2sk,
            ':email': lastEmail(email),
            ':confirmed': 'confirmed',
            ':oldSlot': seen.slotId,
            ':oldSession': seen.sessionId,
          },
          condition: '#status = :confirmed AND slotId = :oldSlot AND sessionId = :oldSession',
        },
      ),
    },
    { ...releaseSlot(seen), name: 'old-slot' },
    takeSlot(target.slot, seen.id, nowIso),
    ...(otherSession ? [dropGuard(seen, 'old-guard'), guardPut(moved.sessionId, moved.councilId, moved.id)] : []),
    {
      name: 'council',
      write: update(councilKey(seen.councilId), 'SET upcoming.#b = :entry', { names: { '#b': seen.id }, values: { ':entry': upcomingEntry(moved) }, condition: 'attribute_exists(upcoming.#b)' }),
    },
    outboxWrite(email),
  ]);
  if (outcome.ok) return outcome;
  return takingFailed(outcome.failed) ?? { ok: false, reason: 'booking' };
}

/** Claims the 48-hour reminder for the booking's current start, with its email: true once, however often it runs. */
export async function claimReminder(booking: Booking, email: OutboxEmail): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'booking',
      write: update(bookingKey(booking.id), 'SET reminderFor = :start, lastEmail = :email', {
        names: { '#status': 'status' },
        values: { ':start': booking.slotStartsAt, ':confirmed': 'confirmed', ':email': lastEmail(email) },
        condition: '#status = :confirmed AND slotStartsAt = :start AND (attribute_not_exists(reminderFor) OR reminderFor <> :start)',
      }),
    },
    outboxWrite(email),
  ]);
  return outcome.ok;
}

// ---------------------------------------------------------------------------------------------------
// Reads

/** The booking, unless it does not exist or its personal data has expired. */
export async function getBooking(id: string, options: { consistent?: boolean; now?: Date } = {}): Promise<StoredBooking | undefined> {
  const item = unexpired(await getItem(bookingKey(id), { consistent: options.consistent ?? true }), options.now);
  return item ? toBooking(item) : undefined;
}

export async function getBookings(ids: readonly string[], now: Date = new Date()): Promise<Map<string, StoredBooking>> {
  const items = await batchGet([...new Set(ids)].map(bookingKey));
  return new Map(items.filter((i) => !expired(i, now)).map((item) => { const b = toBooking(item); return [b.id, b] as const; }));
}

/** A council's bookings, in slot order (eventually consistent index). */
export async function bookingsOfCouncil(councilId: string, now: Date = new Date()): Promise<StoredBooking[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: values({ ':pk': `${surgeryKeys.councilBookings}${councilId}` }),
  });
  return items.filter((i) => !expired(i, now)).map(toBooking);
}

/** For a session-changed notice fanned out to a booking: its calendar SEQUENCE rises with its email (if still booked there). */
export function sequenceRaised(bookingId: string, sessionId: string, email: Pick<OutboxEmail, 'id' | 'kind' | 'createdAt'>): NamedWrite {
  return {
    name: 'booking',
    write: update(bookingKey(bookingId), 'SET #sequence = #sequence + :one, lastEmail = :email', {
      names: { '#sequence': 'sequence', '#status': 'status' },
      values: { ':one': 1, ':email': { id: email.id, kind: email.kind, at: email.createdAt }, ':confirmed': 'confirmed', ':session': sessionId },
      condition: '#status = :confirmed AND sessionId = :session',
    }),
  };
}
