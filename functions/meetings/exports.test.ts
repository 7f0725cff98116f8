import { describe, expect, it } from 'vitest';
import { toCsv } from '../core/ui/csv.js';
import { questionsRows, registrationRows } from './exports.js';
import type { Registration } from './model.js';

describe('CSV exports', () => {
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
    const [header, row] = toCsv(registrationRows([registration])).replace('\uFEFF', '').split('\r\n');
    expect(header).toBe('Reference,Name,Email,Postcode,Places,Status,Registered,Access needs,Question,Attended,Cancelled,Last email,Email status');
    expect(row).toBe(`ABC-234,'=cmd|/C calc!A0,a@example.org,,2,Confirmed,"Monday 1 July 2030, 6:30pm",,Why?,No,,confirmation,failed: SES: throttled`);
  });

  it('lists questions', () => {
    const csv = toCsv(questionsRows([{ reference: 'ABC-234', name: 'Ann', question: '-1 for cameras', createdAt: '2030-01-01T12:00:00.000Z' }]));
    expect(csv).toBe(`\uFEFFReference,Name,Question,Asked\r\nABC-234,Ann,'-1 for cameras,"Tuesday 1 January 2030, 12pm"\r\n`);
  });
});
