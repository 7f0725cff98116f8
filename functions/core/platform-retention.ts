/**
 * The retention rules of the platform's own personal data (core's, not a capability's): listed in the
 * privacy notice with the capabilities' rules (platform.ts `retentionRules`), and stamped on the items
 * by the code that writes them. Data only, so every function can read it without the code.
 */
import type { RetentionRule } from './retention.js';

/** Addresses email has stopped for (outbox/suppression.ts): two years after the latest bounce or complaint, then email is tried again. */
export const suppressionRetention: RetentionRule = {
  what: 'Email addresses we no longer send email to, because email to them bounced or their owner reported it as spam',
  data: 'a keyed hash of the email address (not the address itself), whether it bounced or was reported, and when',
  months: 24,
  after: 'the latest bounce or report',
};

export const platformRetentionRules: readonly RetentionRule[] = [suppressionRetention];
