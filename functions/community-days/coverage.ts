/**
 * Coverage by council area: for a period, what visits each area had against the target, who was met,
 * hours of engagement, themes and the last visit. Whole London months come from the coverage counters
 * (store/coverage.ts), kept in the same transaction as every visit write; the days at either end that
 * do not make a whole month are counted from those days' visits. So the cost of a period depends on
 * its length, never on how many visits were ever logged.
 *
 *   const rows = await coverageByCouncilArea(periodFor({ kind: 'financial-year' }), { audience: 'public' });
 */
import { councilAreas, type CouncilAreaCode } from '../core/council-areas.js';
import { themes, type ThemeId } from '../core/themes.js';
import { londonDay } from '../core/time.js';
import { metKinds, minutesOf, peopleMet, type MetKind, type Visit } from './model.js';
import { dayRange, splitByMonth, targetFor, type Period } from './periods.js';
import { coverageForMonths, type CoverageChange, type Counters } from './store/coverage.js';
import { latestVisitIn, visitsStartingBetween } from './store/visits.js';

/** Staff see every visit; the public only published ones. */
export type Audience = 'staff' | 'public';

/** The counters one visit adds: for every visit, and again under `p.` when it is published. */
export function countersOf(visit: Visit): Counters {
  const own: Counters = { visits: 1, minutes: minutesOf(visit), people: peopleMet(visit), [visit.setting]: 1 };
  own['organisations'] = visit.met.reduce((n, m) => n + (m.organisations?.length ?? 0), 0);
  for (const m of visit.met) {
    own[`met.${m.kind}`] = m.count;
    own[`metVisits.${m.kind}`] = 1;
  }
  for (const theme of visit.themes) own[`theme.${theme}`] = 1;
  if (!visit.published) return own;
  return { ...own, ...Object.fromEntries(Object.entries(own).map(([k, v]) => [`p.${k}`, v])) };
}

const monthOf = (visit: Pick<Visit, 'startsAt'>) => londonDay(new Date(visit.startsAt)).slice(0, 7);

/** What a write moves: the counters of the visit as it was taken away, as it is now added. One change per month and area. */
export function coverageChanges(before: Visit | undefined, after: Visit | undefined): CoverageChange[] {
  const changes = new Map<string, CoverageChange>();
  const apply = (visit: Visit, sign: 1 | -1) => {
    const month = monthOf(visit);
    const key = `${month}#${visit.areaCode}`;
    const change = changes.get(key) ?? changes.set(key, { month, areaCode: visit.areaCode, counters: {} }).get(key)!;
    for (const [name, amount] of Object.entries(countersOf(visit))) change.counters[name] = (change.counters[name] ?? 0) + sign * amount;
  };
  if (before) apply(before, -1);
  if (after) apply(after, 1);
  return [...changes.values()];
}

export interface AreaCoverage {
  code: CouncilAreaCode;
  name: string;
  /** Visits in the period. */
  visits: number;
  /** Visits with the chosen theme, when one is chosen (what the map shades by). */
  themeVisits?: number;
  /** Visits the area needs in the period to be on course for the yearly target. */
  target: number;
  targetMet: boolean;
  minutes: number;
  people: number;
  organisations: number;
  urban: number;
  rural: number;
  met: Record<MetKind, { count: number; visits: number }>;
  themes: Array<{ id: ThemeId; count: number }>;
  /** The last visit up to the end of the period, if any. */
  lastVisit?: { id: string; startsAt: string; placeName: string };
}

const sum = (into: Counters, from: Counters) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

/** Counters per council area for the period: whole months from the summaries, the ends from their visits. */
export async function countersByArea(period: Pick<Period, 'firstDay' | 'lastDay'>, options: { visits?: readonly Visit[] } = {}): Promise<Map<string, Counters>> {
  const { wholeMonths, edges } = splitByMonth(period);
  const byArea = new Map<string, Counters>(councilAreas.map((a) => [a.code, {}]));
  const monthly = wholeMonths.length ? await coverageForMonths(wholeMonths[0]!, wholeMonths.at(-1)!) : [];
  for (const entry of monthly) if (byArea.has(entry.areaCode)) sum(byArea.get(entry.areaCode)!, entry.counters);
  for (const edge of edges) {
    const { from, to } = dayRange(edge);
    const visits = options.visits ? options.visits.filter((v) => v.startsAt >= from && v.startsAt < to) : await visitsStartingBetween(from, to);
    for (const visit of visits) if (byArea.has(visit.areaCode)) sum(byArea.get(visit.areaCode)!, countersOf(visit));
  }
  return byArea;
}

/** Each council area's latest visit before `before`: one item per area (published and unpublished kept apart). */
export async function lastVisits(before: string, audience: Audience): Promise<Map<string, Visit>> {
  const found = await Promise.all(
    councilAreas.map(async (area) => {
      const [published, unpublished] = await Promise.all([
        latestVisitIn(area.code, before, true),
        audience === 'staff' ? latestVisitIn(area.code, before, false) : Promise.resolve(undefined),
      ]);
      const latest = [published, unpublished].filter((v): v is Visit => Boolean(v)).sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0];
      return [area.code, latest] as const;
    }),
  );
  return new Map(found.filter((e): e is readonly [CouncilAreaCode, Visit] => Boolean(e[1])));
}

export interface CoverageOptions {
  audience: Audience;
  /** Count only visits with this theme. */
  theme?: ThemeId;
  /** Visits a year each area should have (the target). */
  targetPerYear: number;
  /** The period's visits, when the caller has them already (the map): the ends are counted from them. */
  visits?: readonly Visit[];
}

/** Coverage of every council area in the period, in the order of the council-area list. */
export async function coverageByCouncilArea(period: Period, options: CoverageOptions): Promise<AreaCoverage[]> {
  const edgeVisits = options.visits && options.audience === 'public' ? options.visits.filter((v) => v.published) : options.visits;
  const [counters, latest] = await Promise.all([countersByArea(period, { visits: edgeVisits }), lastVisits(period.to, options.audience)]);
  const prefix = options.audience === 'public' ? 'p.' : '';
  const target = targetFor(period, options.targetPerYear);
  return councilAreas.map((area) => {
    const c = counters.get(area.code) ?? {};
    const n = (name: string) => Math.max(0, c[`${prefix}${name}`] ?? 0);
    const visits = n('visits');
    const last = latest.get(area.code);
    return {
      code: area.code,
      name: area.name,
      visits,
      ...(options.theme ? { themeVisits: n(`theme.${options.theme}`) } : {}),
      target,
      targetMet: visits >= target,
      minutes: n('minutes'),
      people: n('people'),
      organisations: n('organisations'),
      urban: n('urban'),
      rural: n('rural'),
      met: Object.fromEntries(metKinds.map((k) => [k.id, { count: n(`met.${k.id}`), visits: n(`metVisits.${k.id}`) }])) as AreaCoverage['met'],
      themes: themes.map((t) => ({ id: t.id, count: n(`theme.${t.id}`) })).filter((t) => t.count > 0).sort((a, b) => b.count - a.count),
      ...(last ? { lastVisit: { id: last.id, startsAt: last.startsAt, placeName: last.placeName } } : {}),
    };
  });
}
