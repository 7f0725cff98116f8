/** Results from counters: shares with Wilson intervals, without "Don't know", breakdowns, flagged in or out, weighting, suppression. */
import { describe, expect, it } from 'vitest';
import { addToTallies, classify, emptyTallies, responseCounters, type Tallies } from './counting.js';
import { buildPages } from './definition.js';
import { exampleAnswers, examplePages } from './fixtures.js';
import type { Answers, Channel, Consultation } from './model.js';
import { buildResults, forPublic } from './results.js';
import { wilson, weightedShare } from './statistics.js';

const consultation: Pick<Consultation, 'id' | 'pages' | 'aboutYou' | 'suppressionThreshold' | 'weighting'> = {
  id: 'example',
  pages: buildPages(examplePages()),
  aboutYou: ['age', 'sex', 'ethnicity', 'disability', 'postcode'],
  suppressionThreshold: 10,
  weighting: true,
};

/** Tallies as the counters would hold them after these responses (split over shards makes no difference to a sum). */
function talliesOf(responses: Array<{ answers: Answers; channel?: Channel; flagged?: boolean }>): Tallies {
  const tallies = emptyTallies();
  for (const r of responses) {
    for (const add of responseCounters(consultation, r.answers, classify(r.answers, r.channel ?? 'online', r.flagged ?? false))) addToTallies(tallies, add.item, add.adds);
  }
  return tallies;
}

const times = (n: number, answers: Answers, extra: { channel?: Channel; flagged?: boolean } = {}) => Array.from({ length: n }, () => ({ answers, ...extra }));

// 58 support an increase, 30 no increase, 12 don't know; Charnwood (LE11) and Leicester (LE1).
const responses = [
  ...times(40, exampleAnswers({ q1: { choice: 'increase-1000' } })),
  ...times(18, exampleAnswers({ q1: { choice: 'increase-1400' }, 'about-postcode': { outwardCode: 'LE1' } })),
  ...times(30, exampleAnswers({ q1: { choice: 'increase-0' }, 'about-postcode': { outwardCode: 'LE1' } })),
  ...times(12, exampleAnswers({ q1: { choice: 'dont-know' } }), { channel: 'paper' }),
];

describe('a question’s results', () => {
  const results = buildResults(consultation, talliesOf(responses), { includeFlagged: true });
  const q1 = results.questions.find((q) => q.id === 'q1')!;

  it('gives each answer’s count and share of those answering, with its 95% Wilson interval', () => {
    expect(results.responses.count).toBe(100);
    expect(q1.answered.count).toBe(100);
    const none = q1.options.find((o) => o.id === 'increase-0')!;
    expect(none.all).toEqual({ count: 30, share: 0.3, interval: wilson(30, 100) });
  });

  it('gives shares without “Don’t know” too, and the headline: any increase', () => {
    expect(q1.answeredWithoutDontKnow!.count).toBe(88);
    expect(q1.options.find((o) => o.id === 'increase-0')!.withoutDontKnow).toEqual({ count: 30, share: 30 / 88, interval: wilson(30, 88) });
    expect(q1.options.find((o) => o.id === 'dont-know')!.withoutDontKnow).toBeUndefined();
    expect(q1.anyIncrease!.all).toEqual({ count: 58, share: 0.58, interval: wilson(58, 100) });
  });

  it('breaks answers down by council area, age band and channel', () => {
    const byArea = q1.breakdowns.find((b) => b.dimension === 'area')!;
    const leicester = byArea.columns.findIndex((c) => c.id === 'E06000016');
    expect(byArea.columns[leicester]!.answered.count).toBe(48);
    expect(byArea.rows.find((r) => r.id === 'increase-0')!.cells[leicester]).toEqual({ count: 30, share: 30 / 48, interval: wilson(30, 48) });
    const byChannel = q1.breakdowns.find((b) => b.dimension === 'channel')!;
    expect(byChannel.columns.map((c) => [c.id, c.answered.count])).toEqual([
      ['online', 88],
      ['paper', 12],
      ['event', 0],
      ['telephone', 0],
    ]);
    expect(results.byChannel.map((c) => c.count.count)).toEqual([88, 12, 0, 0]);
  });

  it('weights by council-area population beside the unweighted share, with the effective sample size', () => {
    const none = q1.options.find((o) => o.id === 'increase-0')!;
    // Charnwood: 0 of 52 (40 + 12); Leicester: 30 of 48. Populations 183,900 and 368,600.
    const expected = weightedShare([
      { weight: 183_900, x: 0, n: 52 },
      { weight: 368_600, x: 30, n: 48 },
    ])!;
    expect(none.weighted!.share).toBeCloseTo(expected.share, 12);
    expect(q1.effectiveN).toBeCloseTo(expected.effectiveN, 9);
    expect(none.all.share).toBe(0.3);
  });
});

describe('flagged responses', () => {
  it('are counted apart, so results can include them or leave them out', () => {
    const tallies = talliesOf([...responses, ...times(5, exampleAnswers({ q1: { choice: 'increase-0' } }), { flagged: true })]);
    const included = buildResults(consultation, tallies, { includeFlagged: true });
    const left = buildResults(consultation, tallies, { includeFlagged: false });
    expect(included.responses.count).toBe(105);
    expect(left.responses.count).toBe(100);
    expect(included.flaggedResponses).toBe(5);
    expect(included.questions.find((q) => q.id === 'q1')!.options.find((o) => o.id === 'increase-0')!.all.count).toBe(35);
    expect(left.questions.find((q) => q.id === 'q1')!.options.find((o) => o.id === 'increase-0')!.all.count).toBe(30);
  });
});

describe('suppression', () => {
  const results = buildResults(consultation, talliesOf(responses), { includeFlagged: true });
  const q1 = results.questions.find((q) => q.id === 'q1')!;

  it('marks small cells, and others that would give them away, for staff', () => {
    // 12 "don't know" on paper; the "event" channel has none. Online "£14 more" is 18, Leicester only.
    const byArea = q1.breakdowns.find((b) => b.dimension === 'area')!;
    for (const row of byArea.rows) for (const cell of row.cells) if (cell.count! > 0 && cell.count! < 10) expect(cell.suppressed).toBe(true);
    expect(q1.options.every((o) => !o.all.suppressed)).toBe(true);
  });

  it('removes the numbers themselves from what leaves staff view', () => {
    const few = buildResults(consultation, talliesOf(times(4, exampleAnswers())), { includeFlagged: true });
    const published = forPublic(few);
    expect(published.responses).toEqual({ count: null, suppressed: true });
    const q = published.questions.find((x) => x.id === 'q1')!;
    expect(q.options.find((o) => o.id === 'increase-1000')!.all).toEqual({ count: null, suppressed: true });
    expect(JSON.stringify(published)).not.toMatch(/"count":4\b/);
    // Staff still see them.
    expect(few.questions.find((x) => x.id === 'q1')!.options.find((o) => o.id === 'increase-1000')!.all).toMatchObject({ count: 4, suppressed: true });
  });

  it('shows no share or interval beside a suppressed base: “0 (0.0% to 79.3%)” of a hidden total gives n = 1 away', () => {
    const one = forPublic(buildResults(consultation, talliesOf(times(1, exampleAnswers())), { includeFlagged: true }));
    const q = one.questions.find((x) => x.id === 'q1')!;
    expect(q.answered).toEqual({ count: null, suppressed: true });
    const none = q.options.find((o) => o.id === 'increase-0')!;
    expect(none.all).toEqual({ count: 0 });
    expect(JSON.stringify(one)).not.toMatch(/"interval"/);
    expect(JSON.stringify(one)).not.toMatch(/"share"/);
  });

  it('shows the effective sample size only when every council area’s count behind it is shown', () => {
    const published = forPublic(buildResults(consultation, talliesOf([...responses, ...times(3, exampleAnswers({ 'about-postcode': { outwardCode: 'LE13' } }))]), { includeFlagged: true }));
    const q1 = published.questions.find((q) => q.id === 'q1')!;
    expect(q1.effectiveN).toBeUndefined();
    const staff = buildResults(consultation, talliesOf([...responses, ...times(3, exampleAnswers({ 'about-postcode': { outwardCode: 'LE13' } }))]), { includeFlagged: true });
    expect(staff.questions.find((q) => q.id === 'q1')!).toMatchObject({ effectiveN: expect.any(Number), effectiveNSuppressed: true });
    expect(forPublic(buildResults(consultation, talliesOf(responses), { includeFlagged: true })).questions.find((q) => q.id === 'q1')!.effectiveN).toEqual(expect.any(Number));
  });

  it('hides a weighted share outside staff view when an area cell behind it is suppressed', () => {
    const published = forPublic(buildResults(consultation, talliesOf([...responses, ...times(3, exampleAnswers({ 'about-postcode': { outwardCode: 'LE13' } }))]), { includeFlagged: true }));
    const option = published.questions.find((q) => q.id === 'q1')!.options.find((o) => o.id === 'increase-1000')!;
    expect(option.weighted).toBeNull();
  });
});
