/** You are on the waiting list: what that means, and how to leave it. No calendar invite yet. */
import { heading, layout, manageLink, meetingDetails, para, requireManageUrl, type EmailContent, type EmailContext } from './parts.js';

export function waitlistedEmail(ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  return layout(`You are on the waiting list for ${meeting.title}`, registration.name, [
    para(`${meeting.title} is full at the moment, so we have put you on the waiting list.`),
    para(`Your reference is ${registration.reference}.`),
    meetingDetails(meeting, registration, ctx.joinUrl),
    heading('What happens next'),
    para(
      'If places become free, we offer them to people on the waiting list in the order they registered. ' +
        'If we can offer you a place, we will email you straight away with a calendar invite.',
    ),
    para('If you have not heard from us, you do not have a place. Please do not come to the meeting.'),
    heading('If you no longer want a place'),
    manageLink(requireManageUrl(ctx), 'You can leave the waiting list:'),
  ]);
}
