/**
 * Staff create, edit and cancel meetings; residents and staff list them. A change of time or place
 * is told to everyone registered (an updated calendar invite with a higher SEQUENCE), queued in the
 * same transaction as the edit; a new end moves when the registrations are deleted. Each of these
 * transactions also places, moves or removes the meeting's point on the staff map (store/meetings.ts).
 */
import type { CouncilAreaCode } from '../core/council-areas.js';
import { newId } from '../core/ids.js';
import { afterCommit } from '../core/log.js';
import { invalidField, notFound, Refusal } from '../core/refusal.js';
import { runRetentionTaskNow } from '../core/retention.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { LIMITS, type Meeting, type MeetingInput } from './model.js';
import { hasOnlinePlaces } from './modes.js';
import { meetingEmail } from './notify.js';
import * as store from './store/meetings.js';
import { promoteFromWaitingList } from './waiting-list.js';

const HOUR = 3_600_000;
const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
const BEGINNING = '0000-01-01T00:00:00.000Z';

const iso = (d: Date) => d.toISOString();

/** Creates a meeting with a given id (for idempotent seeding); `created: false` if that id exists already. */
export async function createMeetingWithId(id: string, input: MeetingInput, now: Date = new Date()): Promise<{ meeting: Meeting; created: boolean }> {
  checkStart(input.startsAt, now);
  const at = iso(now);
  const meeting: Meeting = {
    id,
    ...input,
    status: 'scheduled',
    placesLeft: input.capacity,
    confirmedCount: 0,
    waitlistedCount: 0,
    ...(input.onlineCapacity !== undefined ? { onlinePlacesLeft: input.onlineCapacity, onlineConfirmedCount: 0, onlineWaitlistedCount: 0 } : {}),
    cancelledCount: 0,
    attendedCount: 0,
    sequence: 0,
    createdAt: at,
    updatedAt: at,
  };
  const created = await store.putNewMeeting(meeting);
  return { meeting, created };
}

export async function createMeeting(input: MeetingInput, now: Date = new Date()): Promise<Meeting> {
  return (await createMeetingWithId(newId(now), input, now)).meeting;
}

/** What residents are told changed, in words; empty when nothing they rely on changed. */
export function changesWorthTelling(before: Meeting, after: MeetingInput): string[] {
  const changes: string[] = [];
  if (before.startsAt !== after.startsAt || before.endsAt !== after.endsAt) changes.push('date and time');
  if (before.venue !== after.venue) changes.push('venue');
  if (before.address !== after.address) changes.push('address');
  return changes;
}

const capacityRefusal = (confirmed: number, field: 'capacity' | 'onlineCapacity' = 'capacity') => {
  const what = field === 'capacity' ? 'Capacity' : 'Online places';
  return new Refusal('capacity_below_confirmed', `${what} cannot be less than the ${confirmed} places already confirmed`, {
    fields: [{ field, message: `${what} must be at least ${confirmed}, the number of places already confirmed${field === 'capacity' ? '' : ' online'}` }],
  });
};

/** Why the places staff asked for cannot be had: fewer than are confirmed in a mode, or a mode taken away from people waiting for it. */
function placesRefusal(meeting: Meeting, input: Pick<MeetingInput, 'capacity' | 'onlineCapacity' | 'mode'>): Refusal | undefined {
  if (input.capacity < meeting.confirmedCount) return capacityRefusal(meeting.confirmedCount);
  if ((input.onlineCapacity ?? 0) < (meeting.onlineConfirmedCount ?? 0)) return capacityRefusal(meeting.onlineConfirmedCount ?? 0, 'onlineCapacity');
  const waiting = input.mode === 'online' ? meeting.waitlistedCount : input.mode === 'in-person' ? (meeting.onlineWaitlistedCount ?? 0) : 0;
  if (waiting > 0) return invalidField('mode', `${waiting === 1 ? '1 person is' : `${waiting} people are`} waiting for a place ${input.mode === 'online' ? 'in person' : 'online'}: cancel their registrations first`);
  return undefined;
}

export const meetingCancelled = () => new Refusal('meeting_cancelled', 'This meeting has been cancelled');

/** How far ahead a meeting may be planned: further is almost certainly a typing mistake in the year. */
export const MAX_YEARS_AHEAD = 2;

/** A new start must be in the future, and not implausibly far ahead. */
function checkStart(startsAt: string, now: Date): void {
  if (startsAt <= iso(now)) throw invalidField('startsAt', 'The start must be in the future');
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  if (startsAt > iso(latest)) throw invalidField('startsAt', `The start must be within ${MAX_YEARS_AHEAD} years from now`);
}
export const noSuchMeeting = () => notFound('There is no meeting with this id');

/**
 * Saves staff edits. Capacity can't drop below confirmed places. A new end moves when registrations
 * are deleted: a task written with the edit, run here as far as time allows and finished by the timer.
 */
export async function updateMeeting(id: string, input: MeetingInput, now: Date = new Date()): Promise<Meeting> {
  const { before, after, retention } = await settle(async () => {
    const before = await store.getMeeting(id, { consistent: true });
    if (!before) throw noSuchMeeting();
    if (before.status === 'cancelled') throw meetingCancelled();
    const refused = placesRefusal(before, input);
    if (refused) throw refused;
    // A meeting that has started keeps its times; a moved start must be in the future.
    if (input.startsAt !== before.startsAt || input.endsAt !== before.endsAt) checkStart(input.startsAt, now);
    const changes = changesWorthTelling(before, input);
    const updatedAt = iso(now) > before.updatedAt ? iso(now) : new Date(Date.parse(before.updatedAt) + 1).toISOString();
    const after: Meeting = {
      ...before,
      ...input,
      placesLeft: before.placesLeft + input.capacity - before.capacity,
      // Online places, once a meeting has had them, keep their counters (0 places when it is in person again).
      ...(input.onlineCapacity !== undefined || hasOnlinePlaces(before)
        ? {
            onlineCapacity: input.onlineCapacity ?? 0,
            onlinePlacesLeft: (before.onlinePlacesLeft ?? 0) + (input.onlineCapacity ?? 0) - (before.onlineCapacity ?? 0),
            onlineConfirmedCount: before.onlineConfirmedCount ?? 0,
            onlineWaitlistedCount: before.onlineWaitlistedCount ?? 0,
          }
        : {}),
      sequence: before.sequence + (changes.length ? 1 : 0),
      updatedAt,
    };
    const anyoneToTell = before.confirmedCount + before.waitlistedCount > 0;
    const notice = changes.length && anyoneToTell ? meetingEmail('meeting-changed', after, undefined, now, { changes }) : undefined;
    const outcome = await store.saveMeetingEdits(before, after, now, notice);
    if (outcome.ok) return { before, after, retention: outcome.retention };
    if (outcome.reason === 'cancelled') throw meetingCancelled();
    if (outcome.reason === 'capacity') throw placesRefusal(outcome.current ?? before, input) ?? capacityRefusal(before.confirmedCount);
    // Edited by someone else meanwhile: apply these edits to the latest version.
    return TRY_AGAIN;
  });
  if (retention) await runRetentionTaskNow(retention, now);
  if (after.capacity > before.capacity || (after.onlineCapacity ?? 0) > (before.onlineCapacity ?? 0)) await afterCommit('promotion from the waiting list', () => promoteFromWaitingList(id, now));
  return after;
}

/**
 * Cancels the meeting and tells everyone registered why (the reason staff give, validated by
 * `cancelMeetingInput` at the edge), with a calendar cancellation for confirmed places.
 */
export async function cancelMeeting(id: string, reason: string, now: Date = new Date()): Promise<Meeting> {
  const before = await store.getMeeting(id, { consistent: true });
  if (!before) throw noSuchMeeting();
  if (before.status === 'cancelled') return before;
  const notice = meetingEmail('meeting-cancelled', before, undefined, now);
  // Requests still queued are the decider's: its next batch finds the meeting cancelled (the counters'
  // condition sees the change) and tells them there is no place.
  if (!(await store.saveMeetingCancelled(before, reason, iso(now), notice))) return (await store.getMeeting(id, { consistent: true }))!;
  return { ...before, status: 'cancelled', cancelReason: reason, sequence: before.sequence + 1, updatedAt: iso(now) };
}

export async function getMeeting(id: string): Promise<Meeting | undefined> {
  return store.getMeeting(id, { consistent: true });
}

export async function requireMeeting(id: string): Promise<Meeting> {
  const meeting = await getMeeting(id);
  if (!meeting) throw noSuchMeeting();
  return meeting;
}

/** Meetings that have not ended yet (a meeting lasts at most LIMITS.meetingHours), soonest first. */
async function meetingsNotEnded(now: Date, areaCode?: CouncilAreaCode): Promise<Meeting[]> {
  const from = iso(new Date(now.getTime() - LIMITS.meetingHours * HOUR));
  const meetings = await store.meetingsStartingBetween(from, FAR_FUTURE, { areaCode });
  return meetings.filter((m) => m.endsAt > iso(now));
}

/** Scheduled meetings that have not ended, soonest first, optionally in one council area. */
export async function listUpcomingMeetings(opts: { areaCode?: CouncilAreaCode; now?: Date } = {}): Promise<Meeting[]> {
  const meetings = await meetingsNotEnded(opts.now ?? new Date(), opts.areaCode);
  return meetings.filter((m) => m.status === 'scheduled');
}

/** Every meeting for staff, cancelled ones included: upcoming soonest first, past latest first. */
export async function listMeetingsForStaff(opts: { now?: Date } = {}): Promise<{ upcoming: Meeting[]; past: Meeting[] }> {
  const now = opts.now ?? new Date();
  const [upcoming, started] = await Promise.all([meetingsNotEnded(now), store.meetingsStartingBetween(BEGINNING, iso(now), { newestFirst: true, limit: 500 })]);
  return { upcoming, past: started.filter((m) => m.endsAt <= iso(now)) };
}

/** Meetings starting in [from, to) that went ahead (for the attendance report). */
export async function meetingsHeldBetween(from: Date | undefined, to: Date | undefined): Promise<Meeting[]> {
  const start = from ? iso(from) : BEGINNING;
  const end = to ? iso(to) : FAR_FUTURE;
  return (await store.meetingsStartingBetween(start, end)).filter((m) => m.status === 'scheduled' && m.startsAt < end);
}
