/**
 * Changes that move places between a registration and its meeting's counters, each one transaction
 * conditional on both being as read: a place offered from the waiting list, a cancellation, a change
 * in the number of places, and attendance at the door. Nothing overbooks: a meeting's free places are
 * taken only by a condition on them.
 */
import { outboxWrite, type OutboxEmail } from '../../core/outbox/outbox.js';
import { figureWrites } from '../../core/period-figures.js';
import { transactWrite } from '../../core/store/transactions.js';
import { placeCounts } from '../figures.js';
import { remove, update } from '../../core/store/writes.js';
import type { Meeting, Registration } from '../model.js';
import { attendModeOf, counterNames } from '../modes.js';
import { CAPABILITY, emailGuardKey, meetingKey, registrationKey } from './keys.js';
import { toMeeting } from './meetings.js';
import { lastEmailSet } from './registrations.js';

/**
 * The meeting still starts and stands as read: the places a change moves are counted in the quarter it
 * is held in now, and not at all once it is cancelled (./figures.ts). Moved meanwhile, the change fails
 * and is read again.
 */
const asCounted = (meeting: Pick<Meeting, 'startsAt' | 'status'>) => ({
  names: { '#status': 'status', '#startsAt': 'startsAt' },
  values: { ':seenStartsAt': meeting.startsAt, ':seenStatus': meeting.status },
  condition: '#startsAt = :seenStartsAt AND #status = :seenStatus',
});

export type PromoteOutcome = { ok: true } | { ok: false; reason: 'meeting'; meeting?: Meeting } | { ok: false; reason: 'registration' };

/** One promotion, one transaction: take the places if they are still free, waitlisted → confirmed, queue the email. */
export async function savePromotion(registration: Registration, seen: Pick<Meeting, 'updatedAt' | 'startsAt' | 'status'>, now: string, email: OutboxEmail): Promise<PromoteOutcome> {
  const p = registration.places;
  const last = lastEmailSet(email);
  // The places are taken from the registration's own mode.
  const c = counterNames(attendModeOf(registration));
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: update(meetingKey(registration.meetingId), `SET ${c.placesLeft} = ${c.placesLeft} - :places, ${c.confirmed} = ${c.confirmed} + :places, ${c.waitlisted} = ${c.waitlisted} - :places, fromWaitingListCount = if_not_exists(fromWaitingListCount, :zero) + :places`, {
        names: { '#status': 'status' },
        values: { ':places': p, ':now': now, ':scheduled': 'scheduled', ':seen': seen.updatedAt, ':zero': 0 },
        condition: `#status = :scheduled AND updatedAt = :seen AND startsAt > :now AND ${c.placesLeft} >= :places`,
        returnOld: true,
      }),
    },
    {
      name: 'registration',
      write: update(registrationKey(registration.meetingId, registration.id), `SET #status = :confirmed, confirmedAt = :now, ${last.expression} REMOVE gsi2pk, gsi2sk`, {
        names: { '#status': 'status' },
        values: { ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':now': now, ':places': p, ...last.values },
        condition: '#status = :waitlisted AND places = :places',
      }),
    },
    outboxWrite(email),
    ...figureWrites(CAPABILITY, placeCounts(seen, { registered: p, 'from-waiting-list': p })),
    // Offered on behalf of the person waiting, after the change that freed the place: never a submission's claim.
  ], { claims: false });
  if (outcome.ok) return outcome;
  if (outcome.failed.has('registration')) return { ok: false, reason: 'registration' };
  const old = outcome.failed.get('meeting');
  return { ok: false, reason: 'meeting', ...(old ? { meeting: toMeeting(old) } : {}) };
}

/**
 * Cancels a registration read as `registration` (confirmed or waitlisted): gives its places back (or
 * leaves the waiting list), frees the email address for a new registration, queues the email.
 * False when the registration changed meanwhile (e.g. was just promoted): read it again and retry.
 */
export async function saveCancellation(registration: Registration, meeting: Pick<Meeting, 'startsAt' | 'status'>, by: 'resident' | 'staff', now: string, email: OutboxEmail): Promise<boolean> {
  const from = registration.status;
  if (from === 'cancelled') throw new Error('Already cancelled');
  const last = lastEmailSet(email);
  // The place goes back to the registration's own mode.
  const c = counterNames(attendModeOf(registration));
  const counters =
    from === 'confirmed'
      ? `SET ${c.placesLeft} = ${c.placesLeft} + :places, ${c.confirmed} = ${c.confirmed} - :places, cancelledCount = cancelledCount + :places`
      : `SET ${c.waitlisted} = ${c.waitlisted} - :places, cancelledCount = cancelledCount + :places`;
  const outcome = await transactWrite([
    {
      name: 'registration',
      write: update(
        registrationKey(registration.meetingId, registration.id),
        `SET #status = :cancelled, cancelledAt = :now, cancelledBy = :by, cancelledFrom = :from, ${last.expression} REMOVE gsi2pk, gsi2sk`,
        {
          names: { '#status': 'status' },
          values: { ':cancelled': 'cancelled', ':now': now, ':by': by, ':from': from, ':places': registration.places, ...last.values },
          condition: '#status = :from AND places = :places AND attribute_not_exists(attendedAt)',
        },
      ),
    },
    { name: 'meeting', write: update(meetingKey(registration.meetingId), counters, { ...asCounted(meeting), values: { ':places': registration.places, ...asCounted(meeting).values } }) },
    { name: 'guard', write: remove(emailGuardKey(registration.meetingId, registration.email)) },
    outboxWrite(email),
    ...(from === 'confirmed' ? figureWrites(CAPABILITY, placeCounts(meeting, { registered: -registration.places })) : []),
  ]);
  return outcome.ok;
}

/** `registration`: it, or the meeting's start or status, changed meanwhile: read them again. */
export type ChangePlacesOutcome = { ok: true } | { ok: false; reason: 'meeting'; meeting?: Meeting } | { ok: false; reason: 'registration' };

/** Changes a confirmed or waitlisted registration's places; more confirmed places only if they are free. */
export async function savePlacesChange(registration: Registration, meeting: Pick<Meeting, 'startsAt' | 'status'>, places: number, now: string): Promise<ChangePlacesOutcome> {
  const change = places - registration.places;
  const confirmed = registration.status === 'confirmed';
  const c = counterNames(attendModeOf(registration));
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: confirmed
        ? update(
            meetingKey(registration.meetingId),
            `SET ${c.placesLeft} = ${c.placesLeft} - :change, ${c.confirmed} = ${c.confirmed} + :change`,
            change > 0
              ? {
                  names: asCounted(meeting).names,
                  values: { ':change': change, ':now': now, ':scheduled': 'scheduled', ...asCounted(meeting).values },
                  condition: `#status = :scheduled AND startsAt > :now AND ${c.placesLeft} >= :change AND ${asCounted(meeting).condition}`,
                  returnOld: true,
                }
              : { ...asCounted(meeting), values: { ':change': change, ...asCounted(meeting).values }, returnOld: true },
          )
        : update(meetingKey(registration.meetingId), `SET ${c.waitlisted} = ${c.waitlisted} + :change`, { values: { ':change': change } }),
    },
    {
      name: 'registration',
      write: update(registrationKey(registration.meetingId, registration.id), 'SET places = :places', {
        names: { '#status': 'status' },
        values: { ':places': places, ':before': registration.places, ':status': registration.status },
        condition: '#status = :status AND places = :before AND attribute_not_exists(attendedAt)',
      }),
    },
    ...(confirmed ? figureWrites(CAPABILITY, placeCounts(meeting, { registered: change })) : []),
  ]);
  if (outcome.ok) return outcome;
  if (outcome.failed.has('registration')) return { ok: false, reason: 'registration' };
  const old = outcome.failed.get('meeting');
  const current = old ? toMeeting(old) : undefined;
  if (current && (current.startsAt !== meeting.startsAt || current.status !== meeting.status)) return { ok: false, reason: 'registration' };
  return { ok: false, reason: 'meeting', ...(current ? { meeting: current } : {}) };
}

/** Records (or clears) attendance at the door; false if the registration changed meanwhile. */
export async function saveAttendance(registration: Registration, meeting: Pick<Meeting, 'startsAt' | 'status'>, attended: boolean, now: string): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'registration',
      write: attended
        ? update(registrationKey(registration.meetingId, registration.id), 'SET attendedAt = :now', {
            names: { '#status': 'status' },
            values: { ':now': now, ':confirmed': 'confirmed', ':places': registration.places },
            condition: '#status = :confirmed AND places = :places AND attribute_not_exists(attendedAt)',
          })
        : update(registrationKey(registration.meetingId, registration.id), 'REMOVE attendedAt', {
            values: { ':places': registration.places },
            condition: 'attribute_exists(attendedAt) AND places = :places',
          }),
    },
    {
      name: 'meeting',
      write: update(meetingKey(registration.meetingId), 'SET attendedCount = attendedCount + :change', {
        ...asCounted(meeting),
        values: { ':change': attended ? registration.places : -registration.places, ...asCounted(meeting).values },
      }),
    },
    ...figureWrites(CAPABILITY, placeCounts(meeting, { attended: attended ? registration.places : -registration.places })),
  ]);
  return outcome.ok;
}

