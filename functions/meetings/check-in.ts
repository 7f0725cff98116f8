/** Check-in at the door: staff mark (or unmark) that someone with a confirmed place came. */
import { Refusal } from '../core/refusal.js';
import { noSuchRegistration } from './cancelling.js';
import type { Registration } from './model.js';
import { plain, shown } from './registrations.js';
import * as store from './store/registrations.js';

const MAX_TRIES = 8;

export async function markAttended(meetingId: string, registrationId: string, attended: boolean, now: Date = new Date()): Promise<Registration> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const registration = await store.getRegistration(meetingId, registrationId, { consistent: true, now });
    if (!registration) throw noSuchRegistration();
    if (Boolean(registration.attendedAt) === attended) return shown(registration);
    if (attended && registration.status !== 'confirmed') throw new Refusal('not_confirmed', 'Only people with a confirmed place can be checked in');
    if (await store.saveAttendance(registration, attended, now.toISOString())) {
      // Committed: answer from what we know, with no read that could fail after the fact.
      const { attendedAt: _previous, ...rest } = plain(registration);
      return attended ? { ...rest, attendedAt: now.toISOString() } : rest;
    }
  }
  throw new Refusal('changed_meanwhile', 'The registration is being changed by someone else. Try again.');
}
