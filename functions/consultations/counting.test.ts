/** What a response adds to the counters, and the bound that keeps reading them a fixed cost. */
import { describe, expect, it } from 'vitest';
import { marshal } from '../core/store/items.js';
import { classify, COUNTER_ITEM_LIMIT, counterItemBytes, counterItems, counterNames, responseCounters } from './counting.js';
import { buildPages } from './definition.js';
import { exampleAnswers, examplePages } from './fixtures.js';
import { LIMITS, type Consultation } from './model.js';

const consultation: Pick<Consultation, 'pages' | 'aboutYou'> = { pages: buildPages(examplePages()), aboutYou: ['age', 'sex', 'ethnicity', 'disability', 'postcode'] };

describe('a response’s counters', () => {
  it('go to three items of its shard: its council area, age band and channel', () => {
    const adds = responseCounters(consultation, exampleAnswers(), classify(exampleAnswers(), 'paper', false));
    expect(adds.map((a) => a.item)).toEqual(['a#E07000130', 'g#35-44', 'c#paper']);
    const names = counterNames(consultation);
    expect(adds[0]!.adds).toMatchObject({ n: 1, [names.answered('q1')]: 1, [names.option('q1', 'increase-1000')]: 1, [names.option('q3', 'o1')]: 1, [names.option('q3', 'o3')]: 1, [names.answered('q6')]: 1 });
    expect(names.option('q3', 'o3')).toBe('o2.2');
    expect(counterItems).toContain('c#paper');
    expect(counterItems).toContain('c#telephone');
    expect(counterItems).toHaveLength(11 + 9 + 4);
  });

  it('count “Prefer not to say” for the postcode as answered, in the “not known” area (it used to throw, so the response failed)', () => {
    const answers = exampleAnswers({ 'about-postcode': { choice: 'prefer-not-to-say' } });
    const adds = responseCounters(consultation, answers, classify(answers, 'online', false));
    expect(adds[0]!.item).toBe('a#unknown');
    expect(adds[0]!.adds[counterNames(consultation).answered('about-postcode')]).toBe(1);
  });

  it('are marked with “!” for a response flagged as a possible duplicate', () => {
    const adds = responseCounters(consultation, exampleAnswers(), classify(exampleAnswers(), 'online', true));
    expect(Object.keys(adds[0]!.adds).every((name) => name.startsWith('!'))).toBe(true);
  });
});

describe('the size of a counter item', () => {
  it('is bounded from the questions alone, and that bound is what DynamoDB would store at most', () => {
    // Every counter the example could create, for both families, with 10-digit counts.
    const names = new Set<string>();
    for (const flagged of [false, true]) {
      for (const answers of [exampleAnswers(), exampleAnswers({ q1: { choice: 'increase-0' }, q3: { choices: ['o2', 'o4', 'other'], other: 'x' } })]) {
        for (const add of responseCounters(consultation, answers, classify(answers, 'online', flagged))) for (const name of Object.keys(add.adds)) names.add(name);
      }
    }
    const sample = marshal(Object.fromEntries([...names].map((n) => [n, 9_999_999_999])));
    const stored = Object.entries(sample).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Math.ceil(String(value.N).length / 2) + 1, 0);
    expect(counterItemBytes(consultation)).toBeGreaterThan(stored);
    expect(counterItemBytes(consultation)).toBeLessThan(COUNTER_ITEM_LIMIT);
  });

  it('stays under one read unit for the largest consultation the builder allows', () => {
    const options = Array.from({ length: 10 }, (_, i) => ({ label: `Option ${i + 1}` }));
    const big = buildPages(
      Array.from({ length: LIMITS.choiceOptions / 10 }, (_, p) => ({ title: `Page ${p}`, questions: [{ type: 'single', text: `Question ${p}`, required: false, allowOther: false, includeDontKnow: false, options }] })) as never,
    );
    expect(counterItemBytes({ pages: big, aboutYou: ['age', 'sex', 'ethnicity', 'disability', 'postcode'] })).toBeLessThan(COUNTER_ITEM_LIMIT);
  });
});
