/**
 * Every count of a consultation's results, as one set of linked figures (suppression.ts): the
 * responses and their splits by channel, council area and age band; for each question, those who
 * answered, each answer, "answered other than Don't know", "Any increase", and the same by council
 * area, age band and channel; and the equations that hold between them whatever the answers:
 *
 * - a breakdown's cells add up to the overall figure (for each answer, and for "answered");
 * - a single-choice question's answers add up to those who answered (overall and in each group);
 * - "answered other than Don't know" is answered less "Don't know"; "Any increase" is the increases;
 * - a required question is answered by every respondent (in every group too); a required question
 *   shown only after an answer is answered by exactly those who gave it;
 * - the answers to "What is your age?" are the age-band groups; the council areas are the areas of
 *   the "Council area" table.
 *
 * Suppression is solved once over all of it, so every output (staff page marks, public page, public
 * API, CSV) renders from the one result (results.ts). Shares, intervals and weighted figures are
 * functions of these counts and are shown only when every count behind them is.
 */
import { councilAreaName, councilAreas } from '../core/council-areas.js';
import { ABOUT, ageBands, OUTSIDE_LLR, PREFER_NOT } from './about-you.js';
import { AREA_OPTION_IDS, type CounterNames } from './counting.js';
import { allQuestions } from './definition.js';
import { channels, hasOptions, type ChoiceOption, type Consultation, type Question } from './model.js';
import { LinkedCells } from './suppression.js';

export type DimensionKey = 'a' | 'g' | 'c';

export const areaColumns = (): Array<{ id: string; label: string }> => [
  ...councilAreas.map((a) => ({ id: a.code as string, label: a.name as string })),
  { id: OUTSIDE_LLR.id, label: 'Outside LLR' },
  { id: 'unknown', label: 'Not known' },
];
const ageColumns = () => [...ageBands.filter((b) => b.id !== PREFER_NOT.id).map((b) => ({ id: b.id, label: b.label })), { id: 'unknown', label: 'Not known' }];
const channelColumns = () => channels.map((c) => ({ id: c.id as string, label: c.label as string }));

export const DIMENSIONS = [
  { dimension: 'area' as const, key: 'a' as const, columns: areaColumns },
  { dimension: 'age' as const, key: 'g' as const, columns: ageColumns },
  { dimension: 'channel' as const, key: 'c' as const, columns: channelColumns },
];

/** Figure names. */
export const fig = {
  responses: 'N',
  group: (d: DimensionKey, column: string) => `N|${d}:${column}`,
  answered: (q: string) => `${q}:n`,
  option: (q: string, o: string) => `${q}:o:${o}`,
  withoutDontKnow: (q: string) => `${q}:exdk`,
  anyIncrease: (q: string) => `${q}:any`,
  in: (figure: string, d: DimensionKey, column: string) => `${figure}|${d}:${column}`,
};

/** What it costs to hide a figure, per unit: a total most, then a question's own figures, then a breakdown cell. */
const TOTAL = 100;
const HEADLINE = 10;

export const isSingleChoice = (q: Question) => q.type === 'single' || q.type === 'scale' || q.type === 'precept' || q.type === 'area' || (q.type === 'multiple' && q.maxChoices === 1);
export const isAboutYou = (q: Question) => q.id.startsWith('about-');
/** Own questions are broken down by group; the about-you questions are the groups. */
export const hasBreakdowns = (q: Question, options: readonly ChoiceOption[]) => !isAboutYou(q) && (options.length > 0 || q.type === 'number' || q.type === 'text');
export const increasesOf = (q: Question, options: readonly ChoiceOption[]) => (q.type === 'precept' ? options.filter((o) => (o.increasePence ?? 0) > 0) : []);

type Read = (item: string, name: string) => number;

/** Options counted for a question: its own, plus any seen in the counters (the council-area question's vary). */
export function optionsCounted(q: Question, read: Read, counterName: CounterNames): ChoiceOption[] {
  if (hasOptions(q)) return q.options;
  if (q.type !== 'area') return [];
  return AREA_OPTION_IDS.filter((id) => read('all', counterName.option(q.id, id)) > 0).map((id) => ({ id, label: id === 'outside' ? OUTSIDE_LLR.label : id === 'not-sure' ? 'Not sure' : councilAreaName(id) }));
}

/** The questions with results (the postcode itself is never a result: its council area is). */
export const resultQuestions = (c: Pick<Consultation, 'pages' | 'aboutYou'>) => allQuestions(c).filter((q) => q.id !== ABOUT.postcode);

export function linkedFigures(consultation: Pick<Consultation, 'pages' | 'aboutYou'>, read: Read, counterName: CounterNames): LinkedCells {
  const cells = new LinkedCells();
  cells.cell(fig.responses, read('all', counterName.responses), { weight: TOTAL });
  const postcode = consultation.aboutYou.includes('postcode');
  for (const { key, columns } of DIMENSIONS) {
    const cols = columns();
    // Channels are published; council areas with the postcode question; age bands only as the age question's answers.
    for (const c of cols) cells.cell(fig.group(key, c.id), read(`${key}#${c.id}`, counterName.responses), { published: key === 'c' || (key === 'a' && postcode), weight: TOTAL });
    cells.total(fig.responses, cols.map((c) => fig.group(key, c.id)));
  }

  for (const q of resultQuestions(consultation)) {
    const options = optionsCounted(q, read, counterName);
    const n = fig.answered(q.id);
    cells.cell(n, read('all', counterName.answered(q.id)), { weight: TOTAL });
    for (const o of options) cells.cell(fig.option(q.id, o.id), read('all', counterName.option(q.id, o.id)), { weight: HEADLINE });
    const additive = options.length > 0 && isSingleChoice(q);
    if (additive) cells.total(n, options.map((o) => fig.option(q.id, o.id)));
    const dk = options.find((o) => o.dontKnow);
    if (dk) {
      cells.cell(fig.withoutDontKnow(q.id), cells.value(n) - cells.value(fig.option(q.id, dk.id)), { weight: HEADLINE });
      cells.total(n, [fig.withoutDontKnow(q.id), fig.option(q.id, dk.id)]);
    }
    const increases = increasesOf(q, options);
    if (increases.length) {
      cells.cell(fig.anyIncrease(q.id), increases.reduce((sum, o) => sum + cells.value(fig.option(q.id, o.id)), 0), { weight: HEADLINE });
      cells.total(fig.anyIncrease(q.id), increases.map((o) => fig.option(q.id, o.id)));
    }
    const broken = hasBreakdowns(q, options);
    if (broken) {
      for (const { key, columns } of DIMENSIONS) {
        const cols = columns();
        for (const c of cols) cells.cell(fig.in(n, key, c.id), read(`${key}#${c.id}`, counterName.answered(q.id)));
        cells.total(n, cols.map((c) => fig.in(n, key, c.id)));
        for (const o of options) {
          const option = fig.option(q.id, o.id);
          for (const c of cols) cells.cell(fig.in(option, key, c.id), read(`${key}#${c.id}`, counterName.option(q.id, o.id)));
          cells.total(option, cols.map((c) => fig.in(option, key, c.id)));
        }
        if (additive) for (const c of cols) cells.total(fig.in(n, key, c.id), options.map((o) => fig.in(fig.option(q.id, o.id), key, c.id)));
      }
    }

    // Who must have answered: everyone, or everyone who gave the answer that shows the question.
    if (q.required && !isAboutYou(q)) {
      const shownTo = q.showWhen ? fig.option(q.showWhen.questionId, q.showWhen.optionId) : undefined;
      const whole = shownTo ?? fig.responses;
      if (cells.has(whole)) {
        cells.same(n, whole);
        for (const { key, columns } of broken ? DIMENSIONS : []) {
          for (const c of columns()) {
            const group = shownTo ? fig.in(shownTo, key, c.id) : fig.group(key, c.id);
            if (cells.has(group)) cells.same(fig.in(n, key, c.id), group);
          }
        }
      }
    }
    if (q.id === ABOUT.age) for (const o of options) if (o.id !== PREFER_NOT.id) cells.same(fig.option(q.id, o.id), fig.group('g', o.id));
  }
  return cells;
}
