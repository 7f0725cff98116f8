/**
 * The statistics results are made of, as pure functions: Wilson score intervals, and weighting by
 * council-area population with Kish's effective sample size. No storage, no HTTP: results.ts feeds
 * them counts. Small-number suppression is suppression.ts.
 *
 *   wilson(58, 100)                        // { low: 0.4821, high: 0.6720 } (95%)
 *   weightedShare([{ weight: 0.7, x: 5, n: 10 }, { weight: 0.3, x: 9, n: 12 }])
 */

// Wilson's interval is core's (core/statistics.ts): the office's reports and meetings' feedback results use it too.
import { wilsonInterval, type Interval } from '../core/statistics.js';
export { wilson, wilsonInterval, Z95, type Interval } from '../core/statistics.js';

// ---------------------------------------------------------------------------------------------------
// Weighting

export interface Stratum {
  /** The stratum's share of the population (weights need not sum to 1: they are normalised over strata with answers). */
  weight: number;
  /** Respondents in the stratum giving the answer, and answering at all. */
  x: number;
  n: number;
}

export interface WeightedShare {
  /** The population-weighted proportion: Σ W·(x/n) over strata with answers. */
  share: number;
  /** Kish's effective sample size, (Σw)² / Σw²: what the weighted sample is worth, never more than n. */
  effectiveN: number;
  interval?: Interval;
  /** Respondents behind it (those in a stratum with a weight). */
  n: number;
}

/**
 * Post-stratification: each respondent in stratum h gets weight W_h·n/n_h, so every stratum counts in
 * proportion to its population whatever its share of respondents. Strata without respondents are left
 * out and the others' weights renormalised (so the estimate speaks for the areas that answered). The
 * interval is Wilson's at the effective sample size, which is 1 / Σ(W_h² / n_h).
 */
export function weightedShare(strata: readonly Stratum[]): WeightedShare | undefined {
  const answered = strata.filter((s) => s.n > 0 && s.weight > 0);
  const total = answered.reduce((sum, s) => sum + s.weight, 0);
  if (!answered.length || total <= 0) return undefined;
  let share = 0;
  let inverseN = 0;
  for (const s of answered) {
    const w = s.weight / total;
    share += (w * s.x) / s.n;
    inverseN += (w * w) / s.n;
  }
  const effectiveN = 1 / inverseN;
  return { share, effectiveN, interval: wilsonInterval(Math.min(1, Math.max(0, share)), effectiveN), n: answered.reduce((sum, s) => sum + s.n, 0) };
}

/** Kish's effective sample size of a set of respondent weights: (Σw)² / Σw². */
export function effectiveSampleSize(weights: readonly number[]): number {
  const sum = weights.reduce((a, b) => a + b, 0);
  const squares = weights.reduce((a, b) => a + b * b, 0);
  return squares > 0 ? (sum * sum) / squares : 0;
}
