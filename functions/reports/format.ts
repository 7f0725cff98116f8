/** Numbers as reports show them: British grouping, at most `decimals` places, no trailing zeros ("1,234", "8.4", "6"). */
export function formatNumber(value: number, decimals = 1): string {
  // Rounding first keeps "-0" out of a sentence when a tiny negative rounds to nothing.
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals }).format(rounded === 0 ? 0 : rounded);
}

/** 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}
