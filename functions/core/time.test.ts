import { describe, expect, it } from 'vitest';
import { atLondonTime, formatLondon, formatDay, formatLondonFromNow, londonDay, londonDayStart } from './time.js';

describe('London time', () => {
  it.each([
    ['2026-12-03T18:30:00.000Z', 'Thursday 3 December 2026, 6:30pm'],
    ['2026-07-03T17:30:00.000Z', 'Friday 3 July 2026, 6:30pm'],
    ['2026-07-03T11:00:00.000Z', 'Friday 3 July 2026, 12pm'],
    ['2026-07-03T23:00:00.000Z', 'Saturday 4 July 2026, 12am'],
    ['2026-01-05T09:05:00.000Z', 'Monday 5 January 2026, 9:05am'],
  ])('formats %s as %s', (iso, text) => {
    expect(formatLondon(iso)).toBe(text);
  });

  it('finds the start of a London day, in winter and in summer', () => {
    expect(londonDayStart('2026-01-10').toISOString()).toBe('2026-01-10T00:00:00.000Z');
    expect(londonDayStart('2026-07-10').toISOString()).toBe('2026-07-09T23:00:00.000Z');
  });

  it('turns a London wall-clock time into an instant', () => {
    expect(atLondonTime('2026-07-10', 18, 30).toISOString()).toBe('2026-07-10T17:30:00.000Z');
    expect(atLondonTime('2026-12-10', 18, 30).toISOString()).toBe('2026-12-10T18:30:00.000Z');
    expect(londonDay(new Date('2026-07-09T23:30:00.000Z'))).toBe('2026-07-10');
  });

  it.each([
    // At 11:50pm BST on 2 June, 27 minutes later is 3 June in London though still 2 June in UTC.
    ['2031-06-02T22:50:00.000Z', '2031-06-02T23:17:00.000Z', '12:17am tomorrow'],
    ['2031-06-02T22:50:00.000Z', '2031-06-02T22:55:00.000Z', '11:55pm today'],
    // In UTC these are different days; in London (BST) both are 3 June.
    ['2031-06-02T23:30:00.000Z', '2031-06-03T09:00:00.000Z', '10am today'],
    ['2031-12-31T20:00:00.000Z', '2032-01-01T00:27:00.000Z', '12:27am tomorrow'],
    ['2031-06-02T09:00:00.000Z', '2031-06-04T09:00:00.000Z', '10am on Wednesday 4 June 2031'],
  ])('at %s, calls %s “%s”', (now, iso, text) => {
    expect(formatLondonFromNow(iso, new Date(now))).toBe(text);
  });

  it('says a calendar day in words, as pages do', () => {
    expect(formatDay('2026-12-03')).toBe('3 December 2026');
    expect(formatDay('2027-03-28')).toBe('28 March 2027');
  });
});
