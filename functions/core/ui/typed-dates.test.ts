import { describe, expect, it } from 'vitest';
import { joinDate, localLondonToUtcIso, parseTime, utcIsoToLondonFields } from './typed-dates.js';

describe('localLondonToUtcIso', () => {
  it('reads winter times as GMT and summer times as BST', () => {
    expect(localLondonToUtcIso('2026-12-03', '18:30')).toBe('2026-12-03T18:30:00.000Z');
    expect(localLondonToUtcIso('2026-07-01', '18:30')).toBe('2026-07-01T17:30:00.000Z');
  });

  it('changes offset exactly when the clocks change (29 March and 25 October 2026)', () => {
    expect(localLondonToUtcIso('2026-03-29', '00:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(localLondonToUtcIso('2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(localLondonToUtcIso('2026-10-25', '00:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(localLondonToUtcIso('2026-10-25', '02:00')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('refuses the hour skipped when the clocks go forward, and takes the BST reading of the repeated hour', () => {
    expect(localLondonToUtcIso('2026-03-29', '01:30')).toBeUndefined();
    expect(localLondonToUtcIso('2026-10-25', '01:30')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses dates and times that are not real', () => {
    expect(localLondonToUtcIso('2026-02-30', '10:00')).toBeUndefined();
    expect(localLondonToUtcIso('2026-13-01', '10:00')).toBeUndefined();
    expect(localLondonToUtcIso('2026-12-03', '24:00')).toBeUndefined();
    expect(localLondonToUtcIso('3/12/2026', '10:00')).toBeUndefined();
  });

  it('round-trips with utcIsoToLondonFields', () => {
    expect(utcIsoToLondonFields('2026-07-01T17:30:00.000Z')).toEqual({ day: '1', month: '7', year: '2026', time: '18:30' });
    expect(utcIsoToLondonFields('2026-12-03T09:05:00.000Z')).toEqual({ day: '3', month: '12', year: '2026', time: '09:05' });
  });
});

describe('parseTime', () => {
  it.each([
    ['18:30', '18:30'],
    ['18.30', '18:30'],
    ['1830', '18:30'],
    ['6:30pm', '18:30'],
    ['6.30 PM', '18:30'],
    ['6pm', '18:00'],
    ['12pm', '12:00'],
    ['12am', '00:00'],
    ['9', '09:00'],
    ['midday', '12:00'],
  ])('reads %s as %s', (typed, expected) => expect(parseTime(typed)).toBe(expected));

  it.each(['25:00', '13pm', '6:75', 'soon', ''])('refuses %s', (typed) => expect(parseTime(typed)).toBeUndefined());
});

describe('joinDate', () => {
  it('pads day and month', () => expect(joinDate('3', '7', '2026')).toBe('2026-07-03'));
  it('refuses words and two-digit years', () => {
    expect(joinDate('third', '7', '2026')).toBeUndefined();
    expect(joinDate('3', '7', '26')).toBeUndefined();
  });
});
