/**
 * Period figures: what a capability counts for the office's reports, kept as counters per financial
 * quarter (London time) and written in the same transaction as the record they count, so a report
 * reads a fixed handful of items however many records there are. A contract core owns, as map points
 * and actions are: each capability writes its own counters with `figureWrites`, and declares in its
 * manifest (`figures`) what each figure is and how it is made from them; the reports capability reads
 * them with `quarterCounters`, never another capability's code or records.
 *
 *   FIGURES#<quarter id> / <capability>#<shard 0-3>     counters `<name>` or `<name>|<key>`, ADDed
 *
 * A counter keyed `<name>|<key>` counts by something (a theme, a council area, who attended for the
 * office, days taken to close), so a figure can be a distinct count (council areas covered: keys above
 * 0) or a median (days to close) without a Query over records. An edit writes the difference between
 * the record as it was and as it is (`countsChange`), so counters stay exact under any concurrency.
 *
 *   await transactWrite(() => [...theChange, ...figureWrites('community-days', countsChange(before && countsOf(before), countsOf(after)))]);
 *   const counters = await quarterCounters('2026-27-Q3');   // { 'community-days': { days: 12, 'areas|E07000134': 2, ... }, ... }
 */
import { shareSeenWithin, type Ledger } from './period-ledgers.js';
import { quarterContaining } from './periods.js';
import { wilson } from './statistics.js';
import { unmarshal, values } from './store/items.js';
import { keyPrefixes } from './store/keys.js';
import { queryAll } from './store/reads.js';
import type { NamedWrite } from './store/transactions.js';
import { update } from './store/writes.js';

export const periodFigureKeys = keyPrefixes('platform', { periodFigures: 'FIGURES#' });

/** Each quarter's item per capability is split in four (or more: `figureWrites`), so a burst of records does not queue on one item. */
export const FIGURE_SHARDS = 4;

/** Counter name → amount: `{ days: 1, 'hours|commissioner': 4, 'themes|burglary': 1 }`. */
export type Counts = Record<string, number>;

/** What one record counts, and when (its quarter comes from `at`, read on London's calendar). */
export interface DatedCounts {
  at: string;
  counts: Counts;
}

export interface FigureDeclaration {
  /** Unique within its capability, lower-case words joined by hyphens: `community-days`. */
  id: string;
  /** In the reader's words: "Community days". */
  name: string;
  /** What it is: "Days the Commissioner spent in one place meeting residents and groups". */
  definition: string;
  unit: 'count' | 'hours' | 'percent' | 'days';
  /** How a period's figure is counted: "Each visit logged with its start in the quarter, once". */
  counted: string;
  /** How it is made from the quarter's counters (names as written, without the capability). */
  from: FigureSource;
  /** Decimal places to show: 0 unless said. */
  decimals?: number;
  /** Summed over every capability's counters of these names (a platform-wide figure such as engagement hours). */
  everyCapability?: boolean;
}

/**
 * `sum`: the counters added up (`name` for every key of it, `name|key` for one), less any `minus`;
 *   `pastDaysOnly`: the counters are keyed by London day, and only days before today count (actions
 *   due later in an unfinished quarter are not yet overdue);
 * `distinct`: how many keys of a keyed counter are above 0 (or at least `atLeast`: council areas visited twice);
 * `percent`: 100 × (sum of `part` less any `less`) / sum of `whole` (none when `whole` is 0);
 * `median`: the median key of a counter keyed by a number (days to close), weighted by its counts;
 * `marginOfError`: the 95% margin of error, in percentage points, of the `percent` of `part` in `whole`:
 *   the wider side of its Wilson interval (core/statistics.ts), as the consultation's own results give it;
 * `seenWithin`: the share of a ledger's members listed at the period's end (in `group`, if given) that
 *   were seen in the `months` before it (core/period-ledgers.ts): read from the ledger, not the counters.
 */
export type FigureSource =
  | { sum: readonly string[]; minus?: readonly string[]; pastDaysOnly?: boolean }
  | { distinct: string; atLeast?: number }
  | { percent: { part: readonly string[]; less?: readonly string[]; whole: readonly string[] } }
  | { median: string }
  | { marginOfError: { part: readonly string[]; whole: readonly string[] } }
  | { seenWithin: { ledger: string; months: number; group?: string } };

/** What a figure may need besides its quarter's counters. */
export interface FigureContext {
  /** Today, London (`YYYY-MM-DD`): for `pastDaysOnly`. */
  today?: string;
  /** The period's last London day, and the capability's ledgers as they stand: for `seenWithin`. */
  lastDay?: string;
  ledgers?: Record<string, Ledger>;
}

/** Who attended for the office: engagement figures count the Commissioner's and the Deputy's apart. */
export const officeAttendees = [
  { id: 'commissioner', label: 'The Commissioner' },
  { id: 'deputy', label: 'The Deputy Commissioner' },
  { id: 'staff', label: 'Staff of the office' },
] as const;
export type OfficeAttendee = (typeof officeAttendees)[number]['id'];
export const officeAttendeeIds = officeAttendees.map((a) => a.id) as [OfficeAttendee, ...OfficeAttendee[]];

/**
 * The engagement figures every capability that meets people declares alike (events and hours, the
 * Commissioner's and the Deputy's apart), over counters `events|<who>` and `hours|<who>`.
 */
export function engagementFigures(what: string, counted: string): FigureDeclaration[] {
  return [
    { id: 'engagement-events', name: `Engagement events: ${what}`, definition: `${what} attended for the office`, unit: 'count', counted, from: { sum: ['events'] } },
    { id: 'engagement-events-commissioner', name: `Engagement events: ${what}, the Commissioner`, definition: `${what} the Commissioner attended`, unit: 'count', counted, from: { sum: ['events|commissioner'] } },
    { id: 'engagement-events-deputy', name: `Engagement events: ${what}, the Deputy`, definition: `${what} the Deputy Commissioner attended`, unit: 'count', counted, from: { sum: ['events|deputy'] } },
    { id: 'engagement-hours', name: `Engagement hours: ${what}`, definition: `Hours of ${what.toLowerCase()} attended for the office, from start to end`, unit: 'hours', counted, from: { sum: ['hours'] }, decimals: 1 },
  ];
}

/** A record's engagement counters: one event and its hours, under who attended. */
export const engagementCounts = (who: OfficeAttendee, hours: number): Counts => ({ [`events|${who}`]: 1, [`hours|${who}`]: hours });

/**
 * The quarter a record is filed in; undefined for a date no report can show (before April 2000 or after
 * March 2099, the reporting years of core/periods.ts: a due date typed as 2099, say), which is not counted.
 */
function quarterOf(at: string): string | undefined {
  try {
    return quarterContaining(at).id;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The quarter's counters the records moved, netted per quarter: `before` taken away, `after` added. */
export function countsChange(before: DatedCounts | undefined, after: DatedCounts | undefined): DatedCounts[] {
  const byQuarter = new Map<string, DatedCounts>();
  for (const [sign, record] of [[-1, before], [1, after]] as const) {
    const q = record && quarterOf(record.at);
    if (!record || !q) continue;
    const entry = byQuarter.get(q) ?? byQuarter.set(q, { at: record.at, counts: {} }).get(q)!;
    for (const [name, n] of Object.entries(record.counts)) entry.counts[name] = (entry.counts[name] ?? 0) + sign * n;
  }
  return [...byQuarter.values()];
}

/**
 * The updates that add `changes` to the capability's quarter counters: one item per quarter touched,
 * nothing for a zero. A record that comes in bursts (a consultation's responses) spreads over more
 * shards (`shards`), called afresh on each try of its transaction so a conflict moves it elsewhere.
 */
export function figureWrites(capability: string, changes: readonly DatedCounts[], options: { shards?: number } = {}): NamedWrite[] {
  const shard = () => Math.floor(Math.random() * (options.shards ?? FIGURE_SHARDS));
  const byQuarter = new Map<string, Counts>();
  for (const change of changes) {
    const q = quarterOf(change.at);
    if (!q) continue;
    const counts = byQuarter.get(q) ?? byQuarter.set(q, {}).get(q)!;
    for (const [name, n] of Object.entries(change.counts)) counts[name] = (counts[name] ?? 0) + n;
  }
  const writes: NamedWrite[] = [];
  for (const [quarter, counts] of byQuarter) {
    const moved = Object.entries(counts).filter(([, n]) => n !== 0 && Number.isFinite(n));
    if (!moved.length) continue;
    const names: Record<string, string> = { '#type': 'type', '#q': 'quarter', '#cap': 'capability' };
    const vals: Record<string, unknown> = { ':type': 'period-figures', ':q': quarter, ':cap': capability };
    const adds = moved.map(([name, n], i) => {
      names[`#c${i}`] = name;
      // Hours and the like are kept to the minute: no binary fractions piling up in a sum.
      vals[`:c${i}`] = Math.round(n * 1000) / 1000;
      return `#c${i} :c${i}`;
    });
    writes.push({
      name: `figures-${quarter}`,
      write: update({ pk: `${periodFigureKeys.periodFigures}${quarter}`, sk: `${capability}#${shard()}` }, `SET #type = :type, #q = :q, #cap = :cap ADD ${adds.join(', ')}`, { names, values: vals }),
    });
  }
  return writes;
}

const NOT_COUNTERS = new Set(['pk', 'sk', 'type', 'quarter', 'capability']);

/** Every capability's counters for a quarter, shards added up: one Query, its size set by the figures, not the records. */
export async function quarterCounters(quarterId: string): Promise<Record<string, Counts>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: values({ ':pk': `${periodFigureKeys.periodFigures}${quarterId}` }),
    ConsistentRead: true,
  });
  const byCapability: Record<string, Counts> = {};
  for (const item of items) {
    const plain = unmarshal(item);
    const counts = (byCapability[String(plain['capability'])] ??= {});
    for (const [name, value] of Object.entries(plain)) {
      if (!NOT_COUNTERS.has(name) && typeof value === 'number') counts[name] = Math.round(((counts[name] ?? 0) + value) * 1000) / 1000;
    }
  }
  return byCapability;
}

/** The sum of named counters: `name` takes every key of it too (`hours` = `hours|commissioner` + `hours|deputy` + ...). */
export function sumOf(counts: Counts, names: readonly string[]): number {
  let total = 0;
  for (const [counter, n] of Object.entries(counts)) {
    if (names.some((name) => counter === name || (!name.includes('|') && counter.startsWith(`${name}|`)))) total += n;
  }
  return total;
}

/** A counter's keys with their counts above 0: `keyed(counts, 'themes')` → `{ burglary: 3, ... }`. */
export function keyed(counts: Counts, name: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([counter, n]) => counter.startsWith(`${name}|`) && n > 0)
      .map(([counter, n]) => [counter.slice(name.length + 1), n]),
  );
}

/** Counters keyed by a London day from `today` on left out: not yet due. */
const beforeToday = (counts: Counts, today: string | undefined): Counts =>
  today ? Object.fromEntries(Object.entries(counts).filter(([name]) => !(/\|\d{4}-\d{2}-\d{2}$/.test(name) && name.slice(-10) >= today))) : counts;

/** A figure's value from its counters; null when it cannot be said (a percentage of nothing, a median of none). */
export function figureValue(source: FigureSource, counts: Counts, context: FigureContext = {}): number | null {
  if ('sum' in source) {
    const counted = source.pastDaysOnly ? beforeToday(counts, context.today) : counts;
    return sumOf(counted, source.sum) - sumOf(counted, source.minus ?? []);
  }
  if ('marginOfError' in source) {
    const n = sumOf(counts, source.marginOfError.whole);
    const x = sumOf(counts, source.marginOfError.part);
    const interval = wilson(x, n);
    return interval ? 100 * Math.max(x / n - interval.low, interval.high - x / n) : null;
  }
  if ('seenWithin' in source) {
    return context.lastDay ? shareSeenWithin(context.ledgers?.[source.seenWithin.ledger], context.lastDay, source.seenWithin.months, source.seenWithin.group) : null;
  }
  if ('distinct' in source) return Object.values(keyed(counts, source.distinct)).filter((n) => n >= (source.atLeast ?? 1)).length;
  if ('percent' in source) {
    const whole = sumOf(counts, source.percent.whole);
    return whole > 0 ? (100 * (sumOf(counts, source.percent.part) - sumOf(counts, source.percent.less ?? []))) / whole : null;
  }
  const entries = Object.entries(keyed(counts, source.median))
    .map(([key, n]) => [Number(key), n] as const)
    .filter(([key]) => Number.isFinite(key))
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  // The middle one, or the mean of the middle two.
  const at = (rank: number) => {
    let seen = 0;
    for (const [key, n] of entries) if ((seen += n) > rank) return key;
    return entries.at(-1)![0];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
