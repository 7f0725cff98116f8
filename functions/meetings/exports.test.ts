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

  it('lists registrations with status and email in words, dates and London times a spreadsheet reads, formulas neutralised', () => {
    const [header, row] = toCsv(registrationRows([registration])).replace('\uFEFF', '').split('\r\n');
    expect(header).toBe('Reference,Name,Email,Postcode,Places,Status,Registered (London time),Access needs,Question,Attended,Cancelled (London time),Last email,Email status,Attending');
    expect(row).toBe(`ABC-234,'=cmd|/C calc!A0,a@example.org,,2,Confirmed,2030-07-01 18:30,,Why?,No,,Confirmation,Failed: SES: throttled,In person`);
  });

  it('names every email in words, never by its internal key', () => {
    const resent: Registration = { ...registration, status: 'cancelled', cancelledAt: '2030-12-01T09:05:00.000Z', lastEmail: { kind: 'registration-details', status: 'pending', at: '2030-07-02T10:00:00.000Z' } };
    const [, row] = toCsv(registrationRows([resent])).replace('\uFEFF', '').split('\r\n');
    expect(row).toBe(`ABC-234,'=cmd|/C calc!A0,a@example.org,,2,Cancelled,2030-07-01 18:30,,Why?,No,2030-12-01 09:05,Details sent again,Waiting to send,In person`);
  });

  it('lists questions', () => {
    const csv = toCsv(questionsRows([{ registrationId: 'ABC234', reference: 'ABC-234', name: 'Ann', question: '-1 for cameras', createdAt: '2030-01-01T12:00:00.000Z' }]));
    expect(csv).toBe(`\uFEFFReference,Name,Question,Asked (London time)\r\nABC-234,Ann,'-1 for cameras,2030-01-01 12:00\r\n`);
  });
});
