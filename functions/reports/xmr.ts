/**
 * XmR (individuals and moving range) process-behaviour charts, after Donald J. Wheeler, to say when a
 * change in a figure is a signal and when it is the routine variation every figure has. The limits
 * come from the figures themselves (no assumed distribution), which is why they suit a dozen or two
 * quarterly figures the office reports.
 *
 *   const chart = xmr(quarters.map((q) => ({ label: q.label, shortLabel: q.shortLabel, value: count(q) })), { lowerBound: 0 });
 *   chart.sentence // "The latest figure, 6, is below the lower natural process limit (8.4): a signal, not routine variation."
 *   chart.points[11].signals // [{ rule: 'outside-limits', side: 'below' }, { rule: 'large-change', side: 'below' }]
 */
import { formatNumber, ordinal } from './format.js';

/**
 * The natural process limits are the mean ± 3 sigma, sigma estimated as mR̄ / d2 with d2 = 1.128 for
 * moving ranges of two values: 3 / 1.128 = 2.66 (Wheeler, Understanding Variation).
 */
export const NATURAL_LIMIT_FACTOR = 2.66;
/** The upper range limit is D4 × mR̄, D4 = 3.268 for ranges of two values; the moving ranges have no lower limit. */
export const RANGE_LIMIT_FACTOR = 3.268;
/**
 * Wheeler's run rule: eight successive values on the same side of the central line are a signal
 * (Detection Rule Three in Wheeler's "Understanding Variation" and "Making Sense of Data"). A value
 * exactly on the mean belongs to neither side and ends a run.
 */
export const RUN_LENGTH = 8;
/** Wheeler's Detection Rule Two: three out of four successive values closer to the same limit than to the mean. */
export const NEAR_LIMIT_COUNT = 3;
export const NEAR_LIMIT_WINDOW = 4;
/**
 * Fewer figures than this and the limits would say more about chance than about the process: the
 * chart is drawn without limits and the sentence says there are not enough to judge. Wheeler calls
 * limits from so few values "soft" but usable; six is where they stop moving a lot with each new one.
 */
export const MIN_POINTS = 6;

export interface XmrInput {
  /** The period in full, for tables and sentences: "October to December 2026". */
  label: string;
  /** For the chart's axis: "Oct to Dec 2026". */
  shortLabel?: string;
  value: number;
}

export interface XmrOptions {
  /** The least the figure can be (0 for a count): a natural process limit below it is raised to it. */
  lowerBound?: number;
  /** The most the figure can be (100 for a percentage): a limit above it is lowered to it. */
  upperBound?: number;
  /** Wheeler's rule two (three of four near a limit); on unless turned off. */
  nearLimitRule?: boolean;
  /** Decimal places in sentences and labels; 1 unless said. */
  decimals?: number;
  /** What one period is called in sentences. */
  period?: { one: string; many: string };
}

/**
 * Which of the rules a point breaks. `side` is where it is (above or below the mean or a limit); for
 * a large change, the direction it moved in.
 */
export type SignalRule = 'outside-limits' | 'large-change' | 'run' | 'near-limit';
export interface Signal {
  rule: SignalRule;
  side: 'above' | 'below';
}

export interface XmrPoint extends XmrInput {
  /** |this value − the one before|; none for the first point. */
  movingRange?: number;
  signals: Signal[];
}

export interface XmrLimits {
  mean: number;
  /** mR̄: the mean of the moving ranges. */
  averageMovingRange: number;
  /** The natural process limits as drawn (after any bound). */
  upper: number;
  lower: number;
  /** The limits as computed, before a bound moved them. */
  computedUpper: number;
  computedLower: number;
  /** Whether a bound took the place of a computed limit: it is then a boundary no point can pass. */
  upperBounded: boolean;
  lowerBounded: boolean;
  /** The upper range limit for the moving ranges. */
  upperRange: number;
}

/** `signal`: the latest figure breaks a rule; `routine`: it does not; `no-variation`: every figure is the same. */
export type Verdict = 'signal' | 'routine' | 'no-variation' | 'not-enough';

export interface XmrChart {
  points: XmrPoint[];
  /** Absent when there are fewer than MIN_POINTS figures. */
  limits?: XmrLimits;
  verdict: Verdict;
  /** One plain-English sentence about the latest figure. */
  sentence: string;
  decimals: number;
  period: { one: string; many: string };
}

const QUARTERS = { one: 'quarter', many: 'quarters' };
const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function xmr(input: readonly XmrInput[], options: XmrOptions = {}): XmrChart {
  for (const p of input) if (!Number.isFinite(p.value)) throw new RangeError(`Not a figure for ${p.label}: ${p.value}`);
  const decimals = options.decimals ?? 1;
  const period = options.period ?? QUARTERS;
  const points: XmrPoint[] = input.map((p, i) => ({ ...p, ...(i > 0 ? { movingRange: Math.abs(p.value - input[i - 1]!.value) } : {}), signals: [] }));
  const base = { points, decimals, period };
  if (points.length < MIN_POINTS) {
    const sentence = points.length === 0 ? 'There are no figures yet.' : `There are not enough ${period.many} to judge yet: ${points.length} of the ${MIN_POINTS} needed.`;
    return { ...base, verdict: 'not-enough', sentence };
  }
  const limits = limitsOf(points, options);
  markSignals(points, limits, options.nearLimitRule ?? true);
  const { verdict, sentence } = describeLatest(points, limits, decimals, period);
  return { ...base, limits, verdict, sentence };
}

function limitsOf(points: XmrPoint[], options: XmrOptions): XmrLimits {
  const mean = average(points.map((p) => p.value));
  const averageMovingRange = average(points.slice(1).map((p) => p.movingRange!));
  const computedUpper = mean + NATURAL_LIMIT_FACTOR * averageMovingRange;
  const computedLower = mean - NATURAL_LIMIT_FACTOR * averageMovingRange;
  const upperBounded = options.upperBound !== undefined && computedUpper > options.upperBound;
  const lowerBounded = options.lowerBound !== undefined && computedLower < options.lowerBound;
  return {
    mean,
    averageMovingRange,
    upper: upperBounded ? options.upperBound! : computedUpper,
    lower: lowerBounded ? options.lowerBound! : computedLower,
    computedUpper,
    computedLower,
    upperBounded,
    lowerBounded,
    upperRange: RANGE_LIMIT_FACTOR * averageMovingRange,
  };
}

const sideOf = (value: number, mean: number) => (value > mean ? 'above' : value < mean ? 'below' : undefined);

function markSignals(points: XmrPoint[], limits: XmrLimits, nearLimitRule: boolean) {
  const add = (i: number, signal: Signal) => {
    if (!points[i]!.signals.some((s) => s.rule === signal.rule)) points[i]!.signals.push(signal);
  };
  // Rule one: beyond a natural process limit. A bound is a boundary, which no value passes.
  points.forEach((p, i) => {
    if (p.value > limits.upper) add(i, { rule: 'outside-limits', side: 'above' });
    if (p.value < limits.lower) add(i, { rule: 'outside-limits', side: 'below' });
  });
  // A moving range above its upper limit: a change too big for routine variation.
  points.forEach((p, i) => {
    if (i > 0 && p.movingRange! > limits.upperRange) add(i, { rule: 'large-change', side: p.value > points[i - 1]!.value ? 'above' : 'below' });
  });
  // Runs: every point of a run of RUN_LENGTH or more on one side of the mean.
  let runStart = 0;
  for (let i = 1; i <= points.length; i++) {
    const side = sideOf(points[runStart]!.value, limits.mean);
    if (i < points.length && side && sideOf(points[i]!.value, limits.mean) === side) continue;
    if (side && i - runStart >= RUN_LENGTH) for (let j = runStart; j < i; j++) add(j, { rule: 'run', side });
    runStart = i;
  }
  if (!nearLimitRule) return;
  // Rule two: 3 of 4 successive values beyond the halfway line between the mean and a limit. The
  // halfway line comes from the computed limit: next to a boundary (a count near 0), values at the
  // boundary are routine, not "close to a limit".
  const upperHalfway = (limits.mean + limits.computedUpper) / 2;
  const lowerHalfway = (limits.mean + limits.computedLower) / 2;
  for (let i = 0; i + NEAR_LIMIT_WINDOW <= points.length; i++) {
    const window = points.slice(i, i + NEAR_LIMIT_WINDOW).map((p, k) => ({ p, index: i + k }));
    for (const [side, beyond] of [
      ['above', (v: number) => v > upperHalfway],
      ['below', (v: number) => v < lowerHalfway],
    ] as const) {
      const near = window.filter(({ p }) => beyond(p.value));
      if (near.length >= NEAR_LIMIT_COUNT) for (const { index } of near) add(index, { rule: 'near-limit', side });
    }
  }
}

function describeLatest(points: XmrPoint[], limits: XmrLimits, decimals: number, period: { one: string; many: string }): { verdict: Verdict; sentence: string } {
  const f = (v: number) => formatNumber(v, decimals);
  const latest = points.at(-1)!;
  const before = points.at(-2)!;
  const has = (rule: SignalRule) => latest.signals.find((s) => s.rule === rule);
  const signal = (text: string) => ({ verdict: 'signal' as const, sentence: `${text}: a signal, not routine variation.` });
  if (limits.averageMovingRange === 0) return { verdict: 'no-variation', sentence: `Every figure is ${f(latest.value)}, so there is no variation to judge.` };

  const outside = has('outside-limits');
  if (outside?.side === 'above') return signal(`The latest figure, ${f(latest.value)}, is above the upper natural process limit (${f(limits.upper)})`);
  if (outside?.side === 'below') return signal(`The latest figure, ${f(latest.value)}, is below the lower natural process limit (${f(limits.lower)})`);
  if (has('large-change')) {
    return signal(`The latest change, from ${f(before.value)} to ${f(latest.value)}, is larger than the upper range limit (${f(limits.upperRange)})`);
  }
  const run = has('run');
  if (run) {
    let length = 1;
    while (length < points.length && sideOf(points[points.length - 1 - length]!.value, limits.mean) === run.side) length++;
    return {
      verdict: 'signal',
      sentence: `The latest figure, ${f(latest.value)}, is the ${ordinal(length)} ${period.one} in a row ${run.side} the mean (${f(limits.mean)}): a sustained shift, not routine variation.`,
    };
  }
  const near = has('near-limit');
  if (near) {
    const limit = near.side === 'above' ? limits.computedUpper : limits.computedLower;
    const count = points.slice(-NEAR_LIMIT_WINDOW).filter((p) => p.signals.some((s) => s.rule === 'near-limit' && s.side === near.side)).length;
    return signal(
      `The latest figure, ${f(latest.value)}, makes ${count} of the last ${NEAR_LIMIT_WINDOW} ${period.many} closer to the ${near.side === 'above' ? 'upper' : 'lower'} limit (${f(limit)}) than to the mean (${f(limits.mean)})`,
    );
  }
  return { verdict: 'routine', sentence: `The latest change is within normal variation (limits ${f(limits.lower)} to ${f(limits.upper)}).` };
}

/** A signal in words, for tables: "Below the lower limit", "8 or more in a row above the mean". */
export function describeSignal(signal: Signal): string {
  switch (signal.rule) {
    case 'outside-limits':
      return signal.side === 'above' ? 'Above the upper limit' : 'Below the lower limit';
    case 'large-change':
      return signal.side === 'above' ? 'Rise larger than the range limit' : 'Fall larger than the range limit';
    case 'run':
      return `${RUN_LENGTH} or more in a row ${signal.side} the mean`;
    case 'near-limit':
      return `${NEAR_LIMIT_COUNT} of ${NEAR_LIMIT_WINDOW} near the ${signal.side === 'above' ? 'upper' : 'lower'} limit`;
  }
}
