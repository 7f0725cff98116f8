/** Staff changed the meeting's time or place: the new details and an updated calendar invite. */
import { meetingInvite } from '../calendar.js';
import { heading, layout, manageLink, meetingDetails, para, requireManageUrl, type EmailContent, type EmailContext } from './parts.js';

export function meetingChangedEmail(ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  const manageUrl = requireManageUrl(ctx);
  const confirmed = registration.status === 'confirmed';
  const what = ctx.changes?.length ? `The ${ctx.changes.join(' and ')} of ${meeting.title} ${ctx.changes.length > 1 ? 'have' : 'has'} changed.` : `The details of ${meeting.title} have changed.`;
  const rendered = layout(`Changed: ${meeting.title}`, registration.name, [
    para(what),
    para('These are the new details:'),
    meetingDetails(meeting, registration, ctx.joinUrl),
    para(
      confirmed
        ? 'Your place is still confirmed. An updated calendar invite is attached.'
        : 'You are still on the waiting list. We will email you if a place becomes free.',
    ),
    heading('If you can no longer come'),
    manageLink(manageUrl, 'Please let us know, so someone else can have your place:'),
  ]);
  return {
    ...rendered,
    ...(confirmed
      ? { calendar: { method: 'REQUEST' as const, content: meetingInvite({ meeting, registration, method: 'REQUEST', sequence: meeting.sequence, now: ctx.now, joinUrl: ctx.joinUrl }), filename: 'meeting.ics' } }
      : {}),
  };
}
