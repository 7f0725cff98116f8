/** A resident changes how many places they hold: more only if they are free (decided by a condition). */
import { afterCommit } from '../core/log.js';
import { Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { noSuchRegistration } from './cancelling.js';
import { meetingCancelled } from './meetings.js';
import type { Meeting, Registration } from './model.js';
import { attendModeOf, placesIn } from './modes.js';
import type { StoredRegistration } from './store/registrations.js';
import { tooManyPlaces } from './registering.js';
import { plain, shown } from './registrations.js';
import * as meetings from './store/meetings.js';
import * as placesStore from './store/places.js';
import * as store from './store/registrations.js';
import { promoteFromWaitingList } from './waiting-list.js';

const iso = (d: Date) => d.toISOString();

const placesUnavailable = (meeting: Meeting, registration: Registration, wanted: number) => {
  // In the registration's own mode: places online do not help someone coming in person.
  const left = placesIn(meeting, attendModeOf(registration)).placesLeft;
  return new Refusal('places_unavailable', `There are not enough places left for ${wanted}`, {
    fields: [{ field: 'places', message: left > 0 ? `Only ${left} more ${left === 1 ? 'place is' : 'places are'} available` : 'There are no more places available' }],
  });
};

export async function changePlaces(meetingId: string, registrationId: string, places: number, now: Date = new Date()): Promise<Registration> {
  const changed = await settle(async (): Promise<{ same: Registration } | { before: StoredRegistration } | typeof TRY_AGAIN> => {
    const [registration, meeting] = await Promise.all([
      store.getRegistration(meetingId, registrationId, { consistent: true, now }),
      meetings.getMeeting(meetingId, { consistent: true }),
    ]);
    if (!registration || !meeting) throw noSuchRegistration();
    if (!Number.isInteger(places) || places < 1 || places > meeting.maxPlacesPerRegistration) throw tooManyPlaces(meeting.maxPlacesPerRegistration);
    if (registration.status === 'cancelled') throw new Refusal('registration_cancelled', 'This registration has been cancelled');
    if (registration.status === 'requested') throw new Refusal('being_decided', 'This registration is still being processed. Try again in a minute.');
    if (registration.status === 'refused') throw new Refusal('not_registered', 'This request did not get a place, so there are no places to change');
    if (meeting.status === 'cancelled') throw meetingCancelled();
    if (iso(now) >= meeting.startsAt) throw new Refusal('meeting_started', 'The meeting has started, so places can no longer be changed');
    if (registration.attendedAt) throw new Refusal('already_attended', 'This person has been checked in');
    if (places === registration.places) return { same: await shown(registration) };
    const outcome = await placesStore.savePlacesChange(registration, meeting, places, iso(now));
    if (outcome.ok) return { before: registration };
    if (outcome.reason === 'meeting') throw placesUnavailable(outcome.meeting ?? meeting, registration, places - registration.places);
    // The registration changed meanwhile: read it again.
    return TRY_AGAIN;
  });
  if ('same' in changed) return changed.same;
  if (places < changed.before.places) await afterCommit('promotion from the waiting list', () => promoteFromWaitingList(meetingId, now));
  return { ...plain(changed.before), places };
}
