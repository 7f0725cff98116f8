/** How long meetings keep what residents tell them: the privacy notice lists this rule, the store stamps it. */
import { expiryAfter, retentionRule } from '../core/retention.js';
import type { Meeting } from './model.js';

export const registrationRetention = retentionRule({
  what: 'Registrations for public meetings, and the emails we send about them',
  data: 'your name, email address, postcode (if you give it), the number of places, access needs, any question you send, and whether you attended; for someone added at the door without registering, their name and any email address and council area',
  months: 12,
  after: 'the meeting (or after it was due, if it was cancelled)',
});

/** When personal data about a registration for this meeting is due for deletion (epoch seconds). */
export const registrationExpiry = (meeting: Pick<Meeting, 'endsAt'>) => expiryAfter(registrationRetention, meeting.endsAt);

/** What registration items are stamped with, from the meeting as read (`updatedAt` orders moves). */
export const expiryFrom = (seen: Pick<Meeting, 'endsAt' | 'updatedAt'>) => ({ expiresAt: registrationExpiry(seen), expiryVersion: seen.updatedAt });

/** The address a feedback survey goes to, kept apart from the answers (core/feedback.ts). */
export const feedbackAskRetention = retentionRule({
  what: 'Requests for feedback after a public meeting you attended',
  data: 'your email address, so that the survey can be sent to you; it is removed as soon as you answer',
  months: 1,
  after: 'the meeting',
});

export const feedbackAskExpiry = (meeting: Pick<Meeting, 'endsAt'>) => expiryAfter(feedbackAskRetention, meeting.endsAt);
