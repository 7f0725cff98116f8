/**
 * A resident registers: a confirmed place if the places are there, otherwise the waiting list (if the
 * meeting has one). Capacity is decided inside DynamoDB (store/registrations.ts): this file chooses
 * what to try and explains refusals; the transaction's conditions make sure it is still true when
 * written.
 *
 * Nothing in the answer depends on what is already stored for the email address (who registers for a
 * meeting about, say, domestic abuse is private): a new registration and an existing one get the same
 * answer, and the details go only to the address, by email. For an existing registration they are sent
 * again (within the per-recipient rate limit). A repeated submission (the same form, or the same
 * Idempotency-Key) changes nothing and sends nothing. Refusals depend only on the meeting's public
 * state (closed, full, cancelled), never on the address.
 */
import { previousAnswer, rememberAnswer } from '../core/idempotency.js';
import { count } from '../core/log.js';
import { limitEmailsTo } from '../core/rate-limits.js';
import { invalidField, Refusal, ServiceUnavailable } from '../core/refusal.js';
import { noSuchMeeting } from './meetings.js';
import type { Meeting, Registration, RegistrationInput } from './model.js';
import { meetingEmail } from './notify.js';
import { newRegistrationId, referenceFor } from './references.js';
import { registrationWindow } from './rules.js';
import * as meetings from './store/meetings.js';
import * as store from './store/registrations.js';

const MAX_TRIES = 8;
const SCOPE = 'meetings/register';
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

/**
 * What happened, for the domain's callers (tests, demo data). Pages and the API tell the person the
 * same thing whichever it was: we have sent the details to the address.
 */
export type RegisterOutcome =
  | { outcome: 'registered'; registration: Registration; meeting: Meeting }
  /** The address was already registered: its details were sent again. */
  | { outcome: 'sent-again'; registrationId: string; meeting: Meeting }
  /** The same submission again: nothing done. */
  | { outcome: 'repeated'; meeting: Meeting };

/** The counters as they are after this registration (for showing, not for deciding). */
const afterRegistering = (meeting: Meeting, r: Registration): Meeting =>
  r.status === 'confirmed'
    ? { ...meeting, placesLeft: meeting.placesLeft - r.places, confirmedCount: meeting.confirmedCount + r.places }
    : { ...meeting, waitlistedCount: meeting.waitlistedCount + r.places };

export async function registerForMeeting(
  meetingId: string,
  input: RegistrationInput,
  now: Date = new Date(),
  options: { submission?: string } = {},
): Promise<RegisterOutcome> {
  const at = iso(now);
  const { submission } = options;
  // An eventually consistent read is enough: it only picks what to try; the transaction decides.
  let meeting = await meetings.getMeeting(meetingId);
  if (!meeting) throw noSuchMeeting();
  if (submission && (await previousAnswer(SCOPE, submission))) return { outcome: 'repeated', meeting };
  await limitEmailsTo(input.email);
  const remember = submission ? [rememberAnswer(SCOPE, submission, { meetingId }, now)] : [];

  let id = newRegistrationId();
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const window = registrationWindow(meeting, now);
    if (!window.open) throw new Refusal(window.code, window.message);
    if (input.places > meeting.maxPlacesPerRegistration) throw tooManyPlaces(meeting.maxPlacesPerRegistration);
    const as = meeting.placesLeft >= input.places ? 'confirmed' : meeting.waitingList ? 'waitlisted' : undefined;
    if (!as) throw full(meeting);

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
    const outcome = await store.saveRegistration(registration, as, meeting, at, email, remember);
    if (outcome.ok) {
      count(as === 'confirmed' ? 'RegistrationsConfirmed' : 'RegistrationsWaitlisted');
      return {
        outcome: 'registered',
        registration: { ...registration, lastEmail: { kind: as === 'confirmed' ? 'confirmation' : 'waitlisted', status: 'pending', at } },
        meeting: afterRegistering(meeting, registration),
      };
    }
    if (outcome.reason === 'repeated') return { outcome: 'repeated', meeting };
    if (outcome.reason === 'already-registered') {
      const existing = outcome.registrationId ?? (await store.registrationIdForEmail(meetingId, input.email, { now }));
      if (existing) {
        const resend = await store.saveDetailsSentAgain(meeting, existing, meetingEmail('registration-details', meeting, existing, now), remember);
        if (resend === 'repeated') return { outcome: 'repeated', meeting };
        if (resend === 'sent') count('RegistrationDetailsSentAgain');
        return { outcome: 'sent-again', registrationId: existing, meeting };
      }
      // Cancelled between the two reads: try again as new.
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
