/** The CSV downloads staff take to the door or to a report: registrations and questions, as rows. */
import type { CsvCell } from '../core/ui/csv.js';
import { formatLondon } from '../core/time.js';
import type { Registration } from './model.js';
import type { Question } from './registrations.js';

const statusWords = { requested: 'Being processed', confirmed: 'Confirmed', waitlisted: 'Waiting list', refused: 'Not registered (no place)', cancelled: 'Cancelled' } as const satisfies Record<Registration['status'], string>;

export function registrationRows(registrations: readonly Registration[]): CsvCell[][] {
  return [
    ['Reference', 'Name', 'Email', 'Postcode', 'Places', 'Status', 'Registered', 'Access needs', 'Question', 'Attended', 'Cancelled', 'Last email', 'Email status'],
    ...registrations.map((r) => [
      r.reference,
      r.name,
      r.email,
      r.postcode,
      r.places,
      statusWords[r.status],
      formatLondon(r.createdAt),
      r.accessNeeds,
      r.question,
      r.attendedAt ? 'Yes' : 'No',
      r.cancelledAt ? formatLondon(r.cancelledAt) : '',
      r.lastEmail?.kind,
      r.lastEmail ? `${r.lastEmail.status}${r.lastEmail.error ? `: ${r.lastEmail.error}` : ''}` : '',
    ]),
  ];
}

export function questionsRows(questions: readonly Question[]): CsvCell[][] {
  return [['Reference', 'Name', 'Question', 'Asked'], ...questions.map((q) => [q.reference, q.name, q.question, formatLondon(q.createdAt)])];
}
