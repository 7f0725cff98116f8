/**
 * The CSV downloads staff take to the door or to a report: registrations and questions, as rows, in
 * words and with dates and times a spreadsheet reads (core/ui/csv.ts).
 */
import { csvDateTime, type CsvCell } from '../core/ui/csv.js';
import { emailKindWords, emailStatusWords } from './words.js';
import type { Registration } from './model.js';
import { attendModeOf, attendWords } from './modes.js';
import type { Question } from './registrations.js';

const statusWords = { requested: 'Being processed', confirmed: 'Confirmed', waitlisted: 'Waiting list', refused: 'Not registered (no place)', cancelled: 'Cancelled' } as const satisfies Record<Registration['status'], string>;

export function registrationRows(registrations: readonly Registration[]): CsvCell[][] {
  return [
    ['Reference', 'Name', 'Email', 'Postcode', 'Places', 'Status', 'Registered (London time)', 'Access needs', 'Question', 'Attended', 'Cancelled (London time)', 'Last email', 'Email status', 'Attending'],
    ...registrations.map((r) => [
      r.reference,
      r.name,
      r.email,
      r.postcode,
      r.places,
      statusWords[r.status],
      csvDateTime(r.createdAt),
      r.accessNeeds,
      r.question,
      r.attendedAt ? 'Yes' : 'No',
      csvDateTime(r.cancelledAt),
      r.lastEmail ? emailKindWords[r.lastEmail.kind] : '',
      r.lastEmail ? `${emailStatusWords[r.lastEmail.status]}${r.lastEmail.error ? `: ${r.lastEmail.error}` : ''}` : '',
      attendWords[attendModeOf(r)],
    ]),
  ];
}

export function questionsRows(questions: readonly Question[]): CsvCell[][] {
  return [['Reference', 'Name', 'Question', 'Asked (London time)'], ...questions.map((q) => [q.reference, q.name, q.question, csvDateTime(q.createdAt)])];
}
