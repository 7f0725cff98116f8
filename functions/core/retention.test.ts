import { describe, expect, it } from 'vitest';
import { expiryAfter, keptFor, retentionRule } from './retention.js';
import { addLondonMonths } from './time.js';

const seconds = (iso: string) => Date.parse(iso) / 1000;

const twelveMonths = retentionRule({ what: 'Registrations', data: 'name', months: 12, after: 'the meeting ends' });
const personalDataExpiry = (endsAt: string) => expiryAfter(twelveMonths, endsAt);

describe('a retention rule of 12 months', () => {
  it('is worded for the privacy notice', () => {
    expect(keptFor(twelveMonths)).toBe('12 months after the meeting ends');
  });

  it.each([
    ['a summer (BST) meeting: 8:30pm on 3 July → 8:30pm on 3 July next year', '2031-07-03T19:30:00.000Z', '2032-07-03T19:30:00.000Z'],
    ['a winter (GMT) meeting: 8pm on 4 December → 8pm on 4 December next year', '2031-12-04T20:00:00.000Z', '2032-12-04T20:00:00.000Z'],
    ['the end of a month: 31 March → 31 March', '2031-03-31T21:00:00.000Z', '2032-03-31T21:00:00.000Z'],
    ['29 February → 28 February, the last day of that month', '2032-02-29T20:00:00.000Z', '2033-02-28T20:00:00.000Z'],
    // 11:30pm GMT on Saturday 28 March 2026; on 28 March 2027 the clocks have gone forward, so 11:30pm is 22:30 UTC.
    ['a London date, not a UTC one, across the clocks changing', '2026-03-28T23:30:00.000Z', '2027-03-28T22:30:00.000Z'],
    // Just after midnight BST on 1 April is still 31 March in UTC: the London date counts.
    ['just after midnight in London', '2031-03-31T23:30:00.000Z', '2032-03-31T23:30:00.000Z'],
  ])('expires %s', (_case, endsAt, expected) => {
    expect(personalDataExpiry(endsAt)).toBe(seconds(expected));
  });
});

describe('adding London calendar months', () => {
  it.each([
    ['2031-01-31T19:00:00.000Z', 1, '2031-02-28T19:00:00.000Z'], // no 31 February: its last day
    ['2032-01-31T19:00:00.000Z', 1, '2032-02-29T19:00:00.000Z'], // a leap year
    ['2031-03-31T18:00:00.000Z', 1, '2031-04-30T18:00:00.000Z'], // 7pm BST both days
    ['2031-07-01T17:30:00.000Z', 6, '2032-01-01T18:30:00.000Z'], // 6:30pm BST → 6:30pm GMT
    ['2031-12-15T10:00:00.000Z', -12, '2030-12-15T10:00:00.000Z'],
    ['2030-03-31T00:30:00.000Z', 12, '2031-03-30T23:30:00.000Z'], // 12:30am GMT on 31 March → 12:30am BST (clocks changed on the 30th)
    ['2030-03-30T01:30:00.000Z', 12, '2031-03-30T01:30:00.000Z'], // 1:30am GMT → 1:30am on 30 March 2031 is skipped: 2:30am BST
  ])('%s + %i months is %s', (from, months, expected) => {
    expect(addLondonMonths(from, months)).toBe(expected);
  });

  it('refuses something that is not an instant', () => {
    expect(() => addLondonMonths('not a date', 12)).toThrow();
  });
});
