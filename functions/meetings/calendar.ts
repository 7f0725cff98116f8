/**
 * Calendar invites for a registration: one event per registration with a stable UID, so an update
 * (REQUEST with a higher SEQUENCE) or a cancellation (CANCEL) replaces the same calendar entry.
 * Calendars are often shared, so an invite never carries the manage link: only the meeting's public page.
 */
import { config } from '../core/config.js';
import { calendarUid, eventInvite, type InviteMethod } from '../core/outbox/calendar.js';
import type { Meeting, Registration } from './model.js';
import { attendModeOf } from './modes.js';

/** Stable per registration: every invite and cancellation for it refers to the same calendar entry. */
export const inviteUid = (registration: Pick<Registration, 'meetingId' | 'id'>) => calendarUid(`meeting-${registration.meetingId}-registration-${registration.id}`);

export function meetingInvite(options: {
  meeting: Meeting;
  registration: Registration;
  method: InviteMethod;
  /** Must rise with every change to the same UID: the meeting's sequence, plus one for a personal cancellation. */
  sequence: number;
  now?: Date;
  /** For a confirmed place online: where they join (never for anyone else, whose calendar gets the venue). */
  joinUrl?: string | undefined;
}): string {
  const { meeting, registration, method, sequence, joinUrl } = options;
  const online = attendModeOf(registration) === 'online';
  const description = [
    meeting.description,
    online ? (joinUrl ? `Join online: ${joinUrl}` : 'We will email you the link to join before the meeting.') : '',
    `Your reference: ${registration.reference}`,
    meeting.accessInformation ? `Access: ${meeting.accessInformation}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return eventInvite({
    uid: inviteUid(registration),
    sequence,
    method,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    summary: meeting.title,
    description,
    location: online
      ? { title: 'Online', address: joinUrl ?? 'The link to join will be emailed to you' }
      : { title: meeting.venue, address: meeting.address, geo: { lat: meeting.latitude, lon: meeting.longitude } },
    attendee: { name: registration.name, email: registration.email },
    product: 'Public meetings',
    url: `${config().publicBaseUrl}/meetings/${meeting.id}`,
    ...(options.now ? { now: options.now } : {}),
  });
}
