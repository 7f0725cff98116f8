/**
 * Words said the same everywhere: when a meeting is (its pages, its emails), and what staff read about a
 * registration's latest email, the same on the meeting's page and in its CSV: which email it was, in
 * words ("Details sent again", never the key `registration-details`), and where it is ("Sent",
 * "Waiting to send", "Failed").
 */
import { formatLondon, formatLondonDate, formatLondonTime } from '../core/time.js';
import type { EmailKind, EmailStatus, Meeting, Registration } from './model.js';

/** "Thursday 3 December 2026, 6:30pm to 8pm" (the end's date too if it is another day). */
export function whenText(meeting: Pick<Meeting, 'startsAt' | 'endsAt'>): string {
  const sameDay = formatLondonDate(meeting.startsAt) === formatLondonDate(meeting.endsAt);
  return `${formatLondon(meeting.startsAt)} to ${sameDay ? formatLondonTime(meeting.endsAt) : formatLondon(meeting.endsAt)}`;
}

export const emailKindWords: Record<EmailKind, string> = {
  confirmation: 'Confirmation',
  'registration-details': 'Details sent again',
  waitlisted: 'Waiting list',
  'not-registered': 'No place',
  promoted: 'Place offered',
  cancelled: 'Cancellation',
  'meeting-changed': 'Meeting changed',
  'meeting-cancelled': 'Meeting cancelled',
  'reminder-48h': '2-day reminder',
  'reminder-2h': '2-hour reminder',
  'join-link-changed': 'Join link',
};

export const emailStatusWords: Record<EmailStatus, string> = { sent: 'Sent', pending: 'Waiting to send', failed: 'Failed', suppressed: 'Not sent (emails to this address stopped)' };

/** "Confirmation: sent", "Details sent again: waiting to send", "Cancellation: failed". */
export function lastEmailWords(last: NonNullable<Registration['lastEmail']>): string {
  return `${emailKindWords[last.kind] ?? last.kind}: ${emailStatusWords[last.status].toLowerCase()}`;
}
