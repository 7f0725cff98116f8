/**
 * The meeting rules that need no storage: when registration is open, when reminders are due, and
 * what the attendance figures are. Pure functions of a meeting and the time.
 */
import type { Meeting } from './model.js';
import type { ReminderKind } from './store/registrations.js';
import { confirmedPlaces } from './modes.js';

export type RegistrationWindow = { open: true } | { open: false; code: string; message: string };

export function registrationWindow(meeting: Meeting, now: Date = new Date()): RegistrationWindow {
  const at = now.toISOString();
  if (meeting.status === 'cancelled')
    return { open: false, code: 'meeting_cancelled', message: 'This meeting has been cancelled' };
  if (at >= meeting.startsAt)
    return { open: false, code: 'meeting_started', message: 'This meeting has already started, so you cannot register' };
  if (at < meeting.registrationOpensAt)
    return { open: false, code: 'registration_not_open', message: 'Registration for this meeting has not opened yet' };
  if (at >= meeting.registrationClosesAt)
    return { open: false, code: 'registration_closed', message: 'Registration for this meeting has closed' };
  return { open: true };
}

const HOUR = 3_600_000;
export const REMINDERS: ReadonlyArray<{ kind: ReminderKind; hoursBefore: number }> = [
  { kind: '48h', hoursBefore: 48 },
  { kind: '2h', hoursBefore: 2 },
];

/** When a reminder is due for a meeting starting at `startsAt`. */
export const reminderTime = (startsAt: string, kind: ReminderKind) =>
  new Date(Date.parse(startsAt) - REMINDERS.find((r) => r.kind === kind)!.hoursBefore * HOUR).toISOString();

/**
 * The reminder due now, if any: the 48-hour one until the 2-hour one is due, then the 2-hour one until
 * the start. A run that comes late sends only the latest reminder, never two at once.
 */
export function dueReminder(meeting: Pick<Meeting, 'startsAt' | 'status'>, now: Date): ReminderKind | undefined {
  if (meeting.status !== 'scheduled') return undefined;
  const at = now.toISOString();
  if (at >= meeting.startsAt) return undefined;
  if (at >= reminderTime(meeting.startsAt, '2h')) return '2h';
  if (at >= reminderTime(meeting.startsAt, '48h')) return '48h';
  return undefined;
}

export interface AttendanceFigures {
  meetings: number;
  /** Confirmed places (people), not counting cancellations. */
  registered: number;
  /** Everyone who came: registered places checked in, and walk-ins. */
  attended: number;
  /** Of those, people added at the door without registering. */
  walkIns: number;
  cancelled: number;
  /** Confirmed places not attended, at meetings that have ended. */
  noShows: number;
  /** noShows ÷ registered places at ended meetings; null when none has ended with anyone registered. */
  noShowRate: number | null;
}

export interface MeetingAttendance {
  registered: number;
  attended: number;
  walkIns: number;
  cancelled: number;
  noShows: number;
  noShowRate: number | null;
  ended: boolean;
}

export function attendanceSummary(meeting: Meeting, now: Date = new Date()): MeetingAttendance {
  const ended = now.toISOString() >= meeting.endsAt && meeting.status === 'scheduled';
  // Places in every mode: an online place is a place.
  const registered = confirmedPlaces(meeting);
  const walkIns = meeting.walkInCount ?? 0;
  // No-shows are registered places nobody was checked in for: a walk-in fills no one's place.
  const noShows = ended ? Math.max(0, registered - meeting.attendedCount) : 0;
  return {
    registered,
    attended: meeting.attendedCount + walkIns,
    walkIns,
    cancelled: meeting.cancelledCount,
    noShows,
    noShowRate: ended && registered > 0 ? noShows / registered : null,
    ended,
  };
}

/** Adds up meetings' figures; the rate counts only meetings that have ended. */
export function sumAttendance(meetings: readonly Meeting[], now: Date): AttendanceFigures {
  let registered = 0, attended = 0, walkIns = 0, cancelled = 0, noShows = 0, registeredAtEnded = 0;
  for (const meeting of meetings) {
    const s = attendanceSummary(meeting, now);
    registered += s.registered;
    attended += s.attended;
    walkIns += s.walkIns;
    cancelled += s.cancelled;
    noShows += s.noShows;
    if (s.ended) registeredAtEnded += s.registered;
  }
  return {
    meetings: meetings.length,
    registered,
    attended,
    walkIns,
    cancelled,
    noShows,
    noShowRate: registeredAtEnded > 0 ? noShows / registeredAtEnded : null,
  };
}
