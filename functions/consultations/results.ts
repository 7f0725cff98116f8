/**
 * Results from the counters, never from the responses: for each question the count and share of
 * each answer with its 95% Wilson interval, of all who answered and without "Don't know"; the number
 * who answered; breakdowns by council area, age band and channel; population-weighted shares beside
 * the unweighted ones, with the effective sample size; and which cells fall under the suppression
 * rule (staff see every number, marked; `forPublic` removes the marked ones for anything that leaves
 * staff view). Pure: the tallies come from store/counters.ts.
 */
import { councilAreaName, councilAreas, type CouncilAreaCode } from '../core/council-areas.js';
import { ABOUT, ageBands, OUTSIDE_LLR } from './about-you.js';
import { AREA_OPTION_IDS, counterNames, view, type CounterNames, type Tallies } from './counting.js';
import { population2021 } from './data/llr-data.js';
import { allQuestions } from './definition.js';
import { channelLabel, channels, hasOptions, type ChoiceOption, type Consultation, type Question } from './model.js';
import { CellSet, weightedShare, wilson, Z95, type Interval } from './statistics.js';

/** A published number: a count with its share of a base and the share's interval. */
export interface Figure {
  /** `null` when suppressed (in output that leaves staff view). */
  count: number | null;
  /** 0–1, of the base it is a share of. */
  share?: number;
  interval?: Interval;
  /** Under the suppression rule (primary or secondary): staff see the number, nobody else does. */
  suppressed?: boolean;
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

const areaColumns = (): Array<{ id: string; label: string }> => [
  ...councilAreas.map((a) => ({ id: a.code as string, label: a.name as string })),
  { id: OUTSIDE_LLR.id, label: 'Outside LLR' },
  { id: 'unknown', label: 'Not known' },
];
const ageColumns = () => [...ageBands.filter((b) => b.id !== 'prefer-not-to-say').map((b) => ({ id: b.id, label: b.label })), { id: 'unknown', label: 'Not known' }];
const channelColumns = () => channels.map((c) => ({ id: c.id as string, label: c.label as string }));

const DIMENSIONS = [
  { dimension: 'area' as const, key: 'a' as const, columns: areaColumns },
  { dimension: 'age' as const, key: 'g' as const, columns: ageColumns },
  { dimension: 'channel' as const, key: 'c' as const, columns: channelColumns },
];

const single = (q: Question) => q.type === 'single' || q.type === 'scale' || q.type === 'precept' || q.type === 'area';

const figure = (count: number, base: number, suppressed: boolean): Figure => ({
  count,
  ...(base > 0 ? { share: count / base, interval: wilson(count, base) } : {}),
  ...(suppressed ? { suppressed: true } : {}),
});

/** Options counted for a question: its own, plus any seen in the counters (the council-area question's vary). */
function optionsCounted(q: Question, read: (item: string, name: string) => number, counterName: CounterNames): ChoiceOption[] {
  if (hasOptions(q)) return q.options;
  if (q.type !== 'area') return [];
  return AREA_OPTION_IDS.filter((id) => read('all', counterName.option(q.id, id)) > 0).map((id) => ({ id, label: id === 'outside' ? OUTSIDE_LLR.label : id === 'not-sure' ? 'Not sure' : councilAreaName(id) }));
}

function questionResult(q: Question, tallies: Tallies, includeFlagged: boolean, threshold: number, weighting: boolean, counterName: CounterNames): QuestionResult {
  const read = view(tallies, includeFlagged);
  const aboutYou = q.id.startsWith('about-');
  const options = optionsCounted(q, read, counterName);
  const n = read('all', counterName.answered(q.id));
  const dk = options.find((o) => o.dontKnow);
  const increases = q.type === 'precept' ? options.filter((o) => (o.increasePence ?? 0) > 0) : [];
  const withBreakdowns = !aboutYou && (options.length > 0 || q.type === 'number' || q.type === 'text');

  // One suppression problem for the question: its overall table and each breakdown share cells.
  const cells = new CellSet();
  cells.cell('n', n);
  for (const o of options) cells.cell(`o:${o.id}`, read('all', counterName.option(q.id, o.id)));
  if (options.length && single(q)) cells.relate('n', options.map((o) => `o:${o.id}`));
  if (dk) {
    cells.cell('exdk', n - read('all', counterName.option(q.id, dk.id)));
    cells.relate('n', ['exdk', `o:${dk.id}`]);
  }
  if (increases.length) {
    cells.cell('any', increases.reduce((sum, o) => sum + read('all', counterName.option(q.id, o.id)), 0));
    cells.relate('any', increases.map((o) => `o:${o.id}`));
  }
  const dimensions = withBreakdowns ? DIMENSIONS : [];
  for (const { key, columns } of dimensions) {
    const cols = columns();
    for (const c of cols) cells.cell(`n|${key}:${c.id}`, read(`${key}#${c.id}`, counterName.answered(q.id)));
    cells.relate('n', cols.map((c) => `n|${key}:${c.id}`));
    for (const o of options) {
      for (const c of cols) cells.cell(`o:${o.id}|${key}:${c.id}`, read(`${key}#${c.id}`, counterName.option(q.id, o.id)));
      cells.relate(`o:${o.id}`, cols.map((c) => `o:${o.id}|${key}:${c.id}`));
    }
    if (options.length && single(q)) for (const c of cols) cells.relate(`n|${key}:${c.id}`, options.map((o) => `o:${o.id}|${key}:${c.id}`));
  }
  const hidden = cells.suppressed(threshold);
  const value = (key: string) => cells.values[cells.cell(key, 0)]!;

  const exdk = dk ? value('exdk') : 0;
  const optionResults: OptionResult[] = options.map((o) => {
    const count = value(`o:${o.id}`);
    return {
      id: o.id,
      label: o.label,
      ...(o.dontKnow ? { dontKnow: true } : {}),
      all: figure(count, n, hidden.has(`o:${o.id}`)),
      ...(dk && !o.dontKnow ? { withoutDontKnow: figure(count, exdk, hidden.has(`o:${o.id}`) || hidden.has('exdk')) } : {}),
    };
  });

  // Weighting by council-area population: over the LLR areas with answers.
  let effectiveN: number | undefined;
  if (weighting && withBreakdowns && options.length) {
    const strata = (id: string) =>
      councilAreas.map((a) => ({ weight: population2021[a.code as CouncilAreaCode], x: read(`a#${a.code}`, counterName.option(q.id, id)), n: read(`a#${a.code}`, counterName.answered(q.id)) }));
    for (const result of optionResults) {
      const w = weightedShare(strata(result.id));
      if (!w) continue;
      effectiveN = w.effectiveN;
      const anyAreaCellHidden = councilAreas.some((a) => hidden.has(`o:${result.id}|a:${a.code}`) || hidden.has(`n|a:${a.code}`));
      result.weighted = { share: w.share, ...(w.interval ? { interval: w.interval } : {}), ...(anyAreaCellHidden ? { suppressed: true } : {}) };
    }
  }

  let anyIncrease: OptionResult | undefined;
  if (increases.length) {
    anyIncrease = {
      id: 'any-increase',
      label: 'Any increase',
      all: figure(value('any'), n, hidden.has('any')),
      ...(dk ? { withoutDontKnow: figure(value('any'), exdk, hidden.has('any') || hidden.has('exdk')) } : {}),
    };
    if (weighting) {
      const w = weightedShare(
        councilAreas.map((a) => ({
          weight: population2021[a.code as CouncilAreaCode],
          x: increases.reduce((sum, o) => sum + read(`a#${a.code}`, counterName.option(q.id, o.id)), 0),
          n: read(`a#${a.code}`, counterName.answered(q.id)),
        })),
      );
      const anyAreaCellHidden = councilAreas.some((a) => increases.some((o) => hidden.has(`o:${o.id}|a:${a.code}`)) || hidden.has(`n|a:${a.code}`));
      if (w) anyIncrease.weighted = { share: w.share, ...(w.interval ? { interval: w.interval } : {}), ...(anyAreaCellHidden ? { suppressed: true } : {}) };
    }
  }

  let mean: QuestionResult['mean'];
  if (q.type === 'number' && n > 0) {
    const sum = read('all', counterName.sum(q.id));
    const squares = read('all', counterName.sumOfSquares(q.id));
    const m = sum / n;
    const variance = n > 1 ? Math.max(0, (squares - n * m * m) / (n - 1)) : 0;
    const half = n > 1 ? (Z95 * Math.sqrt(variance)) / Math.sqrt(n) : undefined;
    mean = { value: m, ...(half !== undefined ? { interval: { low: m - half, high: m + half } } : {}) };
  }

  const breakdowns: Breakdown[] = dimensions.map(({ dimension, key, columns }) => {
    const cols = columns();
    return {
      dimension,
      columns: cols.map((c) => ({ id: c.id, label: c.label, answered: figure(value(`n|${key}:${c.id}`), 0, hidden.has(`n|${key}:${c.id}`)) })),
      rows: options.map((o) => ({
        id: o.id,
        label: o.label,
        cells: cols.map((c) => figure(value(`o:${o.id}|${key}:${c.id}`), value(`n|${key}:${c.id}`), hidden.has(`o:${o.id}|${key}:${c.id}`) || hidden.has(`n|${key}:${c.id}`))),
      })),
    };
  });

  return {
    id: q.id,
    text: q.text,
    type: q.type,
    aboutYou,
    answered: figure(n, 0, hidden.has('n')),
    ...(dk ? { answeredWithoutDontKnow: figure(exdk, 0, hidden.has('exdk')) } : {}),
    options: optionResults,
    ...(anyIncrease ? { anyIncrease } : {}),
    ...(mean ? { mean: hidden.has('n') ? { ...mean, suppressed: true } : mean } : {}),
    breakdowns,
    ...(effectiveN !== undefined ? { effectiveN } : {}),
  };
}

/** Council area of respondents, derived from their postcodes (the `a#…` counter items' response counts). */
function derivedAreaResult(tallies: Tallies, includeFlagged: boolean, threshold: number, counterName: CounterNames): QuestionResult {
  const read = view(tallies, includeFlagged);
  const total = read('all', counterName.responses);
  const cols = areaColumns();
  const cells = new CellSet();
  cells.cell('n', total);
  for (const c of cols) cells.cell(`o:${c.id}`, read(`a#${c.id}`, counterName.responses));
  cells.relate('n', cols.map((c) => `o:${c.id}`));
  const hidden = cells.suppressed(threshold);
  return {
    id: 'derived-area',
    text: 'Council area (from the first part of the postcode)',
    type: 'derived-area',
    aboutYou: true,
    answered: figure(total, 0, hidden.has('n')),
    options: cols.map((c) => ({ id: c.id, label: c.label, all: figure(cells.values[cells.cell(`o:${c.id}`, 0)]!, total, hidden.has(`o:${c.id}`)) })),
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
  const responses = read('all', counterName.responses);
  const flaggedResponses = tallies.F.get('all')?.[counterName.responses] ?? 0;

  const channelCells = new CellSet();
  channelCells.cell('n', responses);
  for (const c of channels) channelCells.cell(c.id, read(`c#${c.id}`, counterName.responses));
  channelCells.relate('n', channels.map((c) => c.id));
  const channelHidden = channelCells.suppressed(threshold);

  const questions = allQuestions(consultation)
    .filter((q) => q.id !== ABOUT.postcode)
    .map((q) => questionResult(q, tallies, includeFlagged, threshold, consultation.weighting, counterName));
  if (consultation.aboutYou.includes('postcode')) questions.push(derivedAreaResult(tallies, includeFlagged, threshold, counterName));
  return {
    consultationId: consultation.id,
    includeFlagged,
    responses: figure(responses, 0, channelHidden.has('n')),
    flaggedResponses,
    byChannel: channels.map((c) => ({ id: c.id, label: channelLabel(c.id), count: figure(read(`c#${c.id}`, counterName.responses), responses, channelHidden.has(c.id)) })),
    questions,
    suppressionThreshold: threshold,
    weighting: consultation.weighting,
  };
}

// ---------------------------------------------------------------------------------------------------
// For anything that leaves staff view

const hide = (f: Figure): Figure => (f.suppressed ? { count: null, suppressed: true } : f);

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
    questions: results.questions.map((q) => ({
      ...q,
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
