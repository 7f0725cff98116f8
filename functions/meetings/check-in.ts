/** Check-in at the door: staff mark (or unmark) that someone with a confirmed place came. */
import { Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { noSuchRegistration } from './cancelling.js';
import type { Registration } from './model.js';
import { plain, shown } from './registrations.js';
import * as places from './store/places.js';
import { getMeeting } from './store/meetings.js';
import * as store from './store/registrations.js';

export async function markAttended(meetingId: string, registrationId: string, attended: boolean, now: Date = new Date()): Promise<Registration> {
  return settle(async () => {
    const [registration, meeting] = await Promise.all([store.getRegistration(meetingId, registrationId, { consistent: true, now }), getMeeting(meetingId, { consistent: true })]);
    if (!registration || !meeting) throw noSuchRegistration();
    if (Boolean(registration.attendedAt) === attended) return shown(registration);
    if (attended && registration.status !== 'confirmed') throw new Refusal('not_confirmed', 'Only people with a confirmed place can be checked in');
    if (!(await places.saveAttendance(registration, meeting, attended, now.toISOString()))) return TRY_AGAIN;
    // Committed: answer from what we know, with no read that could fail after the fact.
    const { attendedAt: _previous, ...rest } = plain(registration);
    return attended ? { ...rest, attendedAt: now.toISOString() } : rest;
  });
}
