/**
 * Cancelling a registration, by the resident from their manage link or by staff: the places go back
 * (or the person leaves the waiting list), they are emailed, and a freed place is offered to the
 * waiting list.
 */
import { afterCommit } from '../core/log.js';
import { notFound, Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import type { Registration } from './model.js';
import type { StoredRegistration } from './store/registrations.js';
import { meetingEmail } from './notify.js';
import { plain, shown } from './registrations.js';
import * as meetings from './store/meetings.js';
import * as places from './store/places.js';
import * as store from './store/registrations.js';
import { promoteFromWaitingList } from './waiting-list.js';

const iso = (d: Date) => d.toISOString();

export const noSuchRegistration = () => notFound('There is no such registration');

export async function cancelRegistration(meetingId: string, registrationId: string, by: 'resident' | 'staff', now: Date = new Date()): Promise<Registration> {
  const cancelled = await settle(async (): Promise<{ already: Registration } | { registration: StoredRegistration; from: 'confirmed' | 'waitlisted' } | typeof TRY_AGAIN> => {
    const [registration, meeting] = await Promise.all([
      store.getRegistration(meetingId, registrationId, { consistent: true, now }),
      meetings.getMeeting(meetingId, { consistent: true }),
    ]);
    if (!registration || !meeting) throw noSuchRegistration();
    if (registration.status === 'cancelled') return { already: await shown(registration) };
    if (registration.status === 'refused') throw new Refusal('not_registered', 'This request did not get a place, so there is nothing to cancel');
    if (registration.status === 'requested') throw new Refusal('being_decided', 'This registration is still being processed. Try again in a minute.');
    if (by === 'resident' && iso(now) >= meeting.startsAt)
      throw new Refusal('meeting_started', 'The meeting has started, so the registration can no longer be cancelled');
    if (registration.attendedAt) throw new Refusal('already_attended', 'This person has been checked in, so the registration cannot be cancelled');
    const email = meetingEmail('cancelled', meeting, registration.id, now);
    // Changed meanwhile (e.g. promoted): read it again.
    return (await places.saveCancellation(registration, meeting, by, iso(now), email)) ? { registration, from: registration.status } : TRY_AGAIN;
  });
  if ('already' in cancelled) return cancelled.already;
  const { registration, from } = cancelled;
  if (from === 'confirmed') await afterCommit('promotion from the waiting list', () => promoteFromWaitingList(meetingId, now));
  return {
    ...plain(registration),
    status: 'cancelled',
    cancelledAt: iso(now),
    cancelledBy: by,
    cancelledFrom: from,
    lastEmail: { kind: 'cancelled', status: 'pending', at: iso(now) },
  };
}
