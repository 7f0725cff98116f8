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

/** Who looked at or exported personal data (people/access-record.ts): two years, long enough to answer a complaint about a look. */
export const accessRecordRetention: RetentionRule = {
  what: 'The access record: each time staff looked at, exported or erased personal data',
  data: 'which member of staff, what they looked at, when, and how many people’s data it showed (not the data itself)',
  months: 24,
  after: 'the look',
};

/** What an erasure did (people/changing.ts): six years, the limitation period for a claim about it. */
export const erasureRetention: RetentionRule = {
  what: 'Records of erasures',
  data: 'which member of staff erased a person’s data, when, and which kinds of record (not the person’s data)',
  months: 72,
  after: 'the erasure',
};

export const platformRetentionRules: readonly RetentionRule[] = [suppressionRetention, accessRecordRetention, erasureRetention];
