/** How long subscriptions keep personal data: the privacy notice lists these rules, the store stamps them. */
import { expiryAfter, retentionRule } from '../core/retention.js';

export const subscriptionRetention = retentionRule({
  what: 'Subscriptions to emails about new public meetings and consultations',
  data: 'your email address and the council area you chose',
  months: 0,
  after: 'you unsubscribe (with the link in every email, or by asking us)',
});

export const requestRetention = retentionRule({
  what: 'Requests to subscribe that were not confirmed from the email we sent',
  data: 'the email address given and the council area chosen',
  months: 1,
  after: 'the request (the confirmation link works for 7 days)',
});

/** How long a confirmation link works. */
export const CONFIRM_DAYS = 7;

/** When an unconfirmed request is deleted (epoch seconds). */
export const requestExpiry = (requestedAt: string) => expiryAfter(requestRetention, requestedAt);
