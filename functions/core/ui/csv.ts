/**
 * CSV downloads for staff, safe to open in a spreadsheet: every cell is quoted when needed, and a cell
 * that starts like a formula (= + - @, tab, carriage return) is prefixed with a single quote so Excel
 * and friends show it as text instead of running it. Downloads hold personal data: never cached.
 *
 *   return csvResponse(c, `registrations-${meeting.id}.csv`, [['Name', 'Email'], ...rows]);
 */
import type { Context } from 'hono';

export type CsvCell = string | number | boolean | undefined | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
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
