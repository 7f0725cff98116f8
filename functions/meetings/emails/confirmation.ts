/** Your place is confirmed: reference, details, what happens next, manage link, and a calendar invite. */
import { meetingInvite } from '../calendar.js';
import { heading, layout, manageLink, meetingDetails, para, requireManageUrl, type EmailContent, type EmailContext } from './parts.js';

export function confirmationEmail(ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  const manageUrl = requireManageUrl(ctx);
  const places = registration.places === 1 ? 'Your place' : `Your ${registration.places} places`;
  const rendered = layout(`${places} at ${meeting.title}: confirmed`, registration.name, [
    para(`${places} at ${meeting.title} ${registration.places === 1 ? 'is' : 'are'} confirmed.`),
    para(`Your reference is ${registration.reference}. Please bring it with you (on your phone is fine).`),
    meetingDetails(meeting, registration, ctx.joinUrl),
    heading('What happens next'),
    para('We will email you a reminder 2 days before the meeting and again 2 hours before it starts.'),
    para('A calendar invite is attached: add it to your calendar so you do not miss the meeting.'),
    ...(registration.question ? [para('You sent us a question. We will try to answer it at the meeting.')] : []),
    heading('If you cannot come'),
    manageLink(manageUrl, 'Please let us know, so someone else can have your place:'),
  ]);
  return {
    ...rendered,
    calendar: { method: 'REQUEST', content: meetingInvite({ meeting, registration, method: 'REQUEST', sequence: meeting.sequence, now: ctx.now, joinUrl: ctx.joinUrl }), filename: 'meeting.ics' },
  };
}
