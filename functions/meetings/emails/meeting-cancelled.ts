/** Staff cancelled the meeting: tell everyone registered, and remove it from confirmed people's calendars. */
import { meetingInvite } from '../calendar.js';
import { heading, layout, meetingDetails, para, typed, type EmailContent, type EmailContext } from './parts.js';

export function meetingCancelledEmail(ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  const confirmed = registration.status === 'confirmed';
  const rendered = layout(`Cancelled: ${meeting.title}`, registration.name, [
    para(`We are sorry: ${meeting.title} has been cancelled and will not take place.`),
    ...(meeting.cancelReason ? [heading('Why it was cancelled'), typed(meeting.cancelReason)] : []),
    meetingDetails(meeting, registration, ctx.joinUrl),
    para(confirmed ? 'You do not need to do anything. The meeting has been removed from your calendar if you added it.' : 'You do not need to do anything.'),
    para('We will publish any new meetings on our website.'),
  ]);
  return {
    ...rendered,
    ...(confirmed
      ? { calendar: { method: 'CANCEL' as const, content: meetingInvite({ meeting, registration, method: 'CANCEL', sequence: meeting.sequence, now: ctx.now, joinUrl: ctx.joinUrl }), filename: 'meeting.ics' } }
      : {}),
  };
}
