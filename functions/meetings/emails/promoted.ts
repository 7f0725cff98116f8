/** A place came free: you have moved from the waiting list to a confirmed place (calendar invite). */
import { meetingInvite } from '../calendar.js';
import { heading, layout, manageLink, meetingDetails, para, requireManageUrl, type EmailContent, type EmailContext } from './parts.js';

export function promotedEmail(ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  const manageUrl = requireManageUrl(ctx);
  const rendered = layout(`Good news: you have a place at ${meeting.title}`, registration.name, [
    para(`A place has become free, so you are off the waiting list. Your place at ${meeting.title} is now confirmed.`),
    para(`Your reference is ${registration.reference}. Please bring it with you.`),
    meetingDetails(meeting, registration, ctx.joinUrl),
    heading('What happens next'),
    para('A calendar invite is attached. We will email you a reminder before the meeting.'),
    heading('If you cannot come'),
    manageLink(manageUrl, 'Please let us know, so the place can go to the next person waiting:'),
  ]);
  return {
    ...rendered,
    calendar: { method: 'REQUEST', content: meetingInvite({ meeting, registration, method: 'REQUEST', sequence: meeting.sequence, now: ctx.now, joinUrl: ctx.joinUrl }), filename: 'meeting.ics' },
  };
}
