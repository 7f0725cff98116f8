import { describe, expect, it } from 'vitest';
import { CellSet, effectiveSampleSize, suppress, weightedShare, wilson } from './statistics.js';

describe('Wilson score intervals (95%)', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 17:857–872, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: %f to %f', (x, n, low, high) => {
    const interval = wilson(x, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('is symmetric, stays within 0 to 100%, and has nothing to say about no answers', () => {
    const a = wilson(58, 100)!;
    const b = wilson(42, 100)!;
    expect(a.low).toBeCloseTo(1 - b.high, 10);
    expect(wilson(20, 20)!.high).toBe(1);
    expect(wilson(0, 0)).toBeUndefined();
    expect(a.low).toBeCloseTo(0.4821, 4);
    expect(a.high).toBeCloseTo(0.672, 4);
  });
});

describe('weighting by population', () => {
  it('counts each area by its population, with Kish’s effective sample size', () => {
    // Populations 300 and 100; 5 of 10 say yes in the first area, 30 of 30 in the second.
    const w = weightedShare([
      { weight: 300, x: 5, n: 10 },
      { weight: 100, x: 30, n: 30 },
    ])!;
    expect(w.share).toBeCloseTo(0.75 * 0.5 + 0.25 * 1, 12);
    // Respondent weights are 3 (area 1) and 1/3 (area 2): (Σw)²/Σw² = 40² / (10·9 + 30/9).
    expect(w.effectiveN).toBeCloseTo(17.142857, 5);
    expect(effectiveSampleSize([...Array(10).fill(3), ...Array(30).fill(1 / 3)])).toBeCloseTo(w.effectiveN, 9);
    expect(w.n).toBe(40);
    expect(w.interval!.low).toBeLessThan(w.share);
    expect(w.interval!.high).toBeGreaterThan(w.share);
  });

  it('equals the unweighted share, with the full sample, when respondents match the population', () => {
    const w = weightedShare([
      { weight: 2, x: 10, n: 20 },
      { weight: 1, x: 4, n: 10 },
    ])!;
    expect(w.share).toBeCloseTo(14 / 30, 12);
    expect(w.effectiveN).toBeCloseTo(30, 9);
  });

  it('leaves out areas nobody from answered, and renormalises the rest', () => {
    const w = weightedShare([
      { weight: 500, x: 0, n: 0 },
      { weight: 100, x: 3, n: 4 },
    ])!;
    expect(w.share).toBeCloseTo(0.75, 12);
    expect(w.effectiveN).toBeCloseTo(4, 9);
    expect(weightedShare([{ weight: 1, x: 0, n: 0 }])).toBeUndefined();
  });
});

/** No relation may have exactly one hidden member: otherwise it is its total minus the others. */
function recoverable(relations: number[][], hidden: boolean[]) {
  return relations.filter((r) => r.filter((i) => hidden[i]).length === 1);
}

describe('suppression', () => {
  it('hides counts from 1 to threshold − 1 and shows zeros', () => {
    expect(suppress([0, 9, 10, 100], [], 10)).toEqual([false, true, false, false]);
  });

  it('hides a second cell when a total would give the small one away', () => {
    // cells 3, 12, 0 and their total 15: 3 is small, and 15 − 12 − 0 would reveal it, so 12 goes too (not the zero).
    const hidden = suppress([3, 12, 0, 15], [[3, 0, 1, 2]], 10);
    expect(hidden).toEqual([true, true, false, false]);
  });

  it('follows the consequences through a two-way table until no line has a lone hidden cell', () => {
    // A 3×3 table with row totals, column totals and a grand total, as a breakdown is published.
    const cells = new CellSet();
    const grid = [
      [40, 4, 30],
      [25, 50, 35],
      [12, 60, 44],
    ];
    grid.forEach((row, r) => row.forEach((v, c) => cells.cell(`${r}:${c}`, v)));
    grid.forEach((row, r) => cells.cell(`row${r}`, row.reduce((a, b) => a + b, 0)));
    [0, 1, 2].forEach((c) => cells.cell(`col${c}`, grid.reduce((a, row) => a + row[c]!, 0)));
    cells.cell('all', grid.flat().reduce((a, b) => a + b, 0));
    [0, 1, 2].forEach((r) => cells.relate(`row${r}`, [0, 1, 2].map((c) => `${r}:${c}`)));
    [0, 1, 2].forEach((c) => cells.relate(`col${c}`, [0, 1, 2].map((r) => `${r}:${c}`)));
    cells.relate('all', ['row0', 'row1', 'row2']);
    cells.relate('all', ['col0', 'col1', 'col2']);
    const hidden = cells.suppressed(10);
    // The 4 (primary); 30 is the smallest other in its row; then 35 and 50 close the column and the row.
    expect([...hidden].sort()).toEqual(['0:1', '0:2', '1:1', '1:2']);
    expect(recoverable(cells.relations, suppress(cells.values, cells.relations, 10))).toEqual([]);
  });

  it('never leaves a lone hidden cell, whatever the table (random tables)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 200; t++) {
      const rows = 2 + Math.floor(random() * 4);
      const columns = 2 + Math.floor(random() * 6);
      const values: number[] = [];
      const relations: number[][] = [];
      const cell = (r: number, c: number) => r * columns + c;
      for (let i = 0; i < rows * columns; i++) values.push(Math.floor(random() * 3) === 0 ? Math.floor(random() * 12) : Math.floor(random() * 60));
      const rowTotal = (r: number) => rows * columns + r;
      for (let r = 0; r < rows; r++) values.push([...Array(columns).keys()].reduce((a, c) => a + values[cell(r, c)]!, 0));
      const colTotal = (c: number) => rows * columns + rows + c;
      for (let c = 0; c < columns; c++) values.push([...Array(rows).keys()].reduce((a, r) => a + values[cell(r, c)]!, 0));
      for (let r = 0; r < rows; r++) relations.push([rowTotal(r), ...[...Array(columns).keys()].map((c) => cell(r, c))]);
      for (let c = 0; c < columns; c++) relations.push([colTotal(c), ...[...Array(rows).keys()].map((r) => cell(r, c))]);
      const hidden = suppress(values, relations, 10);
      expect(recoverable(relations, hidden)).toEqual([]);
      values.forEach((v, i) => v > 0 && v < 10 && expect(hidden[i]).toBe(true));
    }
  });
});
