/**
 * Confidence intervals for a proportion, shared by what counts answers: consultations' results
 * (consultations/statistics.ts adds weighting), the feedback summaries meetings show, and the office's
 * reports (a headline share with its 95% margin of error).
 *
 *   wilson(58, 100)   // { low: 0.4821, high: 0.6720 } (95%)
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
