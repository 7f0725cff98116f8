import { describe, expect, it } from 'vitest';
import { csvCell, questionsCsv, registrationsCsv, toCsv } from './csv.js';
import type { Meeting, Registration } from './model.js';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hello"', '"say ""hello"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
    ['=1+2', "'=1+2"],
    ['+447700900123', "'+447700900123"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as they are and leaves missing values empty', () => {
    expect(csvCell(3)).toBe('3');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('CSV exports', () => {
  it('start with a byte-order mark and end every row with CRLF', () => {
    expect(toCsv([['a', 'b'], ['c', 'd']])).toBe('\uFEFFa,b\r\nc,d\r\n');
  });

  const meeting = { id: 'm' } as Meeting;
  const registration: Registration = {
    id: 'ABC234',
    meetingId: 'm',
    reference: 'ABC-234',
    name: '=cmd|/C calc!A0',
    email: 'a@example.org',
    places: 2,
    question: 'Why?',
    status: 'confirmed',
    createdAt: '2030-07-01T17:30:00.000Z',
    lastEmail: { kind: 'confirmation', status: 'failed', at: '2030-07-01T17:30:00.000Z', error: 'SES: throttled' },
  };

  it('lists registrations with status, London times and email status, formulas neutralised', () => {
    const [header, row] = registrationsCsv(meeting, [registration]).replace('\uFEFF', '').split('\r\n');
    expect(header).toBe('Reference,Name,Email,Postcode,Places,Status,Registered,Access needs,Question,Attended,Cancelled,Last email,Email status');
    expect(row).toBe(`ABC-234,'=cmd|/C calc!A0,a@example.org,,2,Confirmed,"Monday 1 July 2030, 6:30pm",,Why?,No,,confirmation,failed: SES: throttled`);
  });

  it('lists questions', () => {
    const csv = questionsCsv(meeting, [{ reference: 'ABC-234', name: 'Ann', question: '-1 for cameras', createdAt: '2030-01-01T12:00:00.000Z' }]);
    expect(csv).toBe(`\uFEFFReference,Name,Question,Asked\r\nABC-234,Ann,'-1 for cameras,"Tuesday 1 January 2030, 12pm"\r\n`);
  });
});
