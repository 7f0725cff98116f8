/**
 * A meeting that already happened, recorded by staff with how many people came: it is on the staff
 * list, the public page and the office's figures like any other, with nobody registered and so no
 * email sent. Names of people who came can be added after, as walk-ins (walk-ins.ts): the number given
 * here is everyone counted, and each name added after is one more.
 */
import { newId } from '../core/ids.js';
import { invalidField } from '../core/refusal.js';
import type { HeldMeetingInput, Meeting } from './model.js';
import * as store from './store/meetings.js';

export async function recordHeldMeeting(input: HeldMeetingInput, now: Date = new Date()): Promise<Meeting> {
  if (input.endsAt > now.toISOString()) throw invalidField('endsAt', 'The end must be in the past: create an upcoming meeting from the meetings page');
  const at = now.toISOString();
  const { attendance, ...details } = input;
  const meeting: Meeting = {
    id: newId(now),
    ...details,
    // No registration: its window is empty, at the start, so every page says registration has closed.
    registrationOpensAt: input.startsAt,
    registrationClosesAt: input.startsAt,
    capacity: attendance,
    maxPlacesPerRegistration: 1,
    waitingList: false,
    accessInformation: '',
    status: 'scheduled',
    recorded: true,
    placesLeft: 0,
    confirmedCount: 0,
    waitlistedCount: 0,
    cancelledCount: 0,
    attendedCount: 0,
    walkInCount: attendance,
    sequence: 0,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await store.putNewMeeting(meeting))) throw new Error(`Meeting ${meeting.id} exists already`);
  return meeting;
}
