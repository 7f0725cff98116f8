/** The partition-key prefixes the platform's own items use (see store/keys.ts and store/table-design.md). */
import { keyPrefixes } from './store/keys.js';

export const platformKeys = keyPrefixes('platform', {
  outbox: 'OUTBOX#',
  pendingEmails: 'EMAIL#PENDING',
  manageLink: 'MANAGE#',
  pendingRetention: 'RETENTION#PENDING',
  rateLimit: 'RATE#',
  idempotency: 'IDEMPOTENCY#',
  signedOut: 'SIGNEDOUT#',
  suppressedAddress: 'SUPPRESSED#',
  emailWeeks: 'EMAILWEEKS',
  person: 'PERSON#',
  accessRecord: 'ACCESS#',
  erasures: 'ERASURES',
  feedback: 'FEEDBACK#',
  feedbackWanted: 'FEEDBACKWANTED',
});
