/**
 * Period figures as the reports read them: counters netted per quarter (London time) when a record
 * moves, and each kind of figure made from counters as declared: sums, distinct keys, shares, medians.
 */
import { describe, expect, it } from 'vitest';
import { countsChange, figureValue, figureWrites, sumOf } from './period-figures.js';
import { shareSeenWithin, type Ledger } from './period-ledgers.js';

describe('period figures', () => {
  it('files a record in the quarter of its London day: 31 March 11:30pm in summer time is still March', () => {
    // 2027-03-31T23:30 London is 22:30 UTC (BST starts 28 March 2027): Q4 of 2026-27.
    const [write] = figureWrites('reports', [{ at: '2027-03-31T22:30:00.000Z', counts: { invitations: 1 } }]);
    expect(write!.write.Update!.Key!['pk']).toEqual({ S: 'FIGURES#2026-27-Q4' });
    const [next] = figureWrites('reports', [{ at: '2027-03-31T23:30:00.000Z', counts: { invitations: 1 } }]);
    expect(next!.write.Update!.Key!['pk']).toEqual({ S: 'FIGURES#2027-28-Q1' });
  });

  it('leaves out a date no report can show (a due date typed as 2099), rather than failing the record', () => {
    expect(figureWrites('actions', [{ at: '2099-12-03T00:00:00.000Z', counts: { due: 1 } }, { at: '2026-10-05T10:00:00Z', counts: { opened: 1 } }]).map((w) => w.name)).toEqual(['figures-2026-27-Q3']);
    expect(countsChange(undefined, { at: '2100-06-01T00:00:00.000Z', counts: { due: 1 } })).toEqual([]);
  });

  it('nets an edit per quarter: moved within a quarter writes only what changed; moved across, takes away and adds', () => {
    const before = { at: '2026-10-05T10:00:00Z', counts: { days: 1, 'areas|E07000134': 1, hours: 5 } };
    expect(countsChange(before, { at: '2026-11-05T10:00:00Z', counts: { days: 1, 'areas|E06000017': 1, hours: 5 } })).toEqual([
      { at: '2026-10-05T10:00:00Z', counts: { days: 0, 'areas|E07000134': -1, hours: 0, 'areas|E06000017': 1 } },
    ]);
    const moved = countsChange(before, { at: '2027-01-05T10:00:00Z', counts: { days: 1 } });
    expect(moved.map((c) => c.counts)).toEqual([{ days: -1, 'areas|E07000134': -1, hours: -5 }, { days: 1 }]);
    // Nothing to write for a change that moves nothing.
    expect(figureWrites('x', countsChange(before, before))).toEqual([]);
  });

  it('makes each kind of figure from counters, by the hand-worked numbers', () => {
    const counts = { 'events|commissioner': 3, 'events|deputy': 2, 'areas|a': 2, 'areas|b': 1, 'areas|c': 0, 'days-to-close|3': 2, 'days-to-close|10': 1, 'days-to-close|4': 1, registered: 9, attended: 6, due: 5, 'due-met': 3 };
    expect(sumOf(counts, ['events'])).toBe(5);
    expect(figureValue({ sum: ['events|deputy'] }, counts)).toBe(2);
    expect(figureValue({ sum: ['due'], minus: ['due-met'] }, counts)).toBe(2);
    expect(figureValue({ distinct: 'areas' }, counts)).toBe(2);
    expect(figureValue({ distinct: 'areas', atLeast: 2 }, counts)).toBe(1);
    // 3, 3, 4, 10: the middle two are 3 and 4.
    expect(figureValue({ median: 'days-to-close' }, counts)).toBe(3.5);
    expect(figureValue({ median: 'days-to-close' }, { 'days-to-close|7': 1 })).toBe(7);
    expect(figureValue({ median: 'days-to-close' }, {})).toBeNull();
    expect(figureValue({ percent: { part: ['registered'], less: ['attended'], whole: ['registered'] } }, counts)).toBeCloseTo(100 / 3, 10);
    expect(figureValue({ percent: { part: ['accepted'], whole: ['invitations'] } }, {})).toBeNull();
  });

  it('counts as overdue only what was due before today: an unfinished quarter leaves out what is not yet due', () => {
    // Due on 3, 20 and 28 November; the one due on the 3rd was met. Old counters (no day) always count.
    const counts = { 'due|2026-11-03': 1, 'due|2026-11-20': 1, 'due|2026-11-28': 1, 'due-met|2026-11-03': 1, due: 1 };
    const overdue = { sum: ['due'], minus: ['due-met'], pastDaysOnly: true } as const;
    expect(figureValue(overdue, counts, { today: '2026-11-20' })).toBe(1);
    expect(figureValue(overdue, counts, { today: '2026-11-21' })).toBe(2);
    expect(figureValue(overdue, counts, { today: '2027-01-05' })).toBe(3);
    expect(figureValue({ sum: ['due'], minus: ['due-met'] }, counts, { today: '2026-11-20' })).toBe(3);
  });

  it('gives a share’s 95% margin of error as the wider side of its Wilson interval, by the hand-worked numbers', () => {
    // 2 of 3: Wilson 20.77% to 93.85%; 66.67 − 20.77 = 45.90 points. 50 of 100: ±9.62 points.
    expect(figureValue({ marginOfError: { part: ['yes'], whole: ['n'] } }, { yes: 2, n: 3 })).toBeCloseTo(45.9007, 3);
    expect(figureValue({ marginOfError: { part: ['yes'], whole: ['n'] } }, { yes: 50, n: 100 })).toBeCloseTo(9.6168, 3);
    expect(figureValue({ marginOfError: { part: ['yes'], whole: ['n'] } }, {})).toBeNull();
  });

  it('gives the share of a ledger’s listed members seen in the 12 months to a period’s end', () => {
    const ledger: Ledger = {
      listed: { a: '2025-01-10', b: '2025-01-10', c: '2025-01-10', d: '2026-07-01', e: '2025-01-10' },
      // e retired before the end; a is retired after it, so still listed then.
      retired: { e: '2026-03-01', a: '2027-01-15' },
      // a seen within the year; b only more than 12 months before; c on the first day out and the last day in; d never.
      seen: { a: ['2026-05-02'], b: ['2025-12-30'], c: ['2025-12-31', '2026-12-31'], e: ['2026-02-01'] },
    };
    // Listed on 31 December 2026: a, b, c, d. Seen after 31 December 2025 and by 31 December 2026: a, c.
    expect(shareSeenWithin(ledger, '2026-12-31', 12)).toBe(50);
    // On 30 June 2026 d was not yet listed: a, b, c; seen after 30 June 2025: a, b (30 December 2025), c (31 December 2025).
    expect(shareSeenWithin(ledger, '2026-06-30', 12)).toBe(100);
    expect(shareSeenWithin(ledger, '2024-12-31', 12)).toBeNull();
    expect(figureValue({ seenWithin: { ledger: 'councils', months: 12 } }, {}, { lastDay: '2026-12-31', ledgers: { councils: ledger } })).toBe(50);
    // By group: a and b in one district (a seen: 50%), c and d in another (c seen: 50%), e in a third (retired: none listed).
    const grouped: Ledger = { ...ledger, group: { a: 'one', b: 'one', c: 'two', d: 'two', e: 'three' } };
    expect(shareSeenWithin(grouped, '2026-12-31', 12, 'one')).toBe(50);
    expect(shareSeenWithin(grouped, '2026-06-30', 12, 'two')).toBe(100);
    expect(shareSeenWithin(grouped, '2026-12-31', 12, 'three')).toBeNull();
    expect(figureValue({ seenWithin: { ledger: 'councils', months: 12, group: 'two' } }, {}, { lastDay: '2026-12-31', ledgers: { councils: grouped } })).toBe(50);
  });
});
