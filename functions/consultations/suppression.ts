/**
 * Small-number suppression over every figure that leaves staff view at once, by linear algebra.
 *
 * The figures of a consultation's results are linked: an answer's count is the sum of its cells by
 * council area, by age band and by channel; a single-choice question's answers add up to those who
 * answered it; "Any increase" adds up the increases; "answered" less "Don't know" is published too;
 * a required question is answered by everyone; a question shown only after "Yes" is answered by
 * exactly those who said "Yes". Each link is an equation (Σ coefficient × figure = 0). Hiding a
 * small count achieves nothing if some combination of the equations gives it back from the figures
 * still shown (100 − 37 − 58 = 5 uses three of them), so the rule here is:
 *
 * 1. primary: every count from 1 to threshold − 1 is hidden;
 * 2. secondary: while some hidden figure is a linear combination of shown ones (its unit vector
 *    lies in the row space of the equations restricted to the figures not shown), hide the cheapest
 *    shown figure that combination uses. (Single equations with one unknown are settled first, the
 *    same way, because they are most of the work and need no elimination.)
 *
 * Figures can also be unknowns that are never shown (the number of respondents in an age band, say):
 * they take part in the equations but nobody needs protecting from learning them.
 *
 * The test is exact up to arithmetic modulo a large prime (a rank can only come out lower modulo p
 * if p divides a minor; the equations here have small integer coefficients). The suppression audit
 * (suppression-audit.test.ts) checks the result again from the published output, with exact rational
 * arithmetic and the bounds non-negative counts put on each hidden cell.
 *
 *   const cells = new LinkedCells();
 *   cells.cell('n', 15); cells.cell('yes', 3); cells.cell('no', 12);
 *   cells.total('n', ['yes', 'no']);
 *   cells.suppressed(10);                       // Set { 'yes', 'no' }
 */

/** A count is too small to publish when it is from 1 to threshold − 1 (zeros are shown). */
export const isSmall = (value: number, threshold: number) => value > 0 && value < threshold;

const P = 67_108_859; // the largest prime below 2^26: products of two residues stay exact in a double
const mod = (a: number) => ((a % P) + P) % P;

function inverse(a: number): number {
  let [r0, r1, s0, s1] = [P, a, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}

type Row = Map<number, number>;

/** row ← row − factor × other (mod P), dropping zeros. */
function subtract(row: Row, other: Row, factor: number): void {
  for (const [column, value] of other) {
    const next = mod((row.get(column) ?? 0) - ((factor * value) % P));
    if (next === 0) row.delete(column);
    else row.set(column, next);
  }
}

/**
 * The figures whose value the equations give away: reduced row echelon form over the unknown
 * columns (pivots only there), then any row left with a single unknown names a determined figure,
 * and the shown figures in that row are what gives it away.
 */
export function determined(relations: readonly Row[], unknown: readonly boolean[]): Array<{ figure: number; by: number[] }> {
  const pivots: Array<{ column: number; row: Row }> = [];
  for (const relation of relations) {
    const row = new Map([...relation].map(([c, v]) => [c, mod(v)] as const).filter(([, v]) => v !== 0));
    // In the order the pivots were made: subtracting one only brings in later pivots' columns.
    for (const pivot of pivots) {
      const factor = row.get(pivot.column);
      if (factor !== undefined) subtract(row, pivot.row, factor);
    }
    let column: number | undefined;
    for (const c of row.keys()) if (unknown[c]) { column = c; break; }
    if (column === undefined) continue;
    const scale = inverse(row.get(column)!);
    for (const [c, v] of row) row.set(c, (v * scale) % P);
    pivots.push({ column, row });
  }
  // Back-substitution: each pivot column cleared from the rows above it.
  for (let k = pivots.length - 1; k >= 0; k--) {
    const { column, row } = pivots[k]!;
    for (let j = 0; j < k; j++) {
      const above = pivots[j]!.row;
      const factor = above.get(column);
      if (factor !== undefined) subtract(above, row, factor);
    }
  }
  const found: Array<{ figure: number; by: number[] }> = [];
  for (const { column, row } of pivots) {
    const unknowns = [...row.keys()].filter((c) => unknown[c]);
    if (unknowns.length === 1) found.push({ figure: column, by: [...row.keys()].filter((c) => !unknown[c]) });
  }
  return found;
}

export interface CellOptions {
  /** False for an unknown that is never shown (it links figures but needs no protecting). Default true. */
  published?: boolean;
  /** How much it costs to hide, per unit of count: totals and headline figures cost more than breakdown cells. Default 1. */
  weight?: number;
}

/** Figures by name, and the equations between them: one suppression problem for a consultation's results. */
export class LinkedCells {
  private readonly index = new Map<string, number>();
  readonly keys: string[] = [];
  readonly values: number[] = [];
  readonly published: boolean[] = [];
  readonly weights: number[] = [];
  readonly relations: Row[] = [];

  cell(key: string, value: number, options: CellOptions = {}): number {
    const known = this.index.get(key);
    if (known !== undefined) return known;
    this.index.set(key, this.values.length);
    this.keys.push(key);
    this.values.push(value);
    this.published.push(options.published ?? true);
    this.weights.push(options.weight ?? 1);
    return this.values.length - 1;
  }

  has = (key: string) => this.index.has(key);

  value(key: string): number {
    const i = this.index.get(key);
    if (i === undefined) throw new Error(`No figure ${key}`);
    return this.values[i]!;
  }

  /** Σ coefficient × figure = 0, for figures already added. */
  relate(terms: ReadonlyArray<readonly [string, number]>): void {
    const row: Row = new Map();
    for (const [key, coefficient] of terms) {
      const i = this.index.get(key);
      if (i === undefined) throw new Error(`Add the figure ${key} before relating it`);
      row.set(i, (row.get(i) ?? 0) + coefficient);
    }
    this.relations.push(row);
  }

  /** `total` = the sum of `parts`. */
  total(total: string, parts: readonly string[]): void {
    this.relate([[total, 1], ...parts.map((p) => [p, -1] as const)]);
  }

  /** Two figures that are always equal (a required question's answered count and the number of responses). */
  same(a: string, b: string): void {
    this.relate([[a, 1], [b, -1]]);
  }

  /** Relations whose figures do not add up: a model that does not match the counts (for tests). */
  broken(): string[] {
    return this.relations
      .filter((row) => [...row].reduce((sum, [i, c]) => sum + c * this.values[i]!, 0) !== 0)
      .map((row) => [...row].map(([i, c]) => `${c}×${this.keys[i]}`).join(' + '));
  }

  /** The names of the figures to hide (primary and secondary), never an unpublished one. */
  suppressed(threshold: number): Set<string> {
    // Figures that are always equal (a required question's answered count and the responses, group by
    // group) are one unknown: shown or hidden together, and one column less to eliminate.
    const parent = this.values.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (const row of this.relations) {
      const entries = [...row].filter(([, c]) => c !== 0);
      if (entries.length === 2 && entries[0]![1] + entries[1]![1] === 0) parent[find(entries[0]![0])] = find(entries[1]![0]);
    }
    const classOf = this.values.map((_, i) => find(i));
    const published = this.values.map(() => false);
    const cost = this.values.map(() => 0);
    classOf.forEach((c, i) => {
      if (!this.published[i]) return;
      published[c] = true;
      // Hiding one hides them all: it costs what they all cost. Zeros last.
      cost[c]! += this.values[i]! > 0 ? this.values[i]! * this.weights[i]! : Number.MAX_SAFE_INTEGER / this.values.length;
    });
    const relations: Row[] = [];
    for (const row of this.relations) {
      const merged: Row = new Map();
      for (const [i, c] of row) merged.set(classOf[i]!, (merged.get(classOf[i]!) ?? 0) + c);
      for (const [i, c] of merged) if (c === 0) merged.delete(i);
      if (merged.size) relations.push(merged);
    }
    const hidden = suppressClasses(
      this.values.map((v, i) => published[i]! && isSmall(v, threshold)),
      published,
      cost,
      relations,
    );
    return new Set(this.keys.filter((_, i) => this.published[i] && hidden[classOf[i]!]));
  }
}

/**
 * Primary cells hidden already; adds secondary ones until no hidden figure is a combination of shown
 * ones. An equation with one unknown is settled without elimination (the common case); then each
 * combination found by elimination gets one more hidden figure, its cheapest shown one.
 */
function suppressClasses(hidden: boolean[], published: readonly boolean[], cost: readonly number[], relations: readonly Row[]): boolean[] {
  const cheapest = (ids: number[]) => ids.sort((a, b) => cost[a]! - cost[b]! || a - b)[0];
  const settleSingles = () => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const row of relations) {
        const members = [...row.keys()];
        const unknowns = members.filter((i) => hidden[i] || !published[i]);
        if (unknowns.length !== 1 || !hidden[unknowns[0]!]) continue;
        const pick = cheapest(members.filter((i) => !hidden[i]));
        if (pick === undefined) continue;
        hidden[pick] = true;
        changed = true;
      }
    }
  };
  for (let round = 0; round <= hidden.length; round++) {
    settleSingles();
    const unknown = hidden.map((h, i) => h || !published[i]);
    const leaks = determined(relations, unknown).filter((d) => hidden[d.figure]);
    let changed = false;
    const chosen = new Set<number>();
    for (const leak of leaks) {
      // A figure this round hid already may have broken this combination too: look again next round.
      if (leak.by.some((i) => chosen.has(i))) continue;
      const pick = cheapest(leak.by);
      if (pick === undefined) continue;
      hidden[pick] = true;
      chosen.add(pick);
      changed = true;
    }
    if (!changed) break;
  }
  return hidden;
}
