/**
 * Public meetings, in the users' words: staff create, edit and cancel meetings; residents register,
 * join the waiting list, change or cancel; staff check people in and report on attendance. Plain
 * TypeScript with no HTTP: routes and pages call these, and these call the store.
 *
 * Capacity is decided inside DynamoDB (see store.ts): this file chooses what to try and explains
 * refusals; conditions in one transaction make sure it is still true when written.
 */
import { councilAreas, type CouncilAreaCode } from '../core/council-areas.js';
import { HttpError, notFound } from '../core/errors.js';
import { newId, newRegistrationId, referenceFor, registrationIdFromReference } from './ids.js';
import { hashManageToken, looksLikeManageToken } from './manage-token.js';
import { LIMITS, type Meeting, type MeetingInput, type Registration, type RegistrationInput } from './model.js';
import { deliver, deliverDueEmails, newEmail, type DeliveryCounts } from './outbox.js';
import { inPool } from './pool.js';
import { attendanceSummary, dueReminder, registrationWindow, reminderTime, sumAttendance, type AttendanceFigures } from './rules.js';
import * as store from './store.js';
import type { NewEmail, StoredRegistration } from './store.js';

export { formatLondon } from '../core/time.js';
export { attendanceSummary, registrationWindow, type AttendanceFigures } from './rules.js';
export { questionsCsv, registrationsCsv } from './csv.js';
export { manageUrl } from './outbox.js';

export interface Question {
  reference: string;
  name: string;
  question: string;
  createdAt: string;
}

export interface ScheduledWorkResult {
  remindersQueued: number;
  emailsSent: number;
  emailsFailed: number;
  promoted: number;
  /** Registrations whose expiry was moved to follow a rescheduled meeting. */
  expiriesMoved: number;
}

const HOUR = 3_600_000;
const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
const BEGINNING = '0000-01-01T00:00:00.000Z';
/** Bounded retries when a conditional write finds the data changed under it. */
const MAX_TRIES = 8;
/** The scheduled Lambda may run 5 minutes: stop starting new work after this, and leave the rest to the next run. */
const SCHEDULED_BUDGET_MS = 4 * 60_000;
/** A staff edit that moves a meeting's end moves what expiry it can in this time; the scheduled job does the rest. */
const RETENTION_REQUEST_BUDGET_MS = 3_000;

const iso = (d: Date) => d.toISOString();
const stored = (r: Registration): StoredRegistration => ({ ...r, reminders: {} });
const plain = ({ reminders: _r, lastEmailRef: _e, ...registration }: StoredRegistration): Registration => registration;
/** The registration as callers see it, with its latest email's status. */
const shown = async (r: StoredRegistration): Promise<Registration> => plain((await store.withEmailStatus([r]))[0]!);

// ---------------------------------------------------------------------------------------------------
// Meetings

/** Creates a meeting with a given id (for idempotent seeding); `created: false` if that id exists already. */
export async function createMeetingWithId(id: string, input: MeetingInput, now: Date = new Date()): Promise<{ meeting: Meeting; created: boolean }> {
  const at = iso(now);
  const meeting: Meeting = {
    id,
    ...input,
    status: 'scheduled',
    placesLeft: input.capacity,
    confirmedCount: 0,
    waitlistedCount: 0,
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

const capacityError = (confirmed: number) =>
  new HttpError(409, 'capacity_below_confirmed', `Capacity cannot be less than the ${confirmed} places already confirmed`, [
    { field: 'capacity', message: `Capacity must be at least ${confirmed}, the number of places already confirmed` },
  ]);

const meetingCancelledError = () => new HttpError(409, 'meeting_cancelled', 'This meeting has been cancelled');

/**
 * Saves staff edits. Capacity can't drop below confirmed places. A change of time or place is told to
 * everyone registered (an updated invite with a higher SEQUENCE), queued in the same transaction. A new
 * end moves when the registrations are deleted (see moveExpiry): a task in the same transaction, run
 * here as far as time allows and finished by the scheduled job.
 */
export async function updateMeeting(id: string, input: MeetingInput, now: Date = new Date()): Promise<Meeting> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const before = await store.getMeeting(id, { consistent: true });
    if (!before) throw notFound('There is no meeting with this id');
    if (before.status === 'cancelled') throw meetingCancelledError();
    if (input.capacity < before.confirmedCount) throw capacityError(before.confirmedCount);
    const changes = changesWorthTelling(before, input);
    const updatedAt = iso(now) > before.updatedAt ? iso(now) : new Date(Date.parse(before.updatedAt) + 1).toISOString();
    const after: Meeting = {
      ...before,
      ...input,
      placesLeft: before.placesLeft + input.capacity - before.capacity,
      sequence: before.sequence + (changes.length ? 1 : 0),
      updatedAt,
    };
    const anyoneToTell = before.confirmedCount + before.waitlistedCount > 0;
    const notice = changes.length && anyoneToTell ? newEmail('meeting-changed', after, undefined, now, { changes }) : undefined;
    const outcome = await store.saveMeetingEdits(before, after, notice);
    if (outcome.ok) {
      if (notice) await deliver(notice, now, {});
      if (after.endsAt !== before.endsAt) await moveExpiryNow({ meetingId: id, version: after.updatedAt }, now);
      if (after.capacity > before.capacity) await promoteFromWaitingList(id, now);
      return after;
    }
    if (outcome.reason === 'cancelled') throw meetingCancelledError();
    if (outcome.reason === 'capacity') throw capacityError(outcome.current?.confirmedCount ?? before.confirmedCount);
    // Edited by someone else meanwhile: apply these edits to the latest version.
  }
  throw new HttpError(409, 'conflict', 'The meeting is being changed by someone else. Try again.');
}

/** Cancels the meeting and tells everyone registered (a calendar cancellation for confirmed places). */
export async function cancelMeeting(id: string, now: Date = new Date()): Promise<Meeting> {
  const before = await store.getMeeting(id, { consistent: true });
  if (!before) throw notFound('There is no meeting with this id');
  if (before.status === 'cancelled') return before;
  const notice = newEmail('meeting-cancelled', before, undefined, now);
  if (!(await store.saveMeetingCancelled(before, iso(now), notice))) return (await store.getMeeting(id, { consistent: true }))!;
  await deliver(notice, now, {});
  return { ...before, status: 'cancelled', sequence: before.sequence + 1, updatedAt: iso(now) };
}

export async function getMeeting(id: string): Promise<Meeting | undefined> {
  return store.getMeeting(id, { consistent: true });
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
  const [upcoming, started] = await Promise.all([
    meetingsNotEnded(now),
    store.meetingsStartingBetween(BEGINNING, iso(now), { newestFirst: true, limit: 500 }),
  ]);
  return { upcoming, past: started.filter((m) => m.endsAt <= iso(now)) };
}

// ---------------------------------------------------------------------------------------------------
// Registering

const placesError = (max: number) =>
  new HttpError(400, 'validation_failed', 'Some of the information sent is not valid', [
    { field: 'places', message: max === 1 ? 'You can ask for 1 place for this meeting' : `You can ask for up to ${max} places for this meeting` },
  ]);

function fullError(meeting: Meeting): HttpError {
  return meeting.placesLeft > 0
    ? new HttpError(409, 'meeting_full', `There ${meeting.placesLeft === 1 ? 'is only 1 place' : `are only ${meeting.placesLeft} places`} left`, [
        { field: 'places', message: `Ask for ${meeting.placesLeft} ${meeting.placesLeft === 1 ? 'place' : 'places or fewer'}` },
      ])
    : new HttpError(409, 'meeting_full', 'This meeting is full');
}

/** The counters as they are after this registration (for showing, not for deciding). */
const afterRegistering = (meeting: Meeting, r: Registration): Meeting =>
  r.status === 'confirmed'
    ? { ...meeting, placesLeft: meeting.placesLeft - r.places, confirmedCount: meeting.confirmedCount + r.places }
    : { ...meeting, waitlistedCount: meeting.waitlistedCount + r.places };

const withDelivery = (r: Registration, email: NewEmail, counts: DeliveryCounts, now: Date): Registration => ({
  ...r,
  lastEmail: { kind: email.email.kind, status: counts.sent ? 'sent' : 'pending', at: iso(now) },
});

/**
 * Registers a resident: a confirmed place if the places are there, otherwise the waiting list (if the
 * meeting has one). The same email again returns the existing registration (`created: false`), even
 * when both requests arrive at once: the email guard item is part of the transaction.
 */
export async function registerForMeeting(
  meetingId: string,
  input: RegistrationInput,
  now: Date = new Date(),
): Promise<{ registration: Registration; meeting: Meeting; created: boolean }> {
  const at = iso(now);
  // An eventually consistent read is enough: it only picks what to try; the transaction decides.
  let meeting = await store.getMeeting(meetingId);
  if (!meeting) throw notFound('There is no meeting with this id');

  /** Before refusing, check: someone already registered gets their registration back, not an error. */
  const refuse = async (error: HttpError) => {
    const registrationId = await store.registrationIdForEmail(meetingId, input.email, { now });
    const registration = registrationId ? await store.getRegistration(meetingId, registrationId, { consistent: true, now }) : undefined;
    if (registration && meeting) return { registration: await shown(registration), meeting, created: false };
    throw error;
  };

  let id = newRegistrationId();
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const window = registrationWindow(meeting, now);
    if (!window.open) return refuse(new HttpError(409, window.code, window.message));
    if (input.places > meeting.maxPlacesPerRegistration) return refuse(placesError(meeting.maxPlacesPerRegistration));
    const as = meeting.placesLeft >= input.places ? 'confirmed' : meeting.waitingList ? 'waitlisted' : undefined;
    if (!as) return refuse(fullError(meeting));

    const registration: Registration = {
      id,
      meetingId,
      reference: referenceFor(id),
      name: input.name,
      email: input.email,
      ...(input.postcode ? { postcode: input.postcode } : {}),
      places: input.places,
      ...(input.accessNeeds ? { accessNeeds: input.accessNeeds } : {}),
      ...(input.question ? { question: input.question } : {}),
      status: as,
      createdAt: at,
      ...(as === 'confirmed' ? { confirmedAt: at } : {}),
    };
    const email = newEmail(as === 'confirmed' ? 'confirmation' : 'waitlisted', meeting, id, now);
    const outcome = await store.saveRegistration(registration, as, meeting, at, email);
    if (outcome.ok) {
      const counted = afterRegistering(meeting, registration);
      const counts = await deliver(email, now, { meeting: counted, registration: stored(registration) });
      return { registration: withDelivery(registration, email, counts, now), meeting: counted, created: true };
    }
    if (outcome.reason === 'already-registered') {
      const found = await store.getRegistration(meetingId, outcome.registrationId, { consistent: true, now });
      if (found) return { registration: await shown(found), meeting, created: false };
    } else if (outcome.reason === 'reference-taken') {
      id = newRegistrationId();
    } else {
      // The meeting changed under us (filled up, places freed, closed, cancelled, edited): decide again on its current state.
      meeting = outcome.meeting ?? (await store.getMeeting(meetingId, { consistent: true }));
      if (!meeting) throw notFound('There is no meeting with this id');
    }
  }
  throw new HttpError(503, 'busy', 'Sorry, lots of people are registering right now. Try again in a moment.');
}

/** The registration a manage link points to, while the link is valid; undefined for anything else. */
export async function findRegistrationByManageToken(
  token: string,
  now: Date = new Date(),
): Promise<{ meeting: Meeting; registration: Registration } | undefined> {
  if (!looksLikeManageToken(token)) return undefined;
  const link = await store.getManageLink(hashManageToken(token));
  if (!link || link.expiresAt * 1000 <= now.getTime()) return undefined;
  const [meeting, registration] = await Promise.all([
    store.getMeeting(link.meetingId, { consistent: true }),
    store.getRegistration(link.meetingId, link.registrationId, { consistent: true, now }),
  ]);
  if (!meeting || !registration || iso(now) >= meeting.endsAt) return undefined;
  return { meeting, registration: await shown(registration) };
}

/**
 * Cancels a registration (by the resident from their manage link, or by staff), tells them, and, if a
 * confirmed place was freed, offers it to the waiting list.
 */
export async function cancelRegistration(
  meetingId: string,
  registrationId: string,
  by: 'resident' | 'staff',
  now: Date = new Date(),
): Promise<Registration> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const [registration, meeting] = await Promise.all([
      store.getRegistration(meetingId, registrationId, { consistent: true, now }),
      store.getMeeting(meetingId, { consistent: true }),
    ]);
    if (!registration || !meeting) throw notFound('There is no such registration');
    if (registration.status === 'cancelled') return shown(registration);
    if (by === 'resident' && iso(now) >= meeting.startsAt)
      throw new HttpError(409, 'meeting_started', 'The meeting has started, so the registration can no longer be cancelled');
    if (registration.attendedAt) throw new HttpError(409, 'already_attended', 'This person has been checked in, so the registration cannot be cancelled');
    const email = newEmail('cancelled', meeting, registration.id, now);
    if (!(await store.saveCancellation(registration, by, iso(now), email))) continue; // changed meanwhile (e.g. promoted)
    const cancelled: Registration = {
      ...plain(registration),
      status: 'cancelled',
      cancelledAt: iso(now),
      cancelledBy: by,
      cancelledFrom: registration.status,
    };
    const counts = await deliver(email, now, { meeting, registration: stored(cancelled) });
    if (registration.status === 'confirmed') await promoteFromWaitingList(meetingId, now);
    return withDelivery(cancelled, email, counts, now);
  }
  throw new HttpError(409, 'conflict', 'The registration is being changed by someone else. Try again.');
}

const placesUnavailable = (meeting: Meeting, wanted: number) =>
  new HttpError(409, 'places_unavailable', `There are not enough places left for ${wanted}`, [
    { field: 'places', message: meeting.placesLeft > 0 ? `Only ${meeting.placesLeft} more ${meeting.placesLeft === 1 ? 'place is' : 'places are'} available` : 'There are no more places available' },
  ]);

/** Changes how many places a registration holds: more only if they are free (decided by a condition). */
export async function changePlaces(meetingId: string, registrationId: string, places: number, now: Date = new Date()): Promise<Registration> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const [registration, meeting] = await Promise.all([
      store.getRegistration(meetingId, registrationId, { consistent: true, now }),
      store.getMeeting(meetingId, { consistent: true }),
    ]);
    if (!registration || !meeting) throw notFound('There is no such registration');
    if (!Number.isInteger(places) || places < 1 || places > meeting.maxPlacesPerRegistration) throw placesError(meeting.maxPlacesPerRegistration);
    if (registration.status === 'cancelled') throw new HttpError(409, 'registration_cancelled', 'This registration has been cancelled');
    if (meeting.status === 'cancelled') throw meetingCancelledError();
    if (iso(now) >= meeting.startsAt) throw new HttpError(409, 'meeting_started', 'The meeting has started, so places can no longer be changed');
    if (registration.attendedAt) throw new HttpError(409, 'already_attended', 'This person has been checked in');
    if (places === registration.places) return shown(registration);
    const outcome = await store.savePlacesChange(registration, places, iso(now));
    if (outcome.ok) {
      if (places < registration.places) await promoteFromWaitingList(meetingId, now);
      return shown({ ...registration, places });
    }
    if (outcome.reason === 'meeting') throw placesUnavailable(outcome.meeting ?? meeting, places - registration.places);
  }
  throw new HttpError(409, 'conflict', 'The registration is being changed by someone else. Try again.');
}

// ---------------------------------------------------------------------------------------------------
// The waiting list

/**
 * Offers free places to the waiting list, oldest first, skipping anyone whose party does not fit.
 * Each promotion is one transaction conditional on the places still being free and the person still
 * waiting, so racing cancellations cannot overbook. The index may lag, so ids already tried are
 * skipped and the pass is bounded; the scheduled sweep picks up anything left.
 */
export async function promoteFromWaitingList(meetingId: string, now: Date = new Date()): Promise<number> {
  return (await promote(meetingId, now)).promoted;
}

async function promote(meetingId: string, now: Date): Promise<{ promoted: number } & DeliveryCounts> {
  const result = { promoted: 0, sent: 0, failed: 0 };
  let meeting = await store.getMeeting(meetingId, { consistent: true });
  const open = (m: Meeting | undefined): m is Meeting =>
    !!m && m.status === 'scheduled' && iso(now) < m.startsAt && m.placesLeft > 0 && m.waitlistedCount > 0;
  if (!open(meeting)) return result;
  const tried = new Set<string>();
  for (let pass = 0; pass < 3 && open(meeting); pass++) {
    const waiting = (await store.waitingList(meetingId, { now })).filter((r) => !tried.has(r.id));
    if (!waiting.length) break;
    for (const candidate of waiting) {
      if (!open(meeting)) break;
      if (candidate.places > meeting.placesLeft) continue;
      tried.add(candidate.id);
      const email = newEmail('promoted', meeting, candidate.id, now);
      const outcome = await store.savePromotion(candidate, meeting, iso(now), email);
      if (outcome.ok) {
        result.promoted++;
        meeting = { ...meeting, placesLeft: meeting.placesLeft - candidate.places, waitlistedCount: meeting.waitlistedCount - candidate.places };
        const promoted: Registration = { ...candidate, status: 'confirmed', confirmedAt: iso(now) };
        const counts = await deliver(email, now, { meeting, registration: stored(promoted) });
        result.sent += counts.sent;
        result.failed += counts.failed;
      } else if (outcome.reason === 'meeting') {
        // Someone else took or freed places meanwhile: carry on with the meeting as it is now.
        meeting = outcome.meeting ?? (await store.getMeeting(meetingId, { consistent: true }));
      }
      // reason 'registration': already promoted or cancelled by someone else; skip it.
    }
    if (open(meeting)) meeting = await store.getMeeting(meetingId, { consistent: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Staff: lists, check-in, questions, reports

/**
 * Everyone registered, in arrival order, with the status of the latest email each was sent. Registrations
 * past their retention date are left out, even before DynamoDB's TTL has deleted them.
 */
export async function listRegistrations(meetingId: string, now: Date = new Date()): Promise<Registration[]> {
  return (await store.withEmailStatus(await store.listRegistrations(meetingId, { now }))).map(plain);
}

/** For check-in at the door: by name (any part, any case) or by reference (with or without the dash). */
export async function findRegistrations(meetingId: string, search: string, now: Date = new Date()): Promise<Registration[]> {
  const text = search.trim().toLowerCase();
  if (!text) return [];
  const reference = registrationIdFromReference(search);
  const all = await listRegistrations(meetingId, now);
  return all.filter((r) => r.name.toLowerCase().includes(text) || (reference.length >= 3 && r.id.startsWith(reference)));
}

export async function markAttended(meetingId: string, registrationId: string, attended: boolean, now: Date = new Date()): Promise<Registration> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const registration = await store.getRegistration(meetingId, registrationId, { consistent: true, now });
    if (!registration) throw notFound('There is no such registration');
    if (Boolean(registration.attendedAt) === attended) return shown(registration);
    if (attended && registration.status !== 'confirmed')
      throw new HttpError(409, 'not_confirmed', 'Only people with a confirmed place can be checked in');
    if (await store.saveAttendance(registration, attended, iso(now))) {
      const { attendedAt: _previous, ...rest } = registration;
      return shown(attended ? { ...rest, attendedAt: iso(now) } : rest);
    }
  }
  throw new HttpError(409, 'conflict', 'The registration is being changed by someone else. Try again.');
}

export async function listQuestions(meetingId: string, now: Date = new Date()): Promise<Question[]> {
  const registrations = (await store.listRegistrations(meetingId, { now })).map(plain);
  return registrations
    .filter((r) => r.question && r.status !== 'cancelled')
    .map((r) => ({ reference: r.reference, name: r.name, question: r.question!, createdAt: r.createdAt }));
}

/**
 * Attendance per council area and overall for meetings starting in [from, to) that went ahead.
 * Only meetings that have ended count toward no-shows.
 */
export async function attendanceReport(
  opts: { from?: Date; to?: Date; now?: Date } = {},
): Promise<{ byArea: Array<{ areaCode: string; areaName: string } & AttendanceFigures>; overall: AttendanceFigures }> {
  const now = opts.now ?? new Date();
  const from = opts.from ? iso(opts.from) : BEGINNING;
  const to = opts.to ? iso(opts.to) : FAR_FUTURE;
  const meetings = (await store.meetingsStartingBetween(from, to)).filter((m) => m.status === 'scheduled' && m.startsAt < to);
  return {
    byArea: councilAreas.map((area) => ({
      areaCode: area.code,
      areaName: area.name,
      ...sumAttendance(meetings.filter((m) => m.areaCode === area.code), now),
    })),
    overall: sumAttendance(meetings, now),
  };
}

// ---------------------------------------------------------------------------------------------------
// Scheduled work

/**
 * Queues the reminder due now for each confirmed registration of meetings starting within 48 hours,
 * once per registration, reminder and start time (the claim is a condition in the same transaction as
 * the outbox item), and sends it. Only people confirmed before the reminder's time get it.
 */
export async function queueDueReminders(now: Date = new Date(), deadline = Date.now() + SCHEDULED_BUDGET_MS): Promise<{ queued: number } & DeliveryCounts> {
  const result = { queued: 0, sent: 0, failed: 0 };
  const soon = await store.meetingsStartingBetween(iso(now), iso(new Date(now.getTime() + 48 * HOUR)));
  for (const meeting of soon) {
    if (Date.now() > deadline) break; // still due next run: nothing is claimed until it is queued
    const kind = dueReminder(meeting, now);
    if (!kind) continue;
    const confirmedBy = reminderTime(meeting.startsAt, kind);
    const registrations = await store.listRegistrations(meeting.id, { now });
    const due = registrations.filter(
      (r) => r.status === 'confirmed' && (r.confirmedAt ?? r.createdAt) <= confirmedBy && r.reminders[kind] !== meeting.startsAt,
    );
    await inPool(due, 8, async (registration) => {
      if (Date.now() > deadline) return;
      const email = newEmail(`reminder-${kind}`, meeting, registration.id, now);
      if (!(await store.claimReminder(meeting, registration.id, kind, confirmedBy, email))) return;
      result.queued++;
      const claimed = { ...registration, reminders: { ...registration.reminders, [kind]: meeting.startsAt } };
      const counts = await deliver(email, now, { meeting, registration: claimed });
      result.sent += counts.sent;
      result.failed += counts.failed;
    });
  }
  return result;
}

/** Self-healing: offers free places to waiting lists a crashed request may have left behind. */
async function sweepWaitingLists(now: Date): Promise<{ promoted: number } & DeliveryCounts> {
  const total = { promoted: 0, sent: 0, failed: 0 };
  const meetings = await store.meetingsStartingBetween(iso(now), FAR_FUTURE, { needingPromotion: true });
  for (const meeting of meetings) {
    const r = await promote(meeting.id, now);
    total.promoted += r.promoted;
    total.sent += r.sent;
    total.failed += r.failed;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------
// Retention

/**
 * Moves the expiry of everything stored about a meeting's registrations (registration, email guard,
 * outbox emails) to follow the meeting's current end, so they are deleted REGISTRATION_RETENTION_MONTHS
 * after it, as the privacy notice says. Page by page over the meeting's partition, recording progress
 * on the task (and extending its lease) after each page: cut short, it resumes where it stopped; run
 * twice, it changes nothing more. Returns the number of registrations moved.
 */
async function moveExpiry(task: store.RetentionTask, now: Date, deadline: number): Promise<number> {
  const meeting = await store.getMeeting(task.meetingId, { consistent: true });
  if (!meeting) {
    await store.finishRetentionTask(task);
    return 0;
  }
  const expiry = store.expiryFor(meeting);
  // A cancellation may stamp an earlier updatedAt than the edit that set this end (it leaves the end alone).
  if (task.version > expiry.version) expiry.version = task.version;
  const startedAt = Date.now();
  let moved = 0;
  let after = task.doneTo;
  do {
    if (Date.now() > deadline) return moved; // the job resumes from `doneTo` once the lease runs out
    const page = await store.moveExpiryPage(meeting.id, expiry, now, after);
    moved += page.moved;
    after = page.next;
    const leaseUntil = iso(new Date(now.getTime() + (Date.now() - startedAt) + store.RETENTION_LEASE_MS));
    if (after && !(await store.recordRetentionProgress(task, after, leaseUntil))) return moved; // a newer edit's task took over
  } while (after);
  await store.finishRetentionTask(task);
  return moved;
}

/** In the request that moved the end, as far as time allows. The task is stored: if this fails, the job does it. */
async function moveExpiryNow(task: store.RetentionTask, now: Date): Promise<void> {
  try {
    await moveExpiry(task, now, Date.now() + RETENTION_REQUEST_BUDGET_MS);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.warn(JSON.stringify({ level: 'warn', message: 'expiry not moved yet; the scheduled job will', meetingId: task.meetingId, reason }));
  }
}

/** Finishes retention tasks a request ran out of time for (or died during). */
async function resumeRetentionTasks(now: Date, deadline: number): Promise<number> {
  let moved = 0;
  const leaseUntil = iso(new Date(now.getTime() + store.RETENTION_LEASE_MS));
  for (const due of await store.retentionTasksDue(iso(now))) {
    if (Date.now() > deadline) break;
    const task = await store.claimRetentionTask(due, iso(now), leaseUntil);
    if (task) moved += await moveExpiry(task, now, deadline);
  }
  return moved;
}

// ---------------------------------------------------------------------------------------------------
// Every 5 minutes

/** Waiting lists, due reminders, emails waiting for a (re)try, then unfinished expiry moves. */
export async function runScheduledWork(now: Date = new Date()): Promise<ScheduledWorkResult> {
  const deadline = Date.now() + SCHEDULED_BUDGET_MS;
  const promoted = await sweepWaitingLists(now);
  const reminders = await queueDueReminders(now, deadline);
  const retried = await deliverDueEmails(now, deadline);
  const expiriesMoved = await resumeRetentionTasks(now, deadline);
  return {
    remindersQueued: reminders.queued,
    emailsSent: promoted.sent + reminders.sent + retried.sent,
    emailsFailed: promoted.failed + reminders.failed + retried.failed,
    promoted: promoted.promoted,
    expiriesMoved,
  };
}
