/**
 * A resident registers: a confirmed place if the places are there, otherwise the waiting list (if the
 * meeting has one). The request only saves: the registration, its address's claim and its place in the
 * meeting's queue, in one transaction, and answers at once; its place is decided moments later, in
 * arrival order, by the meeting's decider (deciding.ts, woken by the table's stream), and the email
 * tells the person. This file explains refusals and answers.
 *
 * What a request reads: the submission's key (core, for forms and API calls that carry one) and the
 * meeting, once each; never in a loop, never waiting for the decision (registering.test.ts counts them).
 *
 * Nothing in the answer depends on what is already stored for the email address (who registers for a
 * meeting about, say, domestic abuse is private): a new registration and an existing one get the same
 * answer, and the details go only to the address, by email. For an existing registration they are sent
 * again (within the per-recipient rate limit). A repeated submission (the same form, or the same
 * Idempotency-Key) is core's: the saved request or the details sent again claim the submission in their
 * own transaction (core/submissions.ts), so a repeat changes nothing, sends nothing and gets the first
 * answer. Refusals depend only on the meeting's public state (closed, full, cancelled), never on the address.
 */
import { count } from '../core/log.js';
import { limitEmailsTo } from '../core/rate-limits.js';
import { invalidField, Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { noSuchMeeting } from './meetings.js';
import type { AttendMode, Meeting, Registration, RegistrationInput } from './model.js';
import { chosenAttendMode, modeOf, placesIn } from './modes.js';
import { meetingEmail } from './notify.js';
import { newRegistrationId, referenceFor } from './references.js';
import { registrationWindow } from './rules.js';
import * as meetings from './store/meetings.js';
import * as store from './store/registrations.js';
import * as requests from './store/requests.js';

/**
 * The form and the API answer a registration no sooner than this after it arrived (core's
 * answer-floor.ts), so the time taken does not tell a known address from a new one: the two paths differ
 * by a few DynamoDB calls (tens of milliseconds here, less in AWS), well under it.
 */
export const REGISTRATION_ANSWER_FLOOR_MS = 250;
const iso = (d: Date) => d.toISOString();

export const tooManyPlaces = (max: number) =>
  invalidField('places', max === 1 ? 'You can ask for 1 place for this meeting' : `You can ask for up to ${max} places for this meeting`);

function full(placesLeft: number, mode: AttendMode, hybrid: boolean): Refusal {
  const how = hybrid ? (mode === 'online' ? ' online' : ' in person') : '';
  return placesLeft > 0
    ? new Refusal('meeting_full', `There ${placesLeft === 1 ? 'is only 1 place' : `are only ${placesLeft} places`} left${how}`, {
        fields: [{ field: 'places', message: `Ask for ${placesLeft} ${placesLeft === 1 ? 'place' : 'places or fewer'}` }],
      })
    : new Refusal('meeting_full', hybrid ? `There are no places left${how}` : 'This meeting is full');
}

/**
 * What happened, for the domain's callers (tests, demo data). Pages and the API tell the person the
 * same thing whichever it was: we have sent the details to the address.
 */
export type RegisterOutcome =
  /** Saved, its place still to be decided (`requested`): the decider does it within moments, and the email tells the person. */
  | { outcome: 'registered'; registration: Registration; meeting: Meeting }
  /** The address was already registered: its details were sent again. */
  | { outcome: 'sent-again'; registrationId: string; meeting: Meeting };

/** A new registration, waiting for its place to be decided. */
function newRequest(meetingId: string, input: RegistrationInput, attendMode: AttendMode | undefined, at: string): Registration {
  const id = newRegistrationId();
  return {
    id,
    meetingId,
    reference: referenceFor(id),
    name: input.name,
    email: input.email,
    ...(input.postcode ? { postcode: input.postcode } : {}),
    places: input.places,
    ...(attendMode ? { attendMode } : {}),
    ...(input.accessNeeds ? { accessNeeds: input.accessNeeds } : {}),
    ...(input.question ? { question: input.question } : {}),
    status: 'requested',
    createdAt: at,
  };
}

/**
 * Saves the registration as a request and answers: its place is decided by the meeting's decider (see
 * deciding.ts). Refusals that depend only on the meeting as published (closed, cancelled, too many
 * places, full without a waiting list) are answered here; a meeting that fills up in the meantime is
 * decided in arrival order and the person told by email.
 */
export async function registerForMeeting(meetingId: string, input: RegistrationInput, now: Date = new Date()): Promise<RegisterOutcome> {
  const at = iso(now);
  // An eventually consistent read is enough: it only answers early; the decision reads it consistently.
  const meeting = await meetings.getMeeting(meetingId);
  if (!meeting) throw noSuchMeeting();
  const window = registrationWindow(meeting, now);
  if (!window.open) throw new Refusal(window.code, window.message);
  if (input.places > meeting.maxPlacesPerRegistration) throw tooManyPlaces(meeting.maxPlacesPerRegistration);
  const mode = chosenAttendMode(meeting, input.attendMode);
  const { placesLeft } = placesIn(meeting, mode);
  if (placesLeft < input.places && !meeting.waitingList) throw full(placesLeft, mode, modeOf(meeting) === 'hybrid');
  await limitEmailsTo(input.email);

  return settle(async (): Promise<RegisterOutcome | typeof TRY_AGAIN> => {
    // Kept on every registration at a meeting with online places (none before modes: in person).
    const registration = newRequest(meetingId, input, modeOf(meeting) === 'in-person' ? undefined : mode, at);
    const outcome = await requests.saveRequest(registration, meeting);
    if (outcome.ok) {
      count('RegistrationsRequested');
      return { outcome: 'registered', registration, meeting };
    }
    if (outcome.reason === 'already-registered') {
      // The claim that stopped this one names its registration (the put's ALL_OLD): no read needed.
      const existing = outcome.registrationId;
      if (!existing) return TRY_AGAIN;
      const resend = await store.saveDetailsSentAgain(meeting, existing, meetingEmail('registration-details', meeting, existing, now));
      if (resend === 'sent') count('RegistrationDetailsSentAgain');
      // 'gone': cancelled meanwhile, or still being decided (its email comes with the decision).
      return { outcome: 'sent-again', registrationId: existing, meeting };
    }
    // 'reference-taken': a new id next time round.
    return TRY_AGAIN;
  });
}
