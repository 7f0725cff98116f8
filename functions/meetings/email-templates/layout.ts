/** What meetings emails share beyond the platform's parts: the meeting's details and the manage link. */
import { facts, personalLink, typed, type Part } from '../../core/outbox/email-layout.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import type { Meeting, Registration } from '../model.js';

export { heading, layout, para, typed, type Part } from '../../core/outbox/email-layout.js';

/** "Thursday 3 December 2026, 6:30pm to 8pm" (the end's date too if it is another day). */
export function meetingTimes(meeting: Pick<Meeting, 'startsAt' | 'endsAt'>): string {
  const sameDay = formatLondonDate(meeting.startsAt) === formatLondonDate(meeting.endsAt);
  return `${formatLondon(meeting.startsAt)} to ${sameDay ? formatLondonTime(meeting.endsAt) : formatLondon(meeting.endsAt)}`;
}

export function meetingDetails(meeting: Meeting, registration?: Registration): Part {
  return facts([
    ['Meeting', meeting.title],
    ['When', meetingTimes(meeting)],
    ['Where', `${meeting.venue}, ${meeting.address}`],
    ...(registration
      ? ([
          ['Reference', registration.reference],
          ['Places', String(registration.places)],
        ] as const)
      : []),
    ...(meeting.accessInformation ? ([['Access', meeting.accessInformation]] as const) : []),
  ]);
}

export const manageLink = (url: string, lead: string): Part =>
  personalLink(url, { lead, linkText: 'Change or cancel your registration', warning: 'The link works until the meeting ends. Do not share it: anyone with it can change your registration.' });

export const descriptionPart = (meeting: Meeting): Part | undefined => (meeting.description ? typed(meeting.description) : undefined);
