/**
 * Asking an attendee for feedback (core/feedback.ts's contract): the ask is put only if this attendee
 * was never asked, with conditions on the meeting (not cancelled, ended as read) and the registration
 * (confirmed, checked in, this address) or the walk-in (still there, this address), so a run that overlaps another, a cancellation or an unticked
 * check-in never sends a survey it should not.
 */
import { askForFeedbackWrite, type FeedbackSource } from '../../core/feedback.js';
import { transactWrite } from '../../core/store/transactions.js';
import { check } from '../../core/store/writes.js';
import { meetingKey, registrationKey, walkInKey } from './keys.js';

/** Who came: a registration checked in, or someone added at the door with an address. */
export type Attendee = { id: string; email: string; walkIn?: boolean };

export async function saveFeedbackAsk(
  source: FeedbackSource,
  attendee: Attendee,
  now: string,
  expiresAt: number,
): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: check(meetingKey(source.id), '#status <> :cancelled AND endsAt = :endedAt', {
        names: { '#status': 'status' },
        values: { ':cancelled': 'cancelled', ':endedAt': source.endedAt },
      }),
    },
    attendee.walkIn
      ? { name: 'walk-in', write: check(walkInKey(source.id, attendee.id), 'email = :email', { values: { ':email': attendee.email } }) }
      : {
          name: 'registration',
          write: check(registrationKey(source.id, attendee.id), '#status = :confirmed AND attribute_exists(attendedAt) AND email = :email', {
            names: { '#status': 'status' },
            values: { ':confirmed': 'confirmed', ':email': attendee.email },
          }),
        },
    askForFeedbackWrite(source, { id: attendee.id, email: attendee.email }, now, expiresAt),
  ]);
  return outcome.ok;
}
