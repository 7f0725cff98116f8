/**
 * Every meetings email by kind. Rendered at send time from current data, so a retried email shows the
 * meeting as it is now.
 */
import type { OutgoingEmail } from '../../core/outbox/email.js';
import type { EmailKind } from '../model.js';
import { cancelledEmail } from './cancelled.js';
import { confirmationEmail } from './confirmation.js';
import type { EmailContext } from './context.js';
import { meetingCancelledEmail } from './meeting-cancelled.js';
import { meetingChangedEmail } from './meeting-changed.js';
import { notRegisteredEmail } from './not-registered.js';
import { promotedEmail } from './promoted.js';
import { reminderEmail } from './reminder.js';
import { waitlistedEmail } from './waitlisted.js';

export type { EmailContext } from './context.js';

const templates = {
  confirmation: confirmationEmail,
  // Sent again because the address registered again: as the registration stands when it is sent.
  'registration-details': (ctx: EmailContext) => (ctx.registration.status === 'waitlisted' ? waitlistedEmail(ctx) : confirmationEmail(ctx)),
  waitlisted: waitlistedEmail,
  'not-registered': notRegisteredEmail,
  promoted: promotedEmail,
  cancelled: cancelledEmail,
  'meeting-changed': meetingChangedEmail,
  'meeting-cancelled': meetingCancelledEmail,
  'reminder-48h': (ctx: EmailContext) => reminderEmail('48h', ctx),
  'reminder-2h': (ctx: EmailContext) => reminderEmail('2h', ctx),
} satisfies Record<EmailKind, unknown>;

/** The kinds whose email carries a manage link (and so needs a freshly minted token). */
const withManageLink: ReadonlySet<EmailKind> = new Set(['confirmation', 'registration-details', 'waitlisted', 'promoted', 'meeting-changed', 'reminder-48h', 'reminder-2h']);

export const carriesManageLink = (kind: EmailKind) => withManageLink.has(kind);

export function renderEmail(kind: EmailKind, ctx: EmailContext): OutgoingEmail {
  return { to: ctx.registration.email, ...templates[kind](ctx) };
}
