/**
 * The programme: staff create surgery sessions, edit them, publish, cancel, block and unblock slots.
 * Slots follow from a session's times (slots.ts). A change of times that would move or remove a slot a
 * council has booked is refused: staff reschedule that booking first. Cancelling a session cancels
 * every booking in it, each council told why.
 */
import type { CouncilAreaCode } from '../core/council-areas.js';
import { newId } from '../core/ids.js';
import { inPool } from '../core/pool.js';
import { invalidField, notFound, Refusal } from '../core/refusal.js';
import { formatLondonDate, formatLondonTime, localLondonToUtcIso } from '../core/time.js';
import { cancelBooking } from './cancelling.js';
import { labelOf, venueKinds, type Session, type SessionInput, type Slot } from './model.js';
import { sessionChangedNotice } from './notify.js';
import { slotsFor } from './slots.js';
import * as store from './store/sessions.js';

export const noSuchSession = () => notFound('There is no surgery session with this id', 'session_not_found');

function sessionFrom(input: SessionInput, base: { id: string; createdAt: string; version: number; invitations: Session['invitations'] }, at: string): Session {
  return {
    id: base.id,
    districtCode: input.districtCode,
    venueName: input.venueName,
    venueAddress: input.venueAddress,
    venueKind: input.venueKind,
    stepFree: input.stepFree,
    ...(input.latitude !== undefined && input.longitude !== undefined ? { latitude: input.latitude, longitude: input.longitude } : {}),
    ...(input.accessInformation ? { accessInformation: input.accessInformation } : {}),
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime,
    startsAt: localLondonToUtcIso(input.date, input.startTime)!,
    endsAt: localLondonToUtcIso(input.date, input.endTime)!,
    slotMinutes: input.slotMinutes,
    bufferMinutes: input.bufferMinutes,
    host: input.host,
    status: input.status,
    invitations: base.invitations,
    version: base.version,
    createdAt: base.createdAt,
    updatedAt: at,
  };
}

export async function createSession(input: SessionInput, now: Date = new Date(), options: { id?: string } = {}): Promise<Session> {
  const at = now.toISOString();
  const session = sessionFrom(input, { id: options.id ?? newId(now), createdAt: at, version: 1, invitations: [] }, at);
  if (!(await store.putNewSession(session, slotsFor(session)))) {
    if (options.id) return (await store.getSession(options.id, { consistent: true }))!;
    throw new Error('A new session id was already taken');
  }
  return session;
}

export async function requireSession(id: string): Promise<Session> {
  const session = await store.getSession(id, { consistent: true });
  if (!session) throw noSuchSession();
  return session;
}

/** A slot a booking has. */
const isTaken = (slot: Slot) => Boolean(slot.bookingId);

const slotLabel = (slot: Pick<Slot, 'startsAt'>) => formatLondonTime(slot.startsAt);

export async function editSession(id: string, input: SessionInput, now: Date = new Date()): Promise<Session> {
  const { session: seen, slots } = await store.readSessionPartition(id);
  if (!seen) throw noSuchSession();
  if (seen.status === 'cancelled') throw new Refusal('session_cancelled', 'This session has been cancelled and can no longer be changed');
  const next = sessionFrom(input, seen, now.toISOString());
  const taken = slots.filter(isTaken);
  if (taken.length && next.districtCode !== seen.districtCode) {
    throw new Refusal('session_has_bookings', 'Councils have booked this session, so it cannot move to another district: cancel the session instead', {
      fields: [{ field: 'districtCode', message: 'Councils have booked this session: it cannot move to another district' }],
    });
  }
  if (taken.length && next.status === 'draft') {
    throw new Refusal('session_has_bookings', 'Councils have booked this session, so it cannot go back to draft', {
      fields: [{ field: 'status', message: 'Councils have booked this session: it cannot go back to draft' }],
    });
  }
  const wanted = new Map(slotsFor(next).map((slot) => [slot.id, slot]));
  const moved = taken.filter((slot) => wanted.get(slot.id)?.endsAt !== slot.endsAt);
  if (moved.length) {
    const times = moved.map(slotLabel).join(', ');
    throw new Refusal('booked_slot_would_move', `The new times would move ${moved.length === 1 ? 'the booked slot' : 'booked slots'} at ${times}. Reschedule ${moved.length === 1 ? 'that booking' : 'those bookings'} first, then change the times.`, {
      fields: [{ field: 'startTime', message: `The new times would move the booked ${moved.length === 1 ? 'slot' : 'slots'} at ${times}: reschedule first` }],
    });
  }
  const existing = new Map(slots.map((slot) => [slot.id, slot]));
  const statusOrDistrictChanged = next.status !== 'published' || next.districtCode !== seen.districtCode;
  const plan: store.SlotPlan = {
    keep: slots.filter((s) => wanted.has(s.id)).map((s) => ({ slot: wanted.get(s.id)!, mustBeFree: statusOrDistrictChanged || wanted.get(s.id)!.endsAt !== s.endsAt })),
    remove: slots.filter((s) => !wanted.has(s.id)),
    add: [...wanted.values()].filter((s) => !existing.has(s.id)),
  };
  const changes = changesFor(seen, next);
  const notice = taken.length && changes.length && next.status === 'published' ? sessionChangedNotice(next, changes, now) : undefined;
  const outcome = await store.saveSessionEdits(seen, next, plan, notice);
  if (outcome.ok) return { ...next, version: seen.version + 1 };
  if (outcome.reason === 'session') {
    if (outcome.current?.status === 'cancelled') throw new Refusal('session_cancelled', 'This session has been cancelled and can no longer be changed');
    throw new Refusal('session_changed', 'Someone else changed this session while you were editing it. Check it and make your change again.');
  }
  const slot = existing.get(outcome.slotId);
  throw new Refusal('booked_slot_would_move', `A council booked the slot at ${slot ? slotLabel(slot) : 'one of the times'} while you were editing. Reschedule that booking first, then change the times.`);
}

/** What booked councils are told changed (times of booked slots cannot change). */
function changesFor(before: Session, after: Session): string[] {
  const changes: string[] = [];
  if (before.venueName !== after.venueName || before.venueAddress !== after.venueAddress) changes.push(`The venue is now ${after.venueName}, ${after.venueAddress}`);
  if (before.venueKind !== after.venueKind || before.stepFree !== after.stepFree) changes.push(`The venue is now ${labelOf(venueKinds, after.venueKind).toLowerCase()}${after.stepFree ? ', with step-free access' : ', without step-free access'}`);
  if ((before.accessInformation ?? '') !== (after.accessInformation ?? '')) changes.push(after.accessInformation ? `Access: ${after.accessInformation}` : 'The access information has been removed');
  if (before.host !== after.host) changes.push(`You will meet the ${after.host}`);
  return changes;
}

/** Publishes a draft (its slots become bookable). */
export async function publishSession(id: string, now: Date = new Date()): Promise<Session> {
  const seen = await requireSession(id);
  if (seen.status === 'published') return seen;
  if (seen.status === 'cancelled') throw new Refusal('session_cancelled', 'This session has been cancelled and can no longer be published');
  return editSession(id, { ...inputOf(seen), status: 'published' }, now);
}

export const inputOf = (s: Session): SessionInput => ({
  districtCode: s.districtCode,
  venueName: s.venueName,
  venueAddress: s.venueAddress,
  venueKind: s.venueKind,
  stepFree: s.stepFree,
  latitude: s.latitude,
  longitude: s.longitude,
  accessInformation: s.accessInformation,
  date: s.date,
  startTime: s.startTime,
  endTime: s.endTime,
  slotMinutes: s.slotMinutes,
  bufferMinutes: s.bufferMinutes,
  host: s.host,
  status: s.status === 'cancelled' ? 'published' : s.status,
});

/**
 * Cancels a session: nothing more can be booked (its slots are marked in the same transaction), then
 * each booking in it is cancelled with the reason, and each council emailed. If this request stops
 * half-way, the timer finishes cancelling (scheduled.ts).
 */
export async function cancelSession(id: string, reason: string, now: Date = new Date()): Promise<{ session: Session; bookingsCancelled: number }> {
  const { session: seen, slots } = await store.readSessionPartition(id);
  if (!seen) throw noSuchSession();
  if (seen.status !== 'cancelled') {
    const outcome = await store.saveSessionCancelled(seen, slots, reason, now.toISOString());
    if (!outcome.ok && (outcome.reason !== 'session' || outcome.current?.status !== 'cancelled')) {
      throw new Refusal('session_changed', 'Someone else changed this session meanwhile. Check it and cancel it again.');
    }
  }
  const bookingsCancelled = await cancelBookingsOfCancelledSession(id, now);
  return { session: await requireSession(id), bookingsCancelled };
}

/** Cancels every booking still held in a cancelled session (idempotent: the timer repeats it safely). */
export async function cancelBookingsOfCancelledSession(id: string, now: Date = new Date()): Promise<number> {
  const { session, slots } = await store.readSessionPartition(id);
  if (session?.status !== 'cancelled') return 0;
  const reason = `The surgery at ${session.venueName} on ${formatLondonDate(session.startsAt)} has been cancelled. ${session.cancelReason ?? ''}`.trim();
  let cancelled = 0;
  await inPool(
    slots.filter((s) => s.bookingId),
    4,
    async (slot) => {
      const done = await cancelBooking(slot.bookingId!, { by: 'staff', reason, sessionCancelled: true }, now).catch((error: unknown) => {
        if (error instanceof Refusal) return undefined;
        throw error;
      });
      if (done) cancelled++;
    },
  );
  return cancelled;
}

export async function setSlotBlocked(sessionId: string, slotId: string, blocked: boolean): Promise<Slot> {
  const slot = await store.getSlot(sessionId, slotId);
  if (!slot) throw notFound('There is no such slot in this session', 'slot_not_found');
  const outcome = await store.saveSlotBlocked(sessionId, slotId, blocked);
  if (!outcome.ok) {
    if (!outcome.current) throw notFound('There is no such slot in this session', 'slot_not_found');
    throw new Refusal('slot_booked', `The slot at ${slotLabel(slot)} is booked: cancel or reschedule the booking before blocking it`);
  }
  return { ...slot, ...(blocked ? { blocked: true } : { blocked: undefined }) };
}

/** Upcoming sessions (published, or every status for staff), soonest first, in one district or all. */
export async function upcomingSessions(options: { districtCode?: CouncilAreaCode; now?: Date; publishedOnly?: boolean } = {}): Promise<Session[]> {
  const now = options.now ?? new Date();
  const sessions = await store.sessionsStartingBetween(new Date(now.getTime() - 12 * 3_600_000).toISOString(), '2101', options.districtCode ? { districtCode: options.districtCode } : {});
  return sessions.filter((s) => s.endsAt > now.toISOString() && (!options.publishedOnly || s.status === 'published'));
}

export async function pastSessions(options: { now?: Date; limit?: number } = {}): Promise<Session[]> {
  const now = options.now ?? new Date();
  const sessions = await store.sessionsStartingBetween('2000', now.toISOString(), { newestFirst: true, limit: options.limit ?? 50 });
  return sessions.filter((s) => s.endsAt <= now.toISOString());
}

export const slotField = (message: string, code = 'slot_not_available') => invalidField('slotId', message, code);
export const { readSessionPartition, getSession, getSlot } = store;
