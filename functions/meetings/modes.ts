/**
 * Meetings in person, online or both. Each way of attending has its own places and counters: the
 * in-person ones keep the names every meeting had before (`capacity`, `placesLeft`, `confirmedCount`,
 * `waitlistedCount`), so a meeting made before modes is in person and reads unchanged; the online ones
 * sit beside them (`onlineCapacity`, `onlinePlacesLeft`, ...). A registration's places are its mode's.
 */
import { invalidField } from '../core/refusal.js';
import type { AttendMode, Meeting, MeetingMode, Registration } from './model.js';

export const modeOf = (m: Pick<Meeting, 'mode'>): MeetingMode => m.mode ?? 'in-person';
export const attendModeOf = (r: Pick<Registration, 'attendMode'>): AttendMode => r.attendMode ?? 'in-person';

/** The ways one can attend this meeting. */
export function attendModesOf(m: Pick<Meeting, 'mode'>): AttendMode[] {
  const mode = modeOf(m);
  return mode === 'hybrid' ? ['in-person', 'online'] : [mode];
}

/** Whether the meeting keeps online counters (an in-person one made before modes has none). */
export const hasOnlinePlaces = (m: Pick<Meeting, 'onlinePlacesLeft'>) => m.onlinePlacesLeft !== undefined;

/** The attribute names of a mode's counters: what a store update or condition moves. */
export function counterNames(mode: AttendMode) {
  return mode === 'online'
    ? ({ placesLeft: 'onlinePlacesLeft', confirmed: 'onlineConfirmedCount', waitlisted: 'onlineWaitlistedCount' } as const)
    : ({ placesLeft: 'placesLeft', confirmed: 'confirmedCount', waitlisted: 'waitlistedCount' } as const);
}

export interface ModePlaces {
  capacity: number;
  placesLeft: number;
  confirmed: number;
  waitlisted: number;
}

/** One mode's places, as the meeting holds them now. */
export function placesIn(m: Meeting, mode: AttendMode): ModePlaces {
  return mode === 'online'
    ? { capacity: m.onlineCapacity ?? 0, placesLeft: m.onlinePlacesLeft ?? 0, confirmed: m.onlineConfirmedCount ?? 0, waitlisted: m.onlineWaitlistedCount ?? 0 }
    : { capacity: m.capacity, placesLeft: m.placesLeft, confirmed: m.confirmedCount, waitlisted: m.waitlistedCount };
}

/** Places confirmed in every mode: what the office's figures count as registered. */
export const confirmedPlaces = (m: Pick<Meeting, 'confirmedCount' | 'onlineConfirmedCount'>) => m.confirmedCount + (m.onlineConfirmedCount ?? 0);
export const waitlistedPlaces = (m: Pick<Meeting, 'waitlistedCount' | 'onlineWaitlistedCount'>) => m.waitlistedCount + (m.onlineWaitlistedCount ?? 0);
export const totalCapacity = (m: Pick<Meeting, 'capacity' | 'onlineCapacity'>) => m.capacity + (m.onlineCapacity ?? 0);
export const totalPlacesLeft = (m: Pick<Meeting, 'placesLeft' | 'onlinePlacesLeft'>) => Math.max(0, m.placesLeft) + Math.max(0, m.onlinePlacesLeft ?? 0);

/**
 * How this person comes, given what they chose: a hybrid meeting needs a choice; the others have one
 * way, and a choice of another is refused (naming the field, as the API and the form report it).
 */
export function chosenAttendMode(meeting: Pick<Meeting, 'mode'>, chosen: AttendMode | undefined): AttendMode {
  const modes = attendModesOf(meeting);
  if (chosen === undefined) {
    if (modes.length > 1) throw invalidField('attendMode', 'Choose how you will attend: in person or online');
    return modes[0]!;
  }
  if (!modes.includes(chosen)) throw invalidField('attendMode', modes[0] === 'online' ? 'This meeting is held online only' : 'This meeting is held in person only');
  return chosen;
}

export const modeWords: Record<MeetingMode, string> = { 'in-person': 'In person', online: 'Online', hybrid: 'In person and online' };
export const attendWords: Record<AttendMode, string> = { 'in-person': 'In person', online: 'Online' };
