/**
 * The emails meetings send, as outbox items (written in the same transaction as the change; sent by
 * the delivery function, see emails.ts for how each kind is rendered).
 */
import { newOutboxEmail, type OutboxEmail } from '../core/outbox/outbox.js';
import type { EmailKind, Meeting } from './model.js';
import { registrationExpiry } from './retention.js';
import { CAPABILITY } from './store/keys.js';

export { CAPABILITY };

/**
 * An email about one registration, or (without `registrationId`) a notice to everyone registered,
 * fanned out to one email each. It expires with the registrations (retention.ts).
 */
export function meetingEmail(
  kind: EmailKind,
  meeting: Pick<Meeting, 'id' | 'endsAt'>,
  registrationId: string | undefined,
  now: Date,
  data?: { changes?: string[] },
): OutboxEmail {
  return newOutboxEmail({
    capability: CAPABILITY,
    kind,
    about: registrationId ? { meetingId: meeting.id, registrationId } : { meetingId: meeting.id },
    ...(registrationId ? {} : { fanOut: true }),
    ...(data?.changes?.length ? { data: { changes: data.changes } } : {}),
    expiresAt: registrationExpiry(meeting),
    now,
  });
}
