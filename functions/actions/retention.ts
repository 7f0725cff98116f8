/** How long the action log keeps personal data: the privacy notice lists this rule. */
import { retentionRule } from '../core/retention.js';

export const ownerContactRetention = retentionRule({
  what: 'Contacts at the bodies that own actions (the police, community safety partnerships and others), to email them the actions passed to them',
  data: 'the contact’s name and work email address',
  months: 0,
  after: 'staff remove the contact or replace it with another',
});
