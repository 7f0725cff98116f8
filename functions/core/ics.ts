/**
 * iCalendar text (RFC 5545) written by hand where no invite is sent: the diary feeds. Times are
 * Europe/London wall-clock time with its VTIMEZONE, so they stay right across the clock changes.
 */
import { LONDON } from './time.js';

/** The standard definition of UK time (GMT, and BST from the last Sunday in March to the last in October). */
export const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const wallClock = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** An instant as London wall-clock time, `YYYYMMDDTHHMMSS` (for `DTSTART;TZID=Europe/London:`). */
export function londonLocal(iso: string): string {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${p['year']}${p['month']}${p['day']}T${p['hour']}${p['minute']}${p['second']}`;
}

/** An instant in UTC, `YYYYMMDDTHHMMSSZ` (DTSTAMP). */
export const utcStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** A TEXT value: backslash, `;`, `,` and line breaks escaped (RFC 5545 section 3.3.11). */
export const icsText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');

/** A content line folded at 75 octets, never inside a character (RFC 5545 section 3.1). */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (lines.length ? 74 : 75)) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n ');
}
