/** Your registration is cancelled (by you or by staff). Removes the calendar entry if you had one. */
import { meetingInvite } from '../calendar.js';
import { layout, meetingDetails, para, type EmailContent, type EmailContext } from './parts.js';

export function cancelledEmail(ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  const wasConfirmed = registration.cancelledFrom !== 'waitlisted';
  const what = wasConfirmed ? 'your place' : 'your place on the waiting list';
  const rendered = layout(`Cancelled: ${what} at ${meeting.title}`, registration.name, [
    para(
      registration.cancelledBy === 'staff'
        ? `We have cancelled ${what} at ${meeting.title}. If you think this is a mistake, reply to this email.`
        : `You have cancelled ${what} at ${meeting.title}. Thank you for letting us know.`,
    ),
    meetingDetails(meeting, registration, ctx.joinUrl),
    para(
      meeting.status === 'scheduled' && ctx.now.toISOString() < meeting.registrationClosesAt
        ? 'If you change your mind, you can register again on our website while places are available.'
        : 'You do not need to do anything else.',
    ),
  ]);
  return {
    ...rendered,
    ...(wasConfirmed
      ? {
          calendar: {
            method: 'CANCEL' as const,
            // One more than any invite this registration was sent, so calendars accept the cancellation.
            content: meetingInvite({ meeting, registration, method: 'CANCEL', sequence: meeting.sequence + 1, now: ctx.now, joinUrl: ctx.joinUrl }),
            filename: 'meeting.ics',
          },
        }
      : {}),
  };
}
