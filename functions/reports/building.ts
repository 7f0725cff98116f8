/**
 * A quarter's figures from the counters every capability keeps (core/period-figures.ts), as each
 * manifest declares them: this quarter, the one before, the same quarter a year earlier, and the last
 * TREND_QUARTERS for the charts. Reads one Query per quarter of counters, and one of every ledger
 * (core/period-ledgers.ts), whatever the number of records.
 *
 *   const data = await quarterData(quarterById('2026-27-Q3'));
 */
import type { Capability } from '../core/capability.js';
import { figureValue, keyed, type Counts, type FigureDeclaration } from '../core/period-figures.js';
import { readLedgers, type Ledger } from '../core/period-ledgers.js';
import { lastQuarters, previousQuarter, sameQuarterLastYear, type Quarter } from '../core/periods.js';
import { londonDay } from '../core/time.js';
import { platformCapabilities } from '../core/platform.js';
import { quarterCounters } from '../core/period-figures.js';
import { themeLabel } from '../core/themes.js';

/** Quarters on each chart: three years, within the 12 to 24 Wheeler's charts want. */
export const TREND_QUARTERS = 12;

export interface ReportFigure {
  /** `<capability>.<figure id>`: unique in a report. */
  key: string;
  name: string;
  definition: string;
  counted: string;
  unit: FigureDeclaration['unit'];
  decimals: number;
  current: number | null;
  previous: number | null;
  yearEarlier: number | null;
  /** The last quarters with figures, oldest first (the chart's points). */
  trend: Array<{ quarterId: string; value: number | null }>;
}

export interface ReportData {
  quarterId: string;
  sections: Array<{ capability: string; heading: string; figures: ReportFigure[] }>;
  /** Themes raised across every capability (community days, meetings, surgeries, logged engagement). */
  themes: Array<{ theme: string; label: string; current: number; previous: number; yearEarlier: number }>;
}

/** Section headings in the reader's words, by capability; otherwise its staff navigation's text. */
const HEADINGS: Record<string, string> = { reports: 'Across the office', 'community-days': 'Community days', meetings: 'Public meetings', surgeries: 'Parish council surgeries', consultations: 'Consultations', actions: 'Actions arising' };

type Counters = Record<string, Counts>;

/** Every capability's counters added together, for a figure declared over every capability. */
function merged(counters: Counters): Counts {
  const all: Counts = {};
  for (const counts of Object.values(counters)) for (const [name, n] of Object.entries(counts)) all[name] = (all[name] ?? 0) + n;
  return all;
}

/** What the figures are read from: each quarter's counters, the ledgers as they stand, and today (London). */
export interface Readings {
  counters: Map<string, Counters>;
  ledgers: Record<string, Record<string, Ledger>>;
  today: string;
}

/** A figure for a period ending on `lastDay`, from its counters (none: not available). */
const valueOf = (cap: Capability, f: FigureDeclaration, counters: Counters | undefined, readings: Readings, lastDay: string): number | null =>
  counters
    ? figureValue(f.from, f.everyCapability ? merged(counters) : (counters[cap.name] ?? {}), { today: readings.today, lastDay, ...(readings.ledgers[cap.name] ? { ledgers: readings.ledgers[cap.name] } : {}) })
    : null;

/**
 * The quarters a chart shows: the last TREND_QUARTERS, less those before the first that any capability
 * counted anything in (the platform was not yet recording: not a quarter of zeros).
 */
function collected(quarters: readonly Quarter[], counters: Map<string, Counters>): Quarter[] {
  const first = quarters.findIndex((q) => Object.keys(counters.get(q.id) ?? {}).length > 0);
  return first < 0 ? quarters.slice(-1) : quarters.slice(first);
}

/** Reads the counters of `quarters` (one Query each) and the ledgers (one Query), at once. */
export async function readingsFor(quarters: readonly Quarter[], now: Date = new Date()): Promise<Readings> {
  const [read, ledgers] = await Promise.all([Promise.all(quarters.map(async (q) => [q.id, await quarterCounters(q.id)] as const)), readLedgers()]);
  return { counters: new Map(read), ledgers, today: londonDay(now) };
}

export function buildData(q: Quarter, readings: Readings, capabilities: readonly Capability[] = platformCapabilities()): ReportData {
  const { counters } = readings;
  const window = collected(lastQuarters(TREND_QUARTERS, q), counters);
  const at = (quarter: Quarter) => counters.get(quarter.id);
  // The quarter before and a year earlier are "not available" when they come before anything was recorded.
  const inWindow = (quarter: Quarter) => (window.some((w) => w.id === quarter.id) ? counters.get(quarter.id) : undefined);
  // Reports' own section (the office's engagement across capabilities) first, then each capability's.
  const ordered = [...capabilities].sort((a, b) => Number(b.name === 'reports') - Number(a.name === 'reports'));
  const sections = ordered
    .filter((cap) => cap.figures?.length)
    .map((cap) => ({
      capability: cap.name,
      heading: HEADINGS[cap.name] ?? cap.navigation?.staff?.[0]?.text ?? cap.name,
      figures: cap.figures!.map((f) => ({
        key: `${cap.name}.${f.id}`,
        name: f.name,
        definition: f.definition,
        counted: f.counted,
        unit: f.unit,
        decimals: f.decimals ?? 0,
        current: valueOf(cap, f, at(q), readings, q.lastDay),
        previous: valueOf(cap, f, inWindow(previousQuarter(q)), readings, previousQuarter(q).lastDay),
        yearEarlier: valueOf(cap, f, inWindow(sameQuarterLastYear(q)), readings, sameQuarterLastYear(q).lastDay),
        trend: window.map((w) => ({ quarterId: w.id, value: valueOf(cap, f, counters.get(w.id), readings, w.lastDay) })),
      })),
    }));
  const themeCounts = (counts: Counters | undefined) => keyed(merged(counts ?? {}), 'themes');
  const [now, before, yearAgo] = [themeCounts(at(q)), themeCounts(inWindow(previousQuarter(q))), themeCounts(inWindow(sameQuarterLastYear(q)))];
  const themes = [...new Set([...Object.keys(now), ...Object.keys(before), ...Object.keys(yearAgo)])]
    .map((theme) => ({ theme, label: themeLabel(theme), current: now[theme] ?? 0, previous: before[theme] ?? 0, yearEarlier: yearAgo[theme] ?? 0 }))
    .sort((a, b) => b.current - a.current || a.label.localeCompare(b.label));
  return { quarterId: q.id, sections, themes };
}

/** A quarter's figures as they stand now. */
export async function quarterData(q: Quarter, now: Date = new Date()): Promise<ReportData> {
  return buildData(q, await readingsFor(lastQuarters(TREND_QUARTERS, q), now));
}

export interface YearFigure {
  key: string;
  name: string;
  definition: string;
  unit: FigureDeclaration['unit'];
  decimals: number;
  value: number | null;
  yearBefore: number | null;
}

/** Counters of several quarters added together: a year's, from which each figure is made as for a quarter. */
export function addedUp(each: ReadonlyArray<Counters | undefined>): Counters {
  const total: Counters = {};
  for (const counters of each) {
    for (const [cap, counts] of Object.entries(counters ?? {})) {
      const into = (total[cap] ??= {});
      for (const [name, n] of Object.entries(counts)) into[name] = (into[name] ?? 0) + n;
    }
  }
  return total;
}

/** A financial year's figures beside the year before's, from the eight quarters' counters (eight Queries). */
export function buildYear(thisYear: readonly Quarter[], yearBefore: readonly Quarter[], readings: Readings, capabilities: readonly Capability[] = platformCapabilities()) {
  const { counters } = readings;
  const now = addedUp(thisYear.map((q) => counters.get(q.id)));
  const before = addedUp(yearBefore.map((q) => counters.get(q.id)));
  const recorded = yearBefore.some((q) => Object.keys(counters.get(q.id) ?? {}).length > 0);
  const ordered = [...capabilities].sort((a, b) => Number(b.name === 'reports') - Number(a.name === 'reports'));
  const sections = ordered
    .filter((cap) => cap.figures?.length)
    .map((cap) => ({
      capability: cap.name,
      heading: HEADINGS[cap.name] ?? cap.navigation?.staff?.[0]?.text ?? cap.name,
      figures: cap.figures!.map(
        (f): YearFigure => ({
          key: `${cap.name}.${f.id}`,
          name: f.name,
          definition: f.definition,
          unit: f.unit,
          decimals: f.decimals ?? 0,
          value: valueOf(cap, f, now, readings, thisYear.at(-1)!.lastDay),
          yearBefore: recorded ? valueOf(cap, f, before, readings, yearBefore.at(-1)!.lastDay) : null,
        }),
      ),
    }));
  const themes = Object.entries(keyed(merged(now), 'themes'))
    .map(([theme, n]) => ({ theme, label: themeLabel(theme), count: n }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return { sections, themes };
}
