/**
 * The statistics results are made of, as pure functions: Wilson score intervals, weighting by
 * council-area population with Kish's effective sample size, and small-number suppression with
 * secondary suppression. No storage, no HTTP: results.ts feeds them counts.
 *
 *   wilson(58, 100)                        // { low: 0.4821, high: 0.6720 } (95%)
 *   weightedShare([{ weight: 0.7, x: 5, n: 10 }, { weight: 0.3, x: 9, n: 12 }])
 *   suppress([3, 12, 15], [[0, 1, 2]], 10) // [true, true, false]: 3 is small, and 12 would give it away
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for a proportion `x / n` (Wilson 1927; Newcombe 1998 method 3). Unlike
 * p ± 1.96·SE it stays inside 0–1 and behaves at small counts and at 0% or 100%. `n` may be a
 * non-integer effective sample size (weighted results), with `p` given directly.
 */
export function wilsonInterval(p: number, n: number, z = Z95): Interval | undefined {
  if (!(n > 0) || !(p >= 0 && p <= 1)) return undefined;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export const wilson = (x: number, n: number, z = Z95): Interval | undefined => (n > 0 ? wilsonInterval(x / n, n, z) : undefined);

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

// ---------------------------------------------------------------------------------------------------
// Suppression

/** A count is too small to publish when it is from 1 to threshold − 1 (zeros are shown). */
export const isSmall = (value: number, threshold: number) => value > 0 && value < threshold;

/**
 * Which cells of a set of published counts to suppress. `relations` lists the additive links between
 * published cells (each: the indices of one total and its parts, e.g. a row total and the row's
 * cells); knowing all but one member of a relation gives the last away. So:
 *
 * 1. primary: every count from 1 to threshold − 1;
 * 2. secondary: while some relation has exactly one suppressed member, suppress one more of its
 *    members: the smallest non-zero count (the least information lost), else the smallest at all.
 *
 * It ends with no relation holding exactly one suppressed cell, so no suppressed cell equals a
 * published total minus published cells. (It is the standard "no lone suppressed cell in a line"
 * rule; interval bounds from several relations together are not solved for.)
 */
export function suppress(values: readonly number[], relations: readonly (readonly number[])[], threshold: number): boolean[] {
  const hidden = values.map((v) => isSmall(v, threshold));
  for (let changed = true; changed; ) {
    changed = false;
    for (const relation of relations) {
      const members = [...new Set(relation)];
      if (members.filter((i) => hidden[i]).length !== 1) continue;
      const candidates = members.filter((i) => !hidden[i]).sort((a, b) => rank(values[a]!) - rank(values[b]!) || a - b);
      const pick = candidates[0];
      if (pick === undefined) continue;
      hidden[pick] = true;
      changed = true;
    }
  }
  return hidden;
}

/** Smallest non-zero first, zeros last. */
const rank = (value: number) => (value > 0 ? value : Number.MAX_SAFE_INTEGER);

/**
 * Cells by name, and the relations between them, for building one suppression problem out of several
 * tables that share cells (a question's overall counts appear in each of its breakdowns).
 */
export class CellSet {
  private readonly index = new Map<string, number>();
  readonly values: number[] = [];
  readonly relations: number[][] = [];

  cell(key: string, value: number): number {
    const known = this.index.get(key);
    if (known !== undefined) return known;
    this.index.set(key, this.values.length);
    this.values.push(value);
    return this.values.length - 1;
  }

  /** `total = sum of parts`, all of them published. */
  relate(total: string, parts: readonly string[]): void {
    const ids = [total, ...parts].map((k) => this.index.get(k));
    if (ids.some((i) => i === undefined)) throw new Error(`Relate cells first: ${[total, ...parts].join(', ')}`);
    this.relations.push(ids as number[]);
  }

  /** The names of the cells to suppress. */
  suppressed(threshold: number): Set<string> {
    const hidden = suppress(this.values, this.relations, threshold);
    return new Set([...this.index].filter(([, i]) => hidden[i]).map(([key]) => key));
  }
}
