/**
 * Calendar invites for a registration: one event per registration with a stable UID, so an update
 * (REQUEST with a higher SEQUENCE) or a cancellation (CANCEL) replaces the same calendar entry.
 * Calendars are often shared, so an invite never carries the manage link: only the meeting's public page.
 */
import { config } from '../core/config.js';
import { calendarUid, eventInvite, type InviteMethod } from '../core/outbox/calendar.js';
import type { Meeting, Registration } from './model.js';

/** Stable per registration: every invite and cancellation for it refers to the same calendar entry. */
export const inviteUid = (registration: Pick<Registration, 'meetingId' | 'id'>) => calendarUid(`meeting-${registration.meetingId}-registration-${registration.id}`);

export function meetingInvite(options: {
  meeting: Meeting;
  registration: Registration;
  method: InviteMethod;
  /** Must rise with every change to the same UID: the meeting's sequence, plus one for a personal cancellation. */
  sequence: number;
  now?: Date;
}): string {
  const { meeting, registration, method, sequence } = options;
  const description = [
    meeting.description,
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
    location: { title: meeting.venue, address: meeting.address, geo: { lat: meeting.latitude, lon: meeting.longitude } },
    attendee: { name: registration.name, email: registration.email },
    product: 'Public meetings',
    url: `${config().publicBaseUrl}/meetings/${meeting.id}`,
    ...(options.now ? { now: options.now } : {}),
  });
}
