/**
 * How long community days keep what may identify people: the staff notes of a visit (who said what,
 * names of people met). The visit itself (place, counts, themes, public summary) is kept: it is the
 * record of the Commissioner's work. The privacy notice lists this rule and the store stamps it.
 */
import { expiryAfter, retentionRule } from '../core/retention.js';
import type { Visit } from './model.js';

export const notesRetention = retentionRule({
  what: 'Staff notes about community-day visits',
  data: 'what staff note about the people the Commissioner met and what they raised, which may include names and contact details',
  months: 24,
  after: 'the visit',
});

/** When a visit's notes are due for deletion (epoch seconds). */
export const notesExpiry = (visit: Pick<Visit, 'startsAt'>) => expiryAfter(notesRetention, visit.startsAt);
