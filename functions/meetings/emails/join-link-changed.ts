/** Staff set or changed the link to join online: the link, the details, and an updated calendar invite (same UID, higher SEQUENCE). */
import { meetingInvite } from '../calendar.js';
import { heading, layout, manageLink, meetingDetails, para, requireManageUrl, type EmailContent, type EmailContext } from './parts.js';

export function joinLinkChangedEmail(ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  if (!ctx.joinUrl) throw new Error('This email needs the join link');
  const rendered = layout(`How to join ${meeting.title} online`, registration.name, [
    para(`This is the link to join ${meeting.title} online. It replaces any link we sent you before.`),
    meetingDetails(meeting, registration, ctx.joinUrl),
    para('Do not share the link: it is for the people registered. An updated calendar invite is attached.'),
    heading('If you can no longer come'),
    manageLink(requireManageUrl(ctx), 'Please let us know, so someone else can have your place:'),
  ]);
  return {
    ...rendered,
    calendar: { method: 'REQUEST', content: meetingInvite({ meeting, registration, method: 'REQUEST', sequence: meeting.sequence, now: ctx.now, joinUrl: ctx.joinUrl }), filename: 'meeting.ics' },
  };
}
