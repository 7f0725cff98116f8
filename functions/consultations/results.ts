/**
 * Results from the counters, never from the responses: for each question the count and share of
 * each answer with its 95% Wilson interval, of all who answered and without "Don't know"; the number
 * who answered; breakdowns by council area, age band and channel; population-weighted shares beside
 * the unweighted ones, with the effective sample size; and which cells fall under the suppression
 * rule (staff see every number, marked; `forPublic` removes the marked ones for anything that leaves
 * staff view). Pure: the tallies come from store/counters.ts.
 */
import { councilAreas, type CouncilAreaCode } from '../core/council-areas.js';
import { counterNames, view, type CounterNames, type Tallies } from './counting.js';
import { population2021 } from './data/llr-data.js';
import { areaColumns, DIMENSIONS, fig, hasBreakdowns, increasesOf, isAboutYou, linkedFigures, optionsCounted, resultQuestions } from './figures.js';
import { channelLabel, channels, type Consultation, type Question } from './model.js';
import { weightedShare, wilson, Z95, type Interval } from './statistics.js';

type Read = (item: string, name: string) => number;

/** A published number: a count with its share of a base and the share's interval. */
export interface Figure {
  /** `null` when suppressed (in output that leaves staff view). */
  count: number | null;
  /** 0–1, of the base it is a share of. */
  share?: number;
  interval?: Interval;
  /** Under the suppression rule (primary or secondary): staff see the number, nobody else does. */
  suppressed?: boolean;
  /** The count is shown but the base of its share is suppressed: the share and interval (which would give the base away) are for staff only. */
  shareSuppressed?: boolean;
}

export interface Weighted {
  share: number;
  interval?: Interval;
  /** A council-area cell behind it is suppressed: shown to staff only. */
  suppressed?: boolean;
}

export interface OptionResult {
  id: string;
  label: string;
  dontKnow?: boolean;
  /** Share of everyone who answered the question. */
  all: Figure;
  /** Share of those who answered other than "Don't know" (questions that offer it). */
  withoutDontKnow?: Figure;
  /** Weighted by council-area population (when the consultation weights results). `null` when suppressed. */
  weighted?: Weighted | null;
}

export interface Breakdown {
  dimension: 'area' | 'age' | 'channel';
  columns: Array<{ id: string; label: string; answered: Figure }>;
  rows: Array<{ id: string; label: string; cells: Figure[] }>;
}

export interface QuestionResult {
  id: string;
  text: string;
  type: Question['type'] | 'derived-area';
  aboutYou: boolean;
  answered: Figure;
  answeredWithoutDontKnow?: Figure;
  options: OptionResult[];
  /** Precept questions: everyone choosing any increase, as one figure (the headline). */
  anyIncrease?: OptionResult;
  /** Number questions: the mean with its 95% interval (normal approximation). */
  mean?: { value: number; interval?: Interval; suppressed?: boolean } | null;
  breakdowns: Breakdown[];
  /** Weighted results: Kish's effective sample size behind the weighted shares. */
  effectiveN?: number;
  /** It comes from council-area counts of which some are suppressed: staff only. */
  effectiveNSuppressed?: boolean;
}

export interface Results {
  consultationId: string;
  includeFlagged: boolean;
  responses: Figure;
  flaggedResponses: number;
  byChannel: Array<{ id: string; label: string; count: Figure }>;
  questions: QuestionResult[];
  suppressionThreshold: number;
  weighting: boolean;
}

const figure = (count: number, base: number | undefined, suppressed: boolean, baseSuppressed = false): Figure => ({
  count,
  ...(base !== undefined && base > 0 ? { share: count / base, interval: wilson(count, base) } : {}),
  ...(suppressed ? { suppressed: true } : {}),
  ...(!suppressed && baseSuppressed && base !== undefined ? { shareSuppressed: true } : {}),
});

function questionResult(q: Question, read: Read, figures: { value: (key: string) => number; hidden: ReadonlySet<string> }, weighting: boolean, counterName: CounterNames): QuestionResult {
  const { value, hidden } = figures;
  const options = optionsCounted(q, read, counterName);
  const nKey = fig.answered(q.id);
  const n = value(nKey);
  const dk = options.find((o) => o.dontKnow);
  const increases = increasesOf(q, options);
  const withBreakdowns = hasBreakdowns(q, options);
  /** A count, with its share of a base: the share (and its interval) only where both are shown. */
  const of = (key: string, baseKey?: string) => figure(value(key), baseKey ? value(baseKey) : undefined, hidden.has(key), baseKey ? hidden.has(baseKey) : false);

  const optionResults: OptionResult[] = options.map((o) => ({
    id: o.id,
    label: o.label,
    ...(o.dontKnow ? { dontKnow: true } : {}),
    all: of(fig.option(q.id, o.id), nKey),
    ...(dk && !o.dontKnow ? { withoutDontKnow: of(fig.option(q.id, o.id), fig.withoutDontKnow(q.id)) } : {}),
  }));

  // Weighting by council-area population, over the LLR areas with answers: shown only when every count behind it is.
  let effectiveN: number | undefined;
  const areaHidden = (keys: string[]) => councilAreas.some((a) => keys.some((k) => hidden.has(fig.in(k, 'a', a.code))));
  const strata = (x: (area: string) => number) => councilAreas.map((a) => ({ weight: population2021[a.code as CouncilAreaCode], x: x(a.code), n: value(fig.in(nKey, 'a', a.code)) }));
  const weighted = (parts: string[]): Weighted | undefined => {
    const w = weightedShare(strata((area) => parts.reduce((sum, k) => sum + value(fig.in(k, 'a', area)), 0)));
    if (!w) return undefined;
    effectiveN = w.effectiveN;
    return { share: w.share, ...(w.interval ? { interval: w.interval } : {}), ...(areaHidden([nKey, ...parts]) ? { suppressed: true } : {}) };
  };
  if (weighting && withBreakdowns && options.length) {
    for (const result of optionResults) {
      const w = weighted([fig.option(q.id, result.id)]);
      if (w) result.weighted = w;
    }
  }

  let anyIncrease: OptionResult | undefined;
  if (increases.length) {
    const w = weighting && withBreakdowns ? weighted(increases.map((o) => fig.option(q.id, o.id))) : undefined;
    anyIncrease = {
      id: 'any-increase',
      label: 'Any increase',
      all: of(fig.anyIncrease(q.id), nKey),
      ...(dk ? { withoutDontKnow: of(fig.anyIncrease(q.id), fig.withoutDontKnow(q.id)) } : {}),
      ...(w ? { weighted: w } : {}),
    };
  }

  let mean: QuestionResult['mean'];
  if (q.type === 'number' && n > 0) {
    const sum = read('all', counterName.sum(q.id));
    const squares = read('all', counterName.sumOfSquares(q.id));
    const m = sum / n;
    const variance = n > 1 ? Math.max(0, (squares - n * m * m) / (n - 1)) : 0;
    const half = n > 1 ? (Z95 * Math.sqrt(variance)) / Math.sqrt(n) : undefined;
    mean = { value: m, ...(half !== undefined ? { interval: { low: m - half, high: m + half } } : {}), ...(hidden.has(nKey) ? { suppressed: true } : {}) };
  }

  const breakdowns: Breakdown[] = (withBreakdowns ? DIMENSIONS : []).map(({ dimension, key, columns }) => {
    const cols = columns();
    return {
      dimension,
      columns: cols.map((c) => ({ id: c.id, label: c.label, answered: of(fig.in(nKey, key, c.id)) })),
      rows: options.map((o) => ({ id: o.id, label: o.label, cells: cols.map((c) => of(fig.in(fig.option(q.id, o.id), key, c.id), fig.in(nKey, key, c.id))) })),
    };
  });

  return {
    id: q.id,
    text: q.text,
    type: q.type,
    aboutYou: isAboutYou(q),
    answered: of(nKey),
    ...(dk ? { answeredWithoutDontKnow: of(fig.withoutDontKnow(q.id)) } : {}),
    options: optionResults,
    ...(anyIncrease ? { anyIncrease } : {}),
    ...(mean ? { mean } : {}),
    breakdowns,
    // The effective sample size comes from the areas' answered counts: shown only when they are.
    ...(effectiveN !== undefined ? { effectiveN, ...(areaHidden([nKey]) ? { effectiveNSuppressed: true } : {}) } : {}),
  };
}

/** Council area of respondents, derived from their postcodes (the `a#…` counter items' response counts). */
function derivedAreaResult(figures: { value: (key: string) => number; hidden: ReadonlySet<string> }): QuestionResult {
  const of = (key: string, baseKey?: string) => figure(figures.value(key), baseKey ? figures.value(baseKey) : undefined, figures.hidden.has(key), baseKey ? figures.hidden.has(baseKey) : false);
  return {
    id: 'derived-area',
    text: 'Council area (from the first part of the postcode)',
    type: 'derived-area',
    aboutYou: true,
    answered: of(fig.responses),
    options: areaColumns().map((c) => ({ id: c.id, label: c.label, all: of(fig.group('a', c.id), fig.responses) })),
    breakdowns: [],
  };
}

export function buildResults(
  consultation: Pick<Consultation, 'id' | 'pages' | 'aboutYou' | 'suppressionThreshold' | 'weighting'>,
  tallies: Tallies,
  options: { includeFlagged: boolean },
): Results {
  const { includeFlagged } = options;
  const threshold = consultation.suppressionThreshold;
  const read = view(tallies, includeFlagged);
  const counterName = counterNames(consultation);
  // One suppression problem for every figure of every question and table.
  const cells = linkedFigures(consultation, read, counterName);
  const figures = { value: (key: string) => cells.value(key), hidden: cells.suppressed(threshold) };
  const of = (key: string, baseKey?: string) => figure(figures.value(key), baseKey ? figures.value(baseKey) : undefined, figures.hidden.has(key), baseKey ? figures.hidden.has(baseKey) : false);

  const questions = resultQuestions(consultation).map((q) => questionResult(q, read, figures, consultation.weighting, counterName));
  if (consultation.aboutYou.includes('postcode')) questions.push(derivedAreaResult(figures));
  return {
    consultationId: consultation.id,
    includeFlagged,
    responses: of(fig.responses),
    flaggedResponses: tallies.F.get('all')?.[counterName.responses] ?? 0,
    byChannel: channels.map((c) => ({ id: c.id, label: channelLabel(c.id), count: of(fig.group('c', c.id), fig.responses) })),
    questions,
    suppressionThreshold: threshold,
    weighting: consultation.weighting,
  };
}

// ---------------------------------------------------------------------------------------------------
// For anything that leaves staff view

function hide(f: Figure): Figure {
  if (f.suppressed) return { count: null, suppressed: true };
  if (!f.shareSuppressed) return f;
  // A share of a suppressed base (0 of n, with its interval) would give n away.
  const { share: _share, interval: _interval, shareSuppressed: _marked, ...rest } = f;
  return rest;
}

const hideWeighted = (w: Weighted | null | undefined): Weighted | null | undefined => (w?.suppressed ? null : w);

function hideOption(o: OptionResult): OptionResult {
  return {
    ...o,
    all: hide(o.all),
    ...(o.withoutDontKnow ? { withoutDontKnow: hide(o.withoutDontKnow) } : {}),
    ...(o.weighted !== undefined ? { weighted: hideWeighted(o.weighted) } : {}),
  };
}

/** The results with every suppressed number taken out (not just marked): for the public page, public API and exports. */
export function forPublic(results: Results): Results {
  return {
    ...results,
    responses: hide(results.responses),
    byChannel: results.byChannel.map((c) => ({ ...c, count: hide(c.count) })),
    questions: results.questions.map(({ effectiveN, effectiveNSuppressed, ...q }) => ({
      ...q,
      // Worked out from council-area counts: shown only when every one of them is.
      ...(effectiveN !== undefined && !effectiveNSuppressed ? { effectiveN } : {}),
      answered: hide(q.answered),
      ...(q.answeredWithoutDontKnow ? { answeredWithoutDontKnow: hide(q.answeredWithoutDontKnow) } : {}),
      options: q.options.map(hideOption),
      ...(q.anyIncrease ? { anyIncrease: hideOption(q.anyIncrease) } : {}),
      ...(q.mean !== undefined ? { mean: q.mean?.suppressed ? null : q.mean } : {}),
      breakdowns: q.breakdowns.map((b) => ({
        ...b,
        columns: b.columns.map((c) => ({ ...c, answered: hide(c.answered) })),
        rows: b.rows.map((r) => ({ ...r, cells: r.cells.map(hide) })),
      })),
    })),
  };
}
