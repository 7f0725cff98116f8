/**
 * A resident registers: a confirmed place if the places are there, otherwise the waiting list (if the
 * meeting has one). Capacity is decided inside DynamoDB (store/registrations.ts): this file chooses
 * what to try and explains refusals; the transaction's conditions make sure it is still true when
 * written. The same email again returns the existing registration (`created: false`), even when both
 * requests arrive at once: the email guard item is part of the transaction.
 */
import { count } from '../core/log.js';
import { ServiceUnavailable, Refusal, invalidField } from '../core/refusal.js';
import { noSuchMeeting } from './meetings.js';
import type { Meeting, Registration, RegistrationInput } from './model.js';
import { meetingEmail } from './notify.js';
import { newRegistrationId, referenceFor } from './references.js';
import { shown } from './registrations.js';
import { registrationWindow } from './rules.js';
import * as meetings from './store/meetings.js';
import * as store from './store/registrations.js';

const MAX_TRIES = 8;
const iso = (d: Date) => d.toISOString();

export const tooManyPlaces = (max: number) =>
  invalidField('places', max === 1 ? 'You can ask for 1 place for this meeting' : `You can ask for up to ${max} places for this meeting`);

function full(meeting: Meeting): Refusal {
  return meeting.placesLeft > 0
    ? new Refusal('meeting_full', `There ${meeting.placesLeft === 1 ? 'is only 1 place' : `are only ${meeting.placesLeft} places`} left`, {
        fields: [{ field: 'places', message: `Ask for ${meeting.placesLeft} ${meeting.placesLeft === 1 ? 'place' : 'places or fewer'}` }],
      })
    : new Refusal('meeting_full', 'This meeting is full');
}

/** The counters as they are after this registration (for showing, not for deciding). */
const afterRegistering = (meeting: Meeting, r: Registration): Meeting =>
  r.status === 'confirmed'
    ? { ...meeting, placesLeft: meeting.placesLeft - r.places, confirmedCount: meeting.confirmedCount + r.places }
    : { ...meeting, waitlistedCount: meeting.waitlistedCount + r.places };

export async function registerForMeeting(
  meetingId: string,
  input: RegistrationInput,
  now: Date = new Date(),
): Promise<{ registration: Registration; meeting: Meeting; created: boolean }> {
  const at = iso(now);
  // An eventually consistent read is enough: it only picks what to try; the transaction decides.
  let meeting = await meetings.getMeeting(meetingId);
  if (!meeting) throw noSuchMeeting();

  /** Before refusing, check: someone already registered gets their registration back, not a refusal. */
  const refuse = async (refusal: Refusal) => {
    const registrationId = await store.registrationIdForEmail(meetingId, input.email, { now });
    const registration = registrationId ? await store.getRegistration(meetingId, registrationId, { consistent: true, now }) : undefined;
    if (registration && meeting) return { registration: await shown(registration), meeting, created: false };
    throw refusal;
  };

  let id = newRegistrationId();
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const window = registrationWindow(meeting, now);
    if (!window.open) return refuse(new Refusal(window.code, window.message));
    if (input.places > meeting.maxPlacesPerRegistration) return refuse(tooManyPlaces(meeting.maxPlacesPerRegistration));
    const as = meeting.placesLeft >= input.places ? 'confirmed' : meeting.waitingList ? 'waitlisted' : undefined;
    if (!as) return refuse(full(meeting));

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
    const email = meetingEmail(as === 'confirmed' ? 'confirmation' : 'waitlisted', meeting, id, now);
    const outcome = await store.saveRegistration(registration, as, meeting, at, email);
    if (outcome.ok) {
      count(as === 'confirmed' ? 'RegistrationsConfirmed' : 'RegistrationsWaitlisted');
      return {
        registration: { ...registration, lastEmail: { kind: as === 'confirmed' ? 'confirmation' : 'waitlisted', status: 'pending', at } },
        meeting: afterRegistering(meeting, registration),
        created: true,
      };
    }
    if (outcome.reason === 'already-registered') {
      const existingId = outcome.registrationId ?? (await store.registrationIdForEmail(meetingId, input.email, { now }));
      const found = existingId ? await store.getRegistration(meetingId, existingId, { consistent: true, now }) : undefined;
      if (found) return { registration: await shown(found), meeting, created: false };
    } else if (outcome.reason === 'reference-taken') {
      id = newRegistrationId();
    } else {
      // The meeting changed under us (filled up, places freed, closed, cancelled, edited): decide again on its current state.
      meeting = outcome.meeting ?? (await meetings.getMeeting(meetingId, { consistent: true }));
      if (!meeting) throw noSuchMeeting();
    }
  }
  throw new ServiceUnavailable('Lots of people are registering for this meeting right now');
}
