/** Reminders 48 hours and 2 hours before the start, with "can't come? free your place". */
import type { ReminderKind } from '../store/registrations.js';
import { heading, layout, manageLink, meetingDetails, para, requireManageUrl, type EmailContent, type EmailContext } from './parts.js';

export function reminderEmail(kind: ReminderKind, ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  const when = kind === '48h' ? 'in 2 days' : 'in 2 hours';
  return layout(`Reminder: ${meeting.title} is ${when}`, registration.name, [
    para(`This is a reminder that ${meeting.title} starts ${when}.`),
    meetingDetails(meeting, registration, ctx.joinUrl),
    heading("Can't come?"),
    manageLink(requireManageUrl(ctx), 'Please free your place so someone on the waiting list can come:'),
  ]);
}
