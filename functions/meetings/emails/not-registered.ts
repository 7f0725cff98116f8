/** We could not give you a place: why, in words, and what you can do. No manage link: there is nothing to manage. */
import type { RefusedReason } from '../model.js';
import { layout, meetingDetails, para, type EmailContent, type EmailContext } from './parts.js';

const why: Record<RefusedReason, string> = {
  full: 'all the places were taken before we could give you one, and this meeting has no waiting list',
  closed: 'registration had closed by the time we could give you a place',
  cancelled: 'the meeting has been cancelled',
  'too-many-places': 'you asked for more places than one registration can have',
};

export function notRegisteredEmail(ctx: EmailContext): EmailContent {
  const { meeting, registration } = ctx;
  const reason = registration.refusedReason ?? 'full';
  return layout(`No place at ${meeting.title}`, registration.name, [
    para(`We are sorry: we could not give you a place at ${meeting.title}, because ${why[reason]}.`),
    para('You do not have a place. Please do not come to the meeting.'),
    meetingDetails(meeting, registration, ctx.joinUrl),
    para(
      reason === 'too-many-places'
        ? `You can register again for ${meeting.maxPlacesPerRegistration === 1 ? '1 place' : `up to ${meeting.maxPlacesPerRegistration} places`} while places are available.`
        : 'You do not need to do anything else. Other meetings are listed on our website.',
    ),
  ]);
}
