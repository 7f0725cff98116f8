/**
 * CSV downloads for staff, safe to open in a spreadsheet: every cell is quoted when needed, and a cell
 * that starts like a formula (= + - @, tab, carriage return) is prefixed with a single quote so Excel
 * and friends show it as text instead of running it. Downloads hold personal data: never cached.
 *
 *   return csvResponse(c, `registrations-${meeting.id}.csv`, [['Name', 'Email'], ...rows]);
 *
 * Every CSV says things the same way: headers and values in words ("Details sent again", never an
 * internal key), and dates and times as a spreadsheet reads them, not in words: ISO 8601 dates and
 * 24-hour times on London's clock (`csvDate`, `csvDateTime`, `csvTime`), the header saying "(London time)".
 */
import type { Context } from 'hono';
import { londonDay, utcIsoToLondonFields } from '../time.js';

export type CsvCell = string | number | boolean | undefined | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A stored instant as its London date, ISO 8601: `2026-12-03`. A day already `YYYY-MM-DD` is kept. Empty when there is none. */
export function csvDate(value: string | undefined): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : londonDay(new Date(value));
}

/** A stored instant as London's 24-hour clock: `18:30`. */
export function csvTime(instant: string | undefined): string {
  return instant ? utcIsoToLondonFields(instant).time : '';
}

/** A stored instant as its London date and time, which spreadsheets read as one: `2026-12-03 18:30`. */
export function csvDateTime(instant: string | undefined): string {
  return instant ? `${csvDate(instant)} ${csvTime(instant)}` : '';
}

/** Rows to CSV text: CRLF line ends (RFC 4180) and a byte-order mark so Excel reads UTF-8. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A CSV download: saved as a file, never sniffed as something else, never cached. */
export function csvResponse(c: Context, filename: string, rows: ReadonlyArray<ReadonlyArray<CsvCell>>): Response {
  return c.body(toCsv(rows), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
}
