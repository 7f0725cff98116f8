/**
 * Test support (no route imports it): published results as an attacker sees them. Every count that
 * leaves staff view is written as a linear equation over the cells of the data (each question's
 * answers by council area, by age band and by channel, with "not answered" as a cell, and the
 * respondents in each group), beside what anyone knows from the questionnaire itself: a respondent
 * is in one group of each kind, a required question is answered by everyone it is shown to, a
 * question shown after "Yes" is answered only by those who said "Yes", the age question's answers
 * are the age bands, each multiple-choice answer chooses 1 to max options. Then, for each hidden
 * count:
 *
 * - rank: is it a combination of the equations (its vector in their row space)? Exact rational
 *   arithmetic (integers, normalised by their gcd, checked against overflow).
 * - bounds: the smallest and largest it can be over non-negative cells meeting every equation
 *   (a linear program, HiGHS). A range of width 0 gives it away as surely as a rank does; a range
 *   inside 1 to threshold − 1 still says "a small count".
 *
 * The model here is built from the questionnaire's definition and the published structure's ids,
 * not from figures.ts, so a link the suppression forgot shows up as a determined cell.
 */
import { councilAreas } from '../core/council-areas.js';
import { ABOUT, ageBands, OUTSIDE_LLR, PREFER_NOT } from './about-you.js';
import { AREA_OPTION_IDS } from './counting.js';
import { allQuestions } from './definition.js';
import { channels, hasOptions, type Consultation, type Question } from './model.js';
import type { Figure, QuestionResult, Results } from './results.js';
import loadHighs from 'highs';

type Form = Map<number, number>;
type Dim = 'a' | 'g' | 'c';

const COLUMNS: Record<Dim, string[]> = {
  a: [...councilAreas.map((a) => a.code as string), OUTSIDE_LLR.id, 'unknown'],
  g: [...ageBands.filter((b) => b.id !== PREFER_NOT.id).map((b) => b.id), 'unknown'],
  c: channels.map((c) => c.id as string),
};
const DIMS: Dim[] = ['a', 'g', 'c'];
const dimOf: Record<string, Dim> = { area: 'a', age: 'g', channel: 'c' };

const sum = (...forms: Form[]): Form => {
  const out: Form = new Map();
  for (const f of forms) for (const [i, c] of f) out.set(i, (out.get(i) ?? 0) + c);
  for (const [i, c] of out) if (c === 0) out.delete(i);
  return out;
};
const scale = (f: Form, k: number): Form => new Map([...f].map(([i, c]) => [i, c * k]));

/** The cells of the data and what is known about them. */
class Space {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  /** Equations: structural ones (= 0) and published figures (= their value). */
  readonly rows: Array<{ form: Form; value: number; name: string }> = [];

  v(name: string): Form {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return new Map([[i, 1]]);
  }
  /** `left` = `right`, for any data. */
  equal(left: Form, right: Form, name: string): void {
    const form = sum(left, scale(right, -1));
    if (form.size) this.rows.push({ form, value: 0, name });
  }
  /** `left` ≤ `right`: a slack cell takes up the difference. */
  atMost(left: Form, right: Form, name: string): void {
    this.equal(sum(left, this.v(`slack ${name}`)), right, name);
  }
}

interface Cells {
  answered(d: Dim, column: string): Form;
  option(o: string, d: Dim, column: string): Form;
}

function overall(cells: Cells, pick: (c: Cells, d: Dim, column: string) => Form): Form {
  return sum(...COLUMNS.c.map((column) => pick(cells, 'c', column)));
}

/** The data's cells and what the questionnaire says about them, from the consultation's definition alone. */
function modelOf(consultation: Pick<Consultation, 'pages' | 'aboutYou'>): { space: Space; respondents: Form; group: (d: Dim, c: string) => Form; own: Map<string, Cells>; about: Map<string, Form> } {
  const space = new Space();
  const group = (d: Dim, column: string) => space.v(`respondents ${d}:${column}`);
  const respondents = sum(...COLUMNS.c.map((c) => group('c', c)));
  for (const d of ['a', 'g'] as const) space.equal(sum(...COLUMNS[d].map((c) => group(d, c))), respondents, `everyone is in one group of ${d}`);
  const own = new Map<string, Cells>();
  const about = new Map<string, Form>();
  const questions = allQuestions(consultation).filter((q) => q.id !== ABOUT.postcode);
  for (const q of questions) {
    if (q.id.startsWith('about-')) {
      // No breakdowns are published for these: their answers overall.
      const ids = q.type === 'area' ? AREA_OPTION_IDS : hasOptions(q) ? q.options.map((o) => o.id) : [];
      ids.forEach((o) => about.set(`${q.id}|${o}`, space.v(`${q.id} ${o}`)));
      about.set(`${q.id}|`, sum(...ids.map((o) => about.get(`${q.id}|${o}`)!)));
      space.atMost(about.get(`${q.id}|`)!, respondents, `${q.id} answered by respondents`);
      if (q.id === ABOUT.age) {
        for (const b of ageBands) if (b.id !== PREFER_NOT.id) space.equal(about.get(`${q.id}|${b.id}`)!, group('g', b.id), `age band ${b.id}`);
      }
      if (q.type === 'area') {
        for (const o of ids) space.atMost(about.get(`${q.id}|${o}`)!, group('a', o === 'not-sure' ? 'unknown' : o), `${q.id} ${o} lives there`);
      }
      continue;
    }
    own.set(q.id, ownCells(space, q, group));
  }
  // Who answers: everyone (required), or only those who gave the answer that shows it (all of them when required).
  for (const q of questions) {
    const cells = own.get(q.id);
    if (!cells) continue;
    for (const d of DIMS) {
      for (const column of COLUMNS[d]) {
        const shownTo = q.showWhen ? own.get(q.showWhen.questionId)?.option(q.showWhen.optionId, d, column) : group(d, column);
        if (!shownTo) continue;
        if (q.required) space.equal(cells.answered(d, column), shownTo, `${q.id} required ${d}:${column}`);
        else space.atMost(cells.answered(d, column), shownTo, `${q.id} shown ${d}:${column}`);
      }
    }
  }
  return { space, respondents, group, own, about };
}

function ownCells(space: Space, q: Question, group: (d: Dim, c: string) => Form): Cells {
  const options = hasOptions(q) ? q.options.map((o) => o.id) : [];
  const single = q.type !== 'multiple' || q.maxChoices === 1;
  const answered = (d: Dim, column: string) => (options.length && single ? sum(...options.map((o) => space.v(`${q.id} ${o} ${d}:${column}`))) : space.v(`${q.id} answered ${d}:${column}`));
  const option = (o: string, d: Dim, column: string) => space.v(`${q.id} ${o} ${d}:${column}`);
  for (const d of DIMS) {
    for (const column of COLUMNS[d]) {
      space.equal(sum(answered(d, column), space.v(`${q.id} not answered ${d}:${column}`)), group(d, column), `${q.id} answered or not ${d}:${column}`);
      if (q.type === 'multiple' && !single) {
        for (const o of options) space.atMost(option(o, d, column), answered(d, column), `${q.id} ${o} chosen by those answering ${d}:${column}`);
        const chosen = sum(...options.map((o) => option(o, d, column)));
        space.atMost(answered(d, column), chosen, `${q.id} at least one ${d}:${column}`);
        space.atMost(chosen, scale(answered(d, column), q.maxChoices), `${q.id} at most ${q.maxChoices} ${d}:${column}`);
      }
    }
  }
  // The same people, however they are grouped.
  const total = (d: Dim, pick: (d: Dim, column: string) => Form) => sum(...COLUMNS[d].map((column) => pick(d, column)));
  for (const d of ['a', 'g'] as const) {
    space.equal(total(d, (dd, c) => space.v(`${q.id} not answered ${dd}:${c}`)), total('c', (dd, c) => space.v(`${q.id} not answered ${dd}:${c}`)), `${q.id} not answered ${d} = c`);
    if (options.length) for (const o of options) space.equal(total(d, (dd, c) => option(o, dd, c)), total('c', (dd, c) => option(o, dd, c)), `${q.id} ${o} ${d} = c`);
    else space.equal(total(d, answered), total('c', answered), `${q.id} answered ${d} = c`);
    if (options.length && !single) space.equal(total(d, answered), total('c', answered), `${q.id} answered ${d} = c`);
  }
  return { answered, option };
}

export interface HiddenFigure {
  name: string;
  form: Form;
  value?: number;
}

export interface Walked {
  space: Space;
  hidden: HiddenFigure[];
  shown: number;
  /** Shares, intervals, weighted shares, effective sample sizes or means shown beside a hidden count they come from. */
  problems: string[];
}

/** Every count in the published results, as an equation (shown) or an unknown to protect (hidden). */
export function walk(consultation: Pick<Consultation, 'pages' | 'aboutYou'>, published: Results): Walked {
  const { space, respondents, group, own, about } = modelOf(consultation);
  const hidden: HiddenFigure[] = [];
  const problems: string[] = [];
  let shown = 0;
  const take = (name: string, figure: Figure, form: Form) => {
    if (figure.count === null) hidden.push({ name, form });
    else {
      shown++;
      space.rows.push({ form, value: figure.count, name });
    }
  };
  const shareOf = (name: string, figure: Figure | undefined, base: Figure | undefined) => {
    if (figure && (figure.share !== undefined || figure.interval !== undefined) && (figure.count === null || !base || base.count === null)) problems.push(`${name}: a share or interval beside a hidden count or base`);
  };
  take('responses', published.responses, respondents);
  for (const ch of published.byChannel) {
    take(`responses ${ch.id}`, ch.count, group('c', ch.id));
    shareOf(`responses ${ch.id}`, ch.count, published.responses);
  }
  for (const q of published.questions) {
    if (q.id === 'derived-area') {
      take('derived-area answered', q.answered, respondents);
      for (const o of q.options) {
        take(`derived-area ${o.id}`, o.all, group('a', o.id));
        shareOf(`derived-area ${o.id}`, o.all, q.answered);
      }
      continue;
    }
    const cells = own.get(q.id);
    if (!cells) {
      take(`${q.id} answered`, q.answered, about.get(`${q.id}|`)!);
      const listed = new Set(q.options.map((o) => o.id));
      for (const o of q.options) {
        take(`${q.id} ${o.id}`, o.all, about.get(`${q.id}|${o.id}`)!);
        shareOf(`${q.id} ${o.id}`, o.all, q.answered);
      }
      // Options left off the list (the council-area question lists those chosen) are known to be none.
      for (const [key, form] of about) if (key.startsWith(`${q.id}|`) && key !== `${q.id}|` && !listed.has(key.slice(q.id.length + 1))) space.rows.push({ form, value: 0, name: `${key} not listed` });
      continue;
    }
    const definition = allQuestions(consultation).find((x) => x.id === q.id)!;
    const increases = hasOptions(definition) ? definition.options.filter((o) => (o.increasePence ?? 0) > 0).map((o) => o.id) : [];
    ownFigures(q, increases, cells, take, shareOf, problems);
  }
  return { space, hidden, shown, problems };
}

function ownFigures(q: QuestionResult, increases: string[], cells: Cells, take: (name: string, f: Figure, form: Form) => void, shareOf: (name: string, f: Figure | undefined, base: Figure | undefined) => void, problems: string[]): void {
  const answered = overall(cells, (c, d, column) => c.answered(d, column));
  const option = (id: string) => overall(cells, (c, d, column) => c.option(id, d, column));
  take(`${q.id} answered`, q.answered, answered);
  const dk = q.options.find((o) => o.dontKnow);
  if (q.answeredWithoutDontKnow && dk) take(`${q.id} answered other than don't know`, q.answeredWithoutDontKnow, sum(answered, scale(option(dk.id), -1)));
  for (const o of [...q.options, ...(q.anyIncrease ? [q.anyIncrease] : [])]) {
    const form = o.id === 'any-increase' ? sum(...increases.map(option)) : option(o.id);
    take(`${q.id} ${o.id}`, o.all, form);
    shareOf(`${q.id} ${o.id}`, o.all, q.answered);
    shareOf(`${q.id} ${o.id} without don't know`, o.withoutDontKnow, q.answeredWithoutDontKnow);
  }
  for (const b of q.breakdowns) {
    const d = dimOf[b.dimension]!;
    b.columns.forEach((column, i) => {
      take(`${q.id} answered ${d}:${column.id}`, column.answered, cells.answered(d, column.id));
      for (const row of b.rows) {
        take(`${q.id} ${row.id} ${d}:${column.id}`, row.cells[i]!, cells.option(row.id, d, column.id));
        shareOf(`${q.id} ${row.id} ${d}:${column.id}`, row.cells[i], column.answered);
      }
    });
  }
  // Weighted figures and the effective sample size are worked out from the council areas' cells.
  const area = q.breakdowns.find((b) => b.dimension === 'area');
  const llr = (area?.columns ?? []).map((c, i) => ({ c, i })).filter(({ c }) => councilAreas.some((a) => a.code === c.id));
  const areaHidden = (rowIds: string[]) => llr.some(({ c, i }) => c.answered.count === null || rowIds.some((id) => area!.rows.find((r) => r.id === id)!.cells[i]!.count === null));
  for (const o of [...q.options, ...(q.anyIncrease ? [q.anyIncrease] : [])]) {
    const rows = o.id === 'any-increase' ? increases : [o.id];
    if (o.weighted && areaHidden(rows)) problems.push(`${q.id} ${o.id}: a weighted share from hidden council-area cells`);
  }
  if (q.effectiveN !== undefined && areaHidden([])) problems.push(`${q.id}: an effective sample size from hidden council-area counts`);
  if (q.mean && q.answered.count === null) problems.push(`${q.id}: a mean beside a hidden count`);
}

// ---------------------------------------------------------------------------------------------------
// Rank, exactly

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

/** Rows in echelon form over the integers (a rational row space, kept as integer rows divided by their gcd). */
class Echelon {
  private readonly pivots: Array<{ column: number; row: Form }> = [];

  reduce(form: Form): Form {
    let row = new Map(form);
    for (const { column, row: pivot } of this.pivots) {
      const c = row.get(column);
      if (c === undefined) continue;
      const p = pivot.get(column)!;
      const next: Form = new Map();
      for (const [i, v] of row) next.set(i, v * p);
      for (const [i, v] of pivot) next.set(i, (next.get(i) ?? 0) - v * c);
      let g = 0;
      for (const [i, v] of next) {
        if (v === 0) next.delete(i);
        else g = gcd(g, v);
      }
      for (const [i, v] of next) {
        const reduced = v / g;
        if (!Number.isSafeInteger(reduced) || Math.abs(reduced) > 2 ** 40) throw new Error('Coefficients grew too large for exact arithmetic');
        next.set(i, reduced);
      }
      row = next;
    }
    return row;
  }

  add(form: Form): void {
    const row = this.reduce(form);
    const column = row.keys().next();
    if (!column.done) this.pivots.push({ column: column.value, row });
  }
}

export interface Range {
  name: string;
  low: number;
  high: number;
}

export interface Audit {
  shown: number;
  hidden: number;
  /** Hidden counts the shown ones give back exactly (their vector lies in the equations' row space). */
  determined: string[];
  /** Hidden counts whose range over non-negative cells is a single value. */
  pinned: Range[];
  /** Hidden counts whose whole range lies from 1 to threshold − 1 (it says "a small count"). */
  small: Range[];
  /** Every hidden count's range (with `bounds`). */
  ranges: Range[];
  problems: string[];
}

/** Audits published results: rank always; bounds (a linear program per hidden count, both ways) when asked. */
export async function audit(consultation: Pick<Consultation, 'pages' | 'aboutYou' | 'suppressionThreshold'>, published: Results, options: { bounds?: boolean } = {}): Promise<Audit> {
  const { space, hidden, shown, problems } = walk(consultation, published);
  const echelon = new Echelon();
  for (const row of space.rows) echelon.add(row.form);
  const determined = hidden.filter((h) => echelon.reduce(h.form).size === 0).map((h) => h.name);
  const ranges = options.bounds ? await bounds(space, hidden) : [];
  const T = consultation.suppressionThreshold;
  const EPS = 1e-6;
  return {
    shown,
    hidden: hidden.length,
    determined,
    pinned: ranges.filter((r) => r.high - r.low < EPS),
    small: ranges.filter((r) => r.low > EPS && r.high < T - EPS),
    ranges,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------------
// Bounds: a linear program per hidden count

const term = (c: number, i: number) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} x${i}`;

async function bounds(space: Space, hidden: HiddenFigure[]): Promise<Range[]> {
  const highs = await loadHighs();
  const lp = [
    'Minimize',
    ` obj: ${space.names.map((_, i) => `+ 0 x${i}`).join(' ')}`,
    'Subject To',
    ...space.rows.map((r, k) => ` r${k}: ${[...r.form].map(([i, c]) => term(c, i)).join(' ')} = ${r.value}`),
    'End',
  ].join('\n');
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex' });
    const columns = space.names.map((_, i) => model.getColByName(`x${i}`));
    const solve = (form: Form, sense: 'minimize' | 'maximize') => {
      model.changeObjectiveSense(highs.constants.objectiveSense[sense]);
      for (const [i, c] of form) model.changeColCost(columns[i]!, c);
      model.run();
      const status = model.getModelStatus();
      const value = model.getObjectiveValue();
      for (const [i] of form) model.changeColCost(columns[i]!, 0);
      // Nothing bounds it that way (a count nobody published a total for): as protected as can be.
      if (status === highs.constants.modelStatus.unbounded || status === highs.constants.modelStatus.unboundedOrInfeasible) return sense === 'maximize' ? Infinity : -Infinity;
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`The published figures do not fit the model (status ${status})`);
      return value;
    };
    return hidden.map((h) => ({ name: h.name, low: solve(h.form, 'minimize'), high: solve(h.form, 'maximize') }));
  } finally {
    model.dispose();
  }
}
