/**
 * What each response adds to the consultation's counters, and how counters read back into tallies.
 *
 * Counters live in small items, one per (family, breakdown, value), in each of the consultation's
 * shards (store/counters.ts): a response adds to four items of one shard, chosen at random, in the
 * same transaction that stores it. Family `U` counts responses not flagged as possible duplicates,
 * `F` those flagged, so results can include or leave out the flagged ones. Breakdowns: `all`, council
 * area `a`, age band `g`, channel `c`. Inside an item, counters are named:
 *
 *   n                     responses
 *   q:<question>          answered the question
 *   o:<question>:<option> chose the option
 *   s:<question>, ss:<question>   sum and sum of squares of a number question's answers
 */
import { councilAreaCodes } from '../core/council-areas.js';
import { ABOUT, ageBandOf, ageBands, areaOf, PREFER_NOT } from './about-you.js';
import { allQuestions } from './definition.js';
import { channels, type Answers, type AreaValue, type Channel, type Consultation } from './model.js';

export type Family = 'U' | 'F';
export type Dimension = 'a' | 'g' | 'c';
export type Counters = Record<string, number>;

export interface CounterAdd {
  /** The counter item within a shard, e.g. `all`, `a#E06000016`, `g#25-34`, `c#online`. */
  item: string;
  family: Family;
  adds: Counters;
}

export const counterName = {
  responses: 'n',
  answered: (questionId: string) => `q:${questionId}`,
  option: (questionId: string, optionId: string) => `o:${questionId}:${optionId}`,
  sum: (questionId: string) => `s:${questionId}`,
  sumOfSquares: (questionId: string) => `ss:${questionId}`,
};

export interface Classified {
  area: AreaValue;
  ageBand: string;
  channel: Channel;
  flagged: boolean;
}

/** The counters one response adds to, in each item it touches. */
export function responseCounters(consultation: Pick<Consultation, 'pages' | 'aboutYou'>, answers: Answers, who: Classified): CounterAdd[] {
  const adds: Counters = { [counterName.responses]: 1 };
  for (const q of allQuestions(consultation)) {
    const answer = answers[q.id];
    if (!answer) continue;
    adds[counterName.answered(q.id)] = 1;
    if (answer.choice !== undefined) adds[counterName.option(q.id, answer.choice)] = 1;
    for (const choice of answer.choices ?? []) adds[counterName.option(q.id, choice)] = 1;
    if (answer.number !== undefined) {
      adds[counterName.sum(q.id)] = answer.number;
      adds[counterName.sumOfSquares(q.id)] = answer.number * answer.number;
    }
  }
  const family: Family = who.flagged ? 'F' : 'U';
  return [
    { item: 'all', family, adds },
    { item: `a#${who.area}`, family, adds },
    { item: `g#${who.ageBand}`, family, adds },
    { item: `c#${who.channel}`, family, adds },
  ];
}

/**
 * Every counter item a shard can have, per family: a fixed set whatever the questions, created with
 * the consultation, so reading results is the same requests at the same cost at any number of responses.
 */
export const counterItems: readonly string[] = [
  'all',
  ...[...councilAreaCodes, 'outside', 'unknown'].map((a) => `a#${a}`),
  ...[...ageBands.filter((b) => b.id !== PREFER_NOT.id).map((b) => b.id), 'unknown'].map((g) => `g#${g}`),
  ...channels.map((c) => `c#${c.id}`),
];
export const families: readonly Family[] = ['U', 'F'];

export const classify = (answers: Answers, channel: Channel, flagged: boolean): Classified => ({ area: areaOf(answers), ageBand: ageBandOf(answers), channel, flagged });

/** Counter items as read (summed over shards), by family and item. */
export type Tallies = Record<Family, Map<string, Counters>>;

export const emptyTallies = (): Tallies => ({ U: new Map(), F: new Map() });

/** Adds one counter item (from any shard) into the tallies. */
export function addToTallies(tallies: Tallies, family: Family, item: string, counters: Counters): void {
  const into = tallies[family].get(item) ?? {};
  for (const [name, value] of Object.entries(counters)) into[name] = (into[name] ?? 0) + value;
  tallies[family].set(item, into);
}

/** One view of the tallies: unflagged responses, with the flagged ones added when included. */
export function view(tallies: Tallies, includeFlagged: boolean): (item: string, name: string) => number {
  return (item, name) => (tallies.U.get(item)?.[name] ?? 0) + (includeFlagged ? (tallies.F.get(item)?.[name] ?? 0) : 0);
}

/** The values an item kind has counts for, e.g. every `a#…` area seen. */
export function valuesSeen(tallies: Tallies, dimension: Dimension): string[] {
  const prefix = `${dimension}#`;
  return [...new Set([...tallies.U.keys(), ...tallies.F.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)))];
}

export { ABOUT };
