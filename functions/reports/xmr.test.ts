import { describe, expect, it } from 'vitest';
import { formatNumber, ordinal } from './format.js';
import { describeSignal, MIN_POINTS, RUN_LENGTH, xmr, type XmrChart } from './xmr.js';

const series = (values: number[]) => values.map((value, i) => ({ label: `Period ${i + 1}`, value }));
const signalled = (chart: XmrChart) => chart.points.flatMap((p, i) => (p.signals.length ? [[i + 1, p.signals.map((s) => `${s.rule}:${s.side}`).join(' ')]] : []));

describe('XmR limits, checked against a hand-worked example', () => {
  /*
   * Twelve quarters of a count: 14, 15, 13, 14, 16, 15, 13, 14, 16, 15, 14, 6.
   *
   * Mean: 14 + 15 + 13 + 14 + 16 + 15 + 13 + 14 + 16 + 15 + 14 = 159, + 6 = 165; 165 / 12 = 13.75.
   * Moving ranges (|difference from the quarter before|): 1, 2, 1, 2, 1, 2, 1, 2, 1, 1, 8.
   *   Sum: 1+2+1+2+1+2+1+2+1+1 = 14, + 8 = 22; mR̄ = 22 / 11 = 2.
   * Natural process limits: 13.75 ± 2.66 × 2 = 13.75 ± 5.32 → 8.43 to 19.07.
   * Upper range limit: 3.268 × 2 = 6.536.
   * Halfway lines (for 3 of 4 near a limit): 13.75 ± 2.66 → 11.09 and 16.41. No 16 passes 16.41.
   *
   * The last quarter, 6, is below 8.43 (rule one), and its moving range, 8, is above 6.536: a signal.
   * No run: the values cross the mean (13 and 6 are below it) well within every 8.
   */
  const handWorked = [14, 15, 13, 14, 16, 15, 13, 14, 16, 15, 14, 6];

  it('gives the mean, mR̄, the natural process limits and the upper range limit', () => {
    const chart = xmr(series(handWorked), { lowerBound: 0 });
    expect(chart.limits?.mean).toBe(13.75);
    expect(chart.limits?.averageMovingRange).toBe(2);
    expect(chart.limits?.upper).toBeCloseTo(19.07, 10);
    expect(chart.limits?.lower).toBeCloseTo(8.43, 10);
    expect(chart.limits?.upperRange).toBeCloseTo(6.536, 10);
    expect(chart.limits?.lowerBounded).toBe(false);
    expect(chart.points.map((p) => p.movingRange)).toEqual([undefined, 1, 2, 1, 2, 1, 2, 1, 2, 1, 1, 8]);
  });

  it('marks the last quarter as a signal and says so', () => {
    const chart = xmr(series(handWorked), { lowerBound: 0 });
    expect(signalled(chart)).toEqual([[12, 'outside-limits:below large-change:below']]);
    expect(chart.verdict).toBe('signal');
    expect(chart.sentence).toBe('The latest figure, 6, is below the lower natural process limit (8.4): a signal, not routine variation.');
  });

  it('calls a latest figure inside the limits routine variation', () => {
    // Without the last quarter: 159 / 11 = 14.4545...; moving ranges 1,2,1,2,1,2,1,2,1,1 → 14 / 10 = 1.4;
    // limits 14.4545 ± 3.724 → 10.73 to 18.18.
    const chart = xmr(series(handWorked.slice(0, -1)));
    expect(chart.limits?.averageMovingRange).toBeCloseTo(1.4, 10);
    expect(signalled(chart)).toEqual([]);
    expect(chart.verdict).toBe('routine');
    expect(chart.sentence).toBe('The latest change is within normal variation (limits 10.7 to 18.2).');
  });
});

describe('the other detection rules', () => {
  it(`a run of ${RUN_LENGTH} on one side of the mean`, () => {
    /*
     * 8, 12, 7, 11, 9, 10, then 11, 12, 13, 11, 12, 13, 11, 12.
     * Mean: 57 + 95 = 152; 152 / 14 = 10.857. The last eight are all above it; 10 before them is below.
     * Moving ranges: 4, 5, 4, 2, 1, 1, 1, 1, 2, 1, 1, 2, 1 = 26; mR̄ = 26 / 13 = 2.
     * Limits 10.857 ± 5.32 → 5.54 to 16.18 (nothing outside); halfway lines 8.20 and 13.52: below 8.20
     * only 8 and 7 (2 of 4), above 13.52 nothing; largest moving range 5 < 6.536.
     */
    const chart = xmr(series([8, 12, 7, 11, 9, 10, 11, 12, 13, 11, 12, 13, 11, 12]));
    expect(chart.limits?.averageMovingRange).toBe(2);
    expect(signalled(chart).map(([i]) => i)).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    expect(chart.points[13]!.signals).toEqual([{ rule: 'run', side: 'above' }]);
    expect(chart.sentence).toBe('The latest figure, 12, is the 8th quarter in a row above the mean (10.9): a sustained shift, not routine variation.');
  });

  it('seven in a row is not a run, and a value on the mean breaks one', () => {
    expect(signalled(xmr(series([8, 12, 7, 11, 9, 10, 8, 11, 12, 13, 11, 12, 13, 11])))).toEqual([]);
    // Mean 10 exactly (sum 160 over 16): the 10 among the nine high values is on the mean, leaving
    // four above it on either side. With 11 in its place (mean 10.0625) the nine are one run.
    const highs = (middle: number) => [7, 8, 7, 6, 8, 7, 7, 12, 13, 12, 13, middle, 12, 13, 12, 13];
    const broken = xmr(series(highs(10)));
    expect(broken.limits?.mean).toBe(10);
    expect(broken.points.some((p) => p.signals.some((s) => s.rule === 'run'))).toBe(false);
    const unbroken = xmr(series(highs(11)));
    expect(unbroken.points.flatMap((p, i) => (p.signals.some((s) => s.rule === 'run') ? [i + 1] : []))).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('three of four closer to a limit than to the mean', () => {
    /*
     * 9, 10, 7, 9, 7, 8, 13, 11, 13, 13: sum 100, mean 10.
     * Moving ranges 1, 3, 2, 2, 1, 5, 2, 2, 0 = 18; mR̄ = 2. Limits 4.68 to 15.32, halfway 7.34 and 12.66.
     * The last four (13, 11, 13, 13) have three above 12.66; no window has three below 7.34 (7, 7 only).
     */
    const values = [9, 10, 7, 9, 7, 8, 13, 11, 13, 13];
    const chart = xmr(series(values));
    expect(chart.limits).toMatchObject({ mean: 10, averageMovingRange: 2 });
    expect(signalled(chart)).toEqual([
      [7, 'near-limit:above'],
      [9, 'near-limit:above'],
      [10, 'near-limit:above'],
    ]);
    expect(chart.sentence).toBe('The latest figure, 13, makes 3 of the last 4 quarters closer to the upper limit (15.3) than to the mean (10): a signal, not routine variation.');
    // The rule is optional: without it the same figures are routine.
    const withoutRule = xmr(series(values), { nearLimitRule: false });
    expect(signalled(withoutRule)).toEqual([]);
    expect(withoutRule.sentence).toBe('The latest change is within normal variation (limits 4.7 to 15.3).');
  });

  it('a change larger than the upper range limit, even when the figure stays inside the limits', () => {
    /*
     * 10, 11, 10, 11, 10, 11, 12, 13, 14, 7: sum 109, mean 10.9.
     * Moving ranges 1 × 8 and 7 = 15; mR̄ = 15 / 9 = 1.667; upper range limit 3.268 × 1.667 = 5.45.
     * Limits 10.9 ± 4.433 → 6.47 to 15.33, so 7 is inside them, but the fall of 7 is above 5.45.
     */
    const chart = xmr(series([10, 11, 10, 11, 10, 11, 12, 13, 14, 7]));
    expect(chart.limits?.upperRange).toBeCloseTo((3.268 * 15) / 9, 10);
    expect(signalled(chart)).toEqual([[10, 'large-change:below']]);
    expect(chart.sentence).toBe('The latest change, from 14 to 7, is larger than the upper range limit (5.4): a signal, not routine variation.');
  });

  it('a figure above the upper limit', () => {
    // The hand-worked series with 24 last: mean (159 + 24) / 12 = 15.25; mR̄ (14 + 10) / 11 = 2.18; upper 15.25 + 5.80 = 21.05.
    const chart = xmr(series([...handWorkedPrefix(), 24]));
    expect(chart.points.at(-1)!.signals[0]).toEqual({ rule: 'outside-limits', side: 'above' });
    expect(chart.sentence).toBe('The latest figure, 24, is above the upper natural process limit (21.1): a signal, not routine variation.');
  });
});

function handWorkedPrefix() {
  return [14, 15, 13, 14, 16, 15, 13, 14, 16, 15, 14];
}

describe('figures that cannot go below zero', () => {
  /*
   * 1, 0, 3, 0, 2, 1, 0, 4: mean 11 / 8 = 1.375; moving ranges 1, 3, 3, 2, 1, 1, 4 = 15, mR̄ = 2.143.
   * Computed limits 1.375 ± 5.7 → -4.33 to 7.08. A count cannot be negative, so the lower limit is 0.
   */
  const counts = [1, 0, 3, 0, 2, 1, 0, 4];

  it('floors the lower limit at the bound when asked, and says so', () => {
    const chart = xmr(series(counts), { lowerBound: 0 });
    expect(chart.limits).toMatchObject({ lower: 0, lowerBounded: true });
    expect(chart.limits?.computedLower).toBeCloseTo(1.375 - (2.66 * 15) / 7, 10);
    expect(chart.sentence).toBe('The latest change is within normal variation (limits 0 to 7.1).');
    expect(xmr(series(counts)).sentence).toBe('The latest change is within normal variation (limits -4.3 to 7.1).');
  });

  it('zeros at the boundary are not "close to the lower limit"', () => {
    // 1, 0, 1, 0, 2, 0, 0, 3: mean 7 / 8 = 0.875; moving ranges 1, 1, 1, 2, 2, 0, 3 = 10, mR̄ = 1.43.
    // Halfway to the floored limit (0) would be 0.44, and 0, 2, 0, 0 has three zeros below it: a false
    // alarm. Halfway to the computed limit (0.875 - 3.80 = -2.93) is -1.03, which no count reaches.
    const chart = xmr(series([1, 0, 1, 0, 2, 0, 0, 3]), { lowerBound: 0 });
    expect(signalled(chart)).toEqual([]);
  });

  it('an upper bound caps a percentage’s limit at 100', () => {
    const chart = xmr(series([96, 99, 92, 100, 95, 98, 91, 99]), { lowerBound: 0, upperBound: 100, decimals: 0 });
    expect(chart.limits).toMatchObject({ upper: 100, upperBounded: true, lowerBounded: false });
    expect(chart.sentence).toMatch(/^The latest change is within normal variation \(limits \d+ to 100\)\.$/);
  });
});

describe('too few figures, or no variation', () => {
  it(`says there are not enough quarters below ${MIN_POINTS}, and draws no limits`, () => {
    const chart = xmr(series([3, 5, 4, 6]));
    expect(chart.limits).toBeUndefined();
    expect(chart.verdict).toBe('not-enough');
    expect(chart.sentence).toBe('There are not enough quarters to judge yet: 4 of the 6 needed.');
    expect(chart.points.map((p) => p.movingRange)).toEqual([undefined, 2, 1, 2]);
    expect(xmr(series([1, 2, 3, 4, 5, 6])).verdict).toBe('routine');
  });

  it('names the period it was given', () => {
    expect(xmr(series([3, 5]), { period: { one: 'year', many: 'years' } }).sentence).toBe('There are not enough years to judge yet: 2 of the 6 needed.');
    expect(xmr([]).sentence).toBe('There are no figures yet.');
  });

  it('a flat series has mR̄ 0 and nothing to judge', () => {
    const chart = xmr(series([5, 5, 5, 5, 5, 5, 5]));
    expect(chart.limits).toMatchObject({ mean: 5, averageMovingRange: 0, upper: 5, lower: 5, upperRange: 0 });
    expect(signalled(chart)).toEqual([]);
    expect(chart.verdict).toBe('no-variation');
    expect(chart.sentence).toBe('Every figure is 5, so there is no variation to judge.');
  });

  it('refuses a value that is not a number, naming its period', () => {
    expect(() => xmr([...series([1, 2, 3]), { label: 'July to September 2026', value: Number.NaN }])).toThrow('Not a figure for July to September 2026');
  });
});

describe('words', () => {
  it('formats numbers and ordinals as a report reads them', () => {
    expect([formatNumber(8.43), formatNumber(1234.5, 0), formatNumber(6), formatNumber(-0.04), formatNumber(2.25, 2)]).toEqual(['8.4', '1,235', '6', '0', '2.25']);
    expect([1, 2, 3, 4, 8, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal).join(' ')).toBe('1st 2nd 3rd 4th 8th 11th 12th 13th 21st 22nd 23rd 101st 111th');
  });

  it('describes each signal for a table', () => {
    expect(describeSignal({ rule: 'outside-limits', side: 'below' })).toBe('Below the lower limit');
    expect(describeSignal({ rule: 'run', side: 'above' })).toBe('8 or more in a row above the mean');
    expect(describeSignal({ rule: 'near-limit', side: 'above' })).toBe('3 of 4 near the upper limit');
    expect(describeSignal({ rule: 'large-change', side: 'above' })).toBe('Rise larger than the range limit');
  });
});
