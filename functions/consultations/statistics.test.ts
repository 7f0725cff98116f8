import { describe, expect, it } from 'vitest';
import { effectiveSampleSize, weightedShare, wilson } from './statistics.js';

describe('Wilson score intervals (95%)', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 17:857–872, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: %f to %f', (x, n, low, high) => {
    const interval = wilson(x, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('is symmetric, stays within 0 to 100%, and has nothing to say about no answers', () => {
    const a = wilson(58, 100)!;
    const b = wilson(42, 100)!;
    expect(a.low).toBeCloseTo(1 - b.high, 10);
    expect(wilson(20, 20)!.high).toBe(1);
    expect(wilson(0, 0)).toBeUndefined();
    expect(a.low).toBeCloseTo(0.4821, 4);
    expect(a.high).toBeCloseTo(0.672, 4);
  });
});

describe('weighting by population', () => {
  it('counts each area by its population, with Kish’s effective sample size', () => {
    // Populations 300 and 100; 5 of 10 say yes in the first area, 30 of 30 in the second.
    const w = weightedShare([
      { weight: 300, x: 5, n: 10 },
      { weight: 100, x: 30, n: 30 },
    ])!;
    expect(w.share).toBeCloseTo(0.75 * 0.5 + 0.25 * 1, 12);
    // Respondent weights are 3 (area 1) and 1/3 (area 2): (Σw)²/Σw² = 40² / (10·9 + 30/9).
    expect(w.effectiveN).toBeCloseTo(17.142857, 5);
    expect(effectiveSampleSize([...Array(10).fill(3), ...Array(30).fill(1 / 3)])).toBeCloseTo(w.effectiveN, 9);
    expect(w.n).toBe(40);
    expect(w.interval!.low).toBeLessThan(w.share);
    expect(w.interval!.high).toBeGreaterThan(w.share);
  });

  it('equals the unweighted share, with the full sample, when respondents match the population', () => {
    const w = weightedShare([
      { weight: 2, x: 10, n: 20 },
      { weight: 1, x: 4, n: 10 },
    ])!;
    expect(w.share).toBeCloseTo(14 / 30, 12);
    expect(w.effectiveN).toBeCloseTo(30, 9);
  });

  it('leaves out areas nobody from answered, and renormalises the rest', () => {
    const w = weightedShare([
      { weight: 500, x: 0, n: 0 },
      { weight: 100, x: 3, n: 4 },
    ])!;
    expect(w.share).toBeCloseTo(0.75, 12);
    expect(w.effectiveN).toBeCloseTo(4, 9);
    expect(weightedShare([{ weight: 1, x: 0, n: 0 }])).toBeUndefined();
  });
});
