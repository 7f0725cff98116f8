import { describe, expect, it } from 'vitest';
import { readDateTime, readPeriod } from './date-input.js';

const words = { missing: 'Enter when the meeting starts', noun: 'The start' };
const boxes = (day: string, month: string, year: string, time = '') => ({
  'startsAt-day': day,
  'startsAt-month': month,
  'startsAt-year': year,
  'startsAt-time': time,
});

describe('readDateTime', () => {
  it('reads London wall-clock time into UTC', () => {
    expect(readDateTime(boxes('2', '7', '2026', '6:30pm'), 'startsAt', words)).toEqual({ iso: '2026-07-02T17:30:00.000Z' });
    expect(readDateTime(boxes('03', '12', '2026', '18:30'), 'startsAt', words)).toEqual({ iso: '2026-12-03T18:30:00.000Z' });
  });

  it.each([
    [boxes('', '', ''), 'Enter when the meeting starts'],
    [boxes('2', '', '2026', '18:00'), 'The start must include a day, month and year'],
    [boxes('30', '2', '2026', '18:00'), 'The start must be a real date'],
    [boxes('2', '7', '2026'), 'The start must include a time, like 18:30 or 6:30pm'],
    [boxes('2', '7', '2026', 'evening'), 'The start must be a real time, like 18:30 or 6:30pm'],
    [boxes('29', '3', '2026', '1:30am'), 'The start is in the hour skipped when the clocks go forward: choose another time'],
  ])('explains what is wrong: %j', (values, error) => {
    expect(readDateTime(values, 'startsAt', words)).toEqual({ error });
  });
});

describe('readPeriod', () => {
  it('runs from London midnight on the first day to London midnight after the last', () => {
    const { period, errors } = readPeriod({
      'from-day': '1', 'from-month': '4', 'from-year': '2026',
      'to-day': '31', 'to-month': '10', 'to-year': '2026',
    });
    expect(errors).toEqual({});
    expect(period.from?.toISOString()).toBe('2026-03-31T23:00:00.000Z');
    // 31 October is GMT: the period ends at midnight GMT going into 1 November.
    expect(period.to?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('allows either end to be left out, and refuses a period that ends before it starts', () => {
    expect(readPeriod({}).period).toEqual({});
    const { errors } = readPeriod({ 'from-day': '2', 'from-month': '4', 'from-year': '2026', 'to-day': '1', 'to-month': '4', 'to-year': '2026' });
    expect(errors['to']).toBe('The to date must be the same as or after the from date');
  });
});
