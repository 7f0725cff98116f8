/**
 * CSV exports for staff (registrations, questions), safe to open in a spreadsheet: every cell is
 * quoted when needed, and a cell that starts like a formula (= + - @, tab, carriage return) is
 * prefixed with a single quote so Excel and friends show it as text instead of running it.
 */
import { formatLondon } from '../core/time.js';
import type { Meeting, Registration } from './model.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text: CRLF line ends (RFC 4180) and a byte-order mark so Excel reads UTF-8. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | undefined | null>>): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const statusWords = { confirmed: 'Confirmed', waitlisted: 'Waiting list', cancelled: 'Cancelled' } as const;

export function registrationsCsv(_meeting: Meeting, registrations: readonly Registration[]): string {
  return toCsv([
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
  ]);
}

export function questionsCsv(
  _meeting: Meeting,
  questions: ReadonlyArray<{ reference: string; name: string; question: string; createdAt: string }>,
): string {
  return toCsv([
    ['Reference', 'Name', 'Question', 'Asked'],
    ...questions.map((q) => [q.reference, q.name, q.question, formatLondon(q.createdAt)]),
  ]);
}
