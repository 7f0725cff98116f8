/**
 * The police part of council tax in each band, exactly. Bands are fixed ratios of Band D (A 6/9,
 * B 7/9, C 8/9, D 9/9, E 11/9, F 13/9, G 15/9, H 18/9: Local Government Finance Act 1992, s.5), so an
 * amount in a band is Band D pence × numerator ÷ 9, which is rarely a whole penny. Amounts are kept as
 * exact fractions of a penny and rounded to the nearest penny, halves up, once, when shown: a band's
 * bill now and its bill with an increase are each rounded from their exact amounts (no band carries
 * another's rounding), and the increase shown is the difference between those two bills, so the
 * figures on the page add up as a resident's bills will. A month is a twelfth of that, rounded once.
 *
 *   bandAmounts(30_037)           // [{ band: 'A', ninths: 180_222, pence: 20_025 }, ...]
 *   formatPounds(penceOf(ninthsOfPenny(1000, 'D'), 9))   // '£10.00'
 *   formatMonthly(1000)           // '83p'  (£10 a year for Band D is 83.3p a month)
 */

export const bands = [
  { band: 'A', numerator: 6 },
  { band: 'B', numerator: 7 },
  { band: 'C', numerator: 8 },
  { band: 'D', numerator: 9 },
  { band: 'E', numerator: 11 },
  { band: 'F', numerator: 13 },
  { band: 'G', numerator: 15 },
  { band: 'H', numerator: 18 },
] as const;
export type Band = (typeof bands)[number]['band'];

/** An exact amount of money: `numerator / denominator` pence (both whole numbers). */
export interface ExactPence {
  numerator: number;
  denominator: number;
}

/** A year's amount in `band`, for `bandDPence` a year in Band D: exactly bandD × n / 9 pence. */
export function bandYear(bandDPence: number, band: Band): ExactPence {
  const { numerator } = bands.find((b) => b.band === band)!;
  return { numerator: bandDPence * numerator, denominator: 9 };
}

/** A twelfth of an exact amount (a month of a year's amount). */
export const perMonth = (year: ExactPence): ExactPence => ({ numerator: year.numerator, denominator: year.denominator * 12 });

/** Whole pence, rounded to the nearest penny with halves up (amounts here are never negative). */
export function toPence(amount: ExactPence): number {
  if (!Number.isSafeInteger(amount.numerator) || amount.numerator < 0) throw new Error(`Not an amount of money: ${amount.numerator}`);
  return Math.floor((2 * amount.numerator + amount.denominator) / (2 * amount.denominator));
}

/** `30037` → `£300.37`; `1000` → `£10.00`; with thousands separators. */
export function formatPounds(pence: number): string {
  const pounds = Math.floor(pence / 100);
  return `£${pounds.toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;
}

/** Under a pound as pence (`83p`), otherwise pounds (`£1.17`). */
export const formatPenceOrPounds = (pence: number) => (pence < 100 ? `${pence}p` : formatPounds(pence));

/** A year's increase in Band D, as a month, shown: `1000` → `83p`, `1400` → `£1.17`. */
export const formatMonthly = (yearPence: number) => formatPenceOrPounds(toPence(perMonth({ numerator: yearPence, denominator: 1 })));

export interface BandRow {
  band: Band;
  /** "6/9" */
  ratio: string;
  /** What the band pays now, a year, in whole pence as shown. */
  nowPence: number;
  /** For each increase on offer (in the same order): the new bill a year, and the difference from now a year and a month. */
  increases: Array<{ yearPence: number; monthPence: number; totalPence: number }>;
}

/**
 * The table respondents see under a precept question: each band now, and what each increase on offer
 * means for it. Each figure is rounded once from its exact value.
 */
export function bandTable(bandDPence: number, increasesPence: readonly number[]): BandRow[] {
  return bands.map(({ band, numerator }) => ({
    band,
    ratio: `${numerator}/9`,
    nowPence: toPence(bandYear(bandDPence, band)),
    increases: increasesPence.map((increase) => {
      const nowPence = toPence(bandYear(bandDPence, band));
      const totalPence = toPence(bandYear(bandDPence + increase, band));
      const yearPence = totalPence - nowPence;
      return { yearPence, monthPence: toPence(perMonth({ numerator: yearPence, denominator: 1 })), totalPence };
    }),
  }));
}

/** The words for a precept option: "£10 a year more (83p a month) for Band D", or no increase. */
export function preceptOptionLabel(increasePence: number, bandDPence: number): string {
  if (increasePence === 0) return `No increase: Band D stays at ${formatPounds(bandDPence)} a year`;
  return `${formatPounds(increasePence).replace(/\.00$/, '')} a year more for Band D (${formatMonthly(increasePence)} a month): ${formatPounds(bandDPence + increasePence)} a year`;
}

/** Reads pounds as staff type them (`10`, `10.5`, `£10.50`, `1,234.56`) into whole pence, exactly; undefined if not money. */
export function parsePounds(typed: string): number | undefined {
  const m = typed.trim().replace(/^£/, '').replace(/,/g, '').match(/^(\d{1,7})(?:\.(\d{1,2}))?$/);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Pence as staff type pounds back into the form: `1050` → `10.50`. */
export const poundsForForm = (pence: number) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
