/**
 * What each response adds to the consultation's counters, and how counters read back into tallies.
 *
 * Counters live in small items, one per breakdown value (council area `a#…`, age band `g#…`, channel
 * `c#…`), in each of the consultation's shards (store/counters.ts): a response adds to three items of
 * one shard, chosen at random, in the same transaction that stores it. The channel items together
 * give the totals (`all`). Inside an item, counters are named:
 *
 *   n                     responses
 *   q:<question>          answered the question
 *   o:<question>:<option> chose the option
 *   s:<question>, ss:<question>   sum and sum of squares of a number question's answers
 *
 * A response flagged as a possible duplicate adds to the same counters with `!` before the name
 * (family `F`; the others are `U`), so results can include or leave out flagged responses.
 */
import { councilAreaCodes } from '../core/council-areas.js';
import { ageBandOf, ageBands, areaOf, PREFER_NOT } from './about-you.js';
import { allQuestions } from './definition.js';
import { channels, hasOptions, type Answers, type AreaValue, type Channel, type Consultation, type Question } from './model.js';

export type Family = 'U' | 'F';
export type Dimension = 'a' | 'g' | 'c';
export type Counters = Record<string, number>;

export interface CounterAdd {
  /** The counter item within a shard, e.g. `a#E06000016`, `g#25-34`, `c#online`. */
  item: string;
  /** Counter names (with `!` for a flagged response) and what to add. */
  adds: Counters;
}

export const FLAGGED = '!';

/** The council-area question's options, whatever the postcode: every area, outside LLR, not sure. */
export const AREA_OPTION_IDS: readonly string[] = [...councilAreaCodes, 'outside', 'not-sure'];

const optionIdsOf = (q: Question): readonly string[] => (q.type === 'area' ? AREA_OPTION_IDS : hasOptions(q) ? q.options.map((o) => o.id) : []);

export interface CounterNames {
  responses: string;
  answered(questionId: string): string;
  option(questionId: string, optionId: string): string;
  sum(questionId: string): string;
  sumOfSquares(questionId: string): string;
}

/** Counter names for a consultation's questions (see above). */
export function counterNames(consultation: Pick<Consultation, 'pages' | 'aboutYou'>): CounterNames {
  const questions = allQuestions(consultation);
  const position = new Map(questions.map((q, i) => [q.id, i.toString(36)]));
  const options = new Map(questions.map((q) => [q.id, new Map(optionIdsOf(q).map((id, j) => [id, j.toString(36)]))]));
  const at = (questionId: string) => {
    const p = position.get(questionId);
    if (p === undefined) throw new Error(`No question ${questionId} to count`);
    return p;
  };
  return {
    responses: 'n',
    answered: (q) => `a${at(q)}`,
    option: (q, o) => {
      const j = options.get(q)?.get(o);
      if (j === undefined) throw new Error(`No option ${o} of question ${q} to count`);
      return `o${at(q)}.${j}`;
    },
    sum: (q) => `s${at(q)}`,
    sumOfSquares: (q) => `t${at(q)}`,
  };
}

export interface Classified {
  area: AreaValue;
  ageBand: string;
  channel: Channel;
  flagged: boolean;
}

/** The counters one response adds to, in each item it touches. */
export function responseCounters(consultation: Pick<Consultation, 'pages' | 'aboutYou'>, answers: Answers, who: Classified): CounterAdd[] {
  const counterName = counterNames(consultation);
  const adds: Counters = { [counterName.responses]: 1 };
  for (const q of allQuestions(consultation)) {
    const answer = answers[q.id];
    if (!answer) continue;
    adds[counterName.answered(q.id)] = 1;
    // The postcode's "Prefer not to say" is a choice but no option: it is counted as answered, its area as not known.
    if (answer.choice !== undefined && q.type !== 'outward-code') adds[counterName.option(q.id, answer.choice)] = 1;
    for (const choice of answer.choices ?? []) adds[counterName.option(q.id, choice)] = 1;
    if (answer.number !== undefined) {
      adds[counterName.sum(q.id)] = answer.number;
      adds[counterName.sumOfSquares(q.id)] = answer.number * answer.number;
    }
  }
  const named = who.flagged ? Object.fromEntries(Object.entries(adds).map(([name, value]) => [`${FLAGGED}${name}`, value])) : adds;
  return [
    { item: `a#${who.area}`, adds: named },
    { item: `g#${who.ageBand}`, adds: named },
    { item: `c#${who.channel}`, adds: named },
  ];
}

/**
 * Every counter item a shard can have: a fixed set whatever the questions, created with the
 * consultation, so reading results is the same requests at the same cost at any number of responses.
 */
export const counterItems: readonly string[] = [
  ...[...councilAreaCodes, 'outside', 'unknown'].map((a) => `a#${a}`),
  ...[...ageBands.filter((b) => b.id !== PREFER_NOT.id).map((b) => b.id), 'unknown'].map((g) => `g#${g}`),
  ...channels.map((c) => `c#${c.id}`),
];

/** Bytes a stored number takes, at most, for counts up to 10 digits (DynamoDB: about 1 byte per 2 digits, plus 1). */
const NUMBER_BYTES = 6;
/** The key, the type and DynamoDB's overhead, generously. */
const ITEM_OVERHEAD = 160;
/** One read unit reads 4 KB; below this, every counter item costs the same to read whatever it holds. */
export const COUNTER_ITEM_LIMIT = 4096;

/**
 * The most a counter item can hold for these questions: every counter a response could create, for
 * unflagged and flagged responses. Kept under 4 KB, so each item is one read unit whatever the counts.
 */
export function counterItemBytes(consultation: Pick<Consultation, 'pages' | 'aboutYou'>): number {
  const counterName = counterNames(consultation);
  const names = [counterName.responses];
  for (const q of allQuestions(consultation)) {
    names.push(counterName.answered(q.id));
    for (const option of optionIdsOf(q)) names.push(counterName.option(q.id, option));
    if (q.type === 'number') names.push(counterName.sum(q.id), counterName.sumOfSquares(q.id));
  }
  const oneFamily = names.reduce((sum, name) => sum + Buffer.byteLength(name) + NUMBER_BYTES, 0);
  return ITEM_OVERHEAD + 2 * oneFamily + names.length * FLAGGED.length;
}

export const classify = (answers: Answers, channel: Channel, flagged: boolean): Classified => ({ area: areaOf(answers), ageBand: ageBandOf(answers), channel, flagged });

/** Counter items as read (summed over shards), by family and item. */
export type Tallies = Record<Family, Map<string, Counters>>;

export const emptyTallies = (): Tallies => ({ U: new Map(), F: new Map() });

function add(tallies: Tallies, family: Family, item: string, name: string, value: number): void {
  const into = tallies[family].get(item) ?? {};
  into[name] = (into[name] ?? 0) + value;
  tallies[family].set(item, into);
}

/** Adds one counter item (from any shard) into the tallies; channel items also make up the totals (`all`). */
export function addToTallies(tallies: Tallies, item: string, counters: Counters): void {
  for (const [name, value] of Object.entries(counters)) {
    const family: Family = name.startsWith(FLAGGED) ? 'F' : 'U';
    const plain = family === 'F' ? name.slice(FLAGGED.length) : name;
    add(tallies, family, item, plain, value);
    if (item.startsWith('c#')) add(tallies, family, 'all', plain, value);
  }
}

/** One view of the tallies: unflagged responses, with the flagged ones added when included. */
export function view(tallies: Tallies, includeFlagged: boolean): (item: string, name: string) => number {
  return (item, name) => (tallies.U.get(item)?.[name] ?? 0) + (includeFlagged ? (tallies.F.get(item)?.[name] ?? 0) : 0);
}


