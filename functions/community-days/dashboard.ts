/**
 * The staff dashboard: for a period, what the office reports to the Police and Crime Panel. Visits by
 * council area against the target, who was met, hours of engagement, themes (overall and by area),
 * and the actions arising (opened and closed in the period, overdue now). Each table is also a
 * spreadsheet; its first row is its heading.
 */
import { isFinished, isOverdue } from '../core/actions/model.js';
import { actionsRaisedBy } from '../core/actions/store.js';
import { councilAreas } from '../core/council-areas.js';
import { themeLabel, themes } from '../core/themes.js';
import { formatLondonDate, londonDay } from '../core/time.js';
import { csvDate } from '../core/ui/csv.js';
import { coverageByCouncilArea, type AreaCoverage } from './coverage.js';
import { metKinds } from './model.js';
import type { Period } from './periods.js';
import { communityDaysSettings } from './settings.js';
import { CAPABILITY } from './visits.js';

export const dashboardTables = [
  { id: 'coverage', title: 'Visits by council area against the target' },
  { id: 'groups-met', title: 'Who was met' },
  { id: 'themes', title: 'Themes raised' },
  { id: 'themes-by-area', title: 'Themes by council area' },
  { id: 'actions', title: 'Actions arising' },
] as const;
export type DashboardTable = (typeof dashboardTables)[number]['id'];

export type Cell = string | number;

export interface Dashboard {
  period: Pick<Period, 'from' | 'to' | 'firstDay' | 'lastDay' | 'label'>;
  target: { perYear: number; inPeriod: number };
  totals: { visits: number; areasMeetingTarget: number; hours: number; people: number; organisations: number; actionsOpened: number; actionsClosed: number; actionsOverdue: number };
  /** Each table as the page shows it (`rows`, dates in words) and as its spreadsheet (`csvRows`, ISO dates: core/ui/csv.ts). */
  tables: Record<DashboardTable, { title: string; rows: Cell[][]; csvRows: Cell[][] }>;
}

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

function coverageRows(areas: AreaCoverage[], forCsv = false): Cell[][] {
  const total = (f: (a: AreaCoverage) => number) => areas.reduce((n, a) => n + f(a), 0);
  // The spreadsheet has the last visit's date (ISO) and place in columns of their own.
  const last = (a: AreaCoverage): Cell[] =>
    forCsv ? [csvDate(a.lastVisit?.startsAt), a.lastVisit?.placeName ?? ''] : [a.lastVisit ? `${formatLondonDate(a.lastVisit.startsAt)}, ${a.lastVisit.placeName}` : 'None'];
  return [
    ['Council area', 'Visits', 'Target', 'Target met', 'Urban', 'Rural', 'Hours of engagement', 'People and groups met', ...(forCsv ? ['Last visit', 'Last visit place'] : ['Last visit'])],
    ...areas.map((a) => [a.name, a.visits, a.target, a.targetMet ? 'Yes' : 'No', a.urban, a.rural, hours(a.minutes), a.people, ...last(a)]),
    ['All council areas', total((a) => a.visits), '', `${areas.filter((a) => a.targetMet).length} of ${areas.length}`, total((a) => a.urban), total((a) => a.rural), hours(total((a) => a.minutes)), total((a) => a.people), ...(forCsv ? ['', ''] : [''])],
  ];
}

function groupsRows(areas: AreaCoverage[]): Cell[][] {
  return [
    ['Who', 'Number met', 'Visits where met', ...areas.map((a) => a.name)],
    ...metKinds.map((k) => [k.label, areas.reduce((n, a) => n + a.met[k.id].count, 0), areas.reduce((n, a) => n + a.met[k.id].visits, 0), ...areas.map((a) => a.met[k.id].count)]),
    ['Organisations named', areas.reduce((n, a) => n + a.organisations, 0), '', ...areas.map((a) => a.organisations)],
  ];
}

function themeRows(areas: AreaCoverage[], byArea: boolean): Cell[][] {
  const count = (a: AreaCoverage, id: string) => a.themes.find((t) => t.id === id)?.count ?? 0;
  const rows = themes
    .map((t) => ({ label: themeLabel(t.id), total: areas.reduce((n, a) => n + count(a, t.id), 0), perArea: areas.map((a) => count(a, t.id)) }))
    .filter((t) => t.total > 0)
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  if (!byArea) return [['Theme', 'Visits where raised'], ...rows.map((t) => [t.label, t.total])];
  return [['Theme', ...areas.map((a) => a.name), 'All council areas'], ...rows.map((t) => [t.label, ...t.perArea, t.total])];
}

export async function communityDaysDashboard(period: Period, now: Date = new Date()): Promise<Dashboard> {
  const { targetPerYear } = communityDaysSettings();
  const [areas, actions] = await Promise.all([coverageByCouncilArea(period, { audience: 'staff', targetPerYear }), actionsRaisedBy(CAPABILITY)]);
  const today = londonDay(now);
  const inPeriod = (iso?: string) => iso !== undefined && iso >= period.from && iso < period.to;
  const actionRows: Cell[][] = [
    ['Council area', 'Opened in the period', 'Closed in the period', 'Open now', 'Overdue now'],
    ...[...councilAreas.map((a) => ({ code: a.code as string | undefined, name: a.name })), { code: undefined, name: 'No council area' }].map((area) => {
      const mine = actions.filter((a) => a.areaCode === area.code);
      return [area.name, mine.filter((a) => inPeriod(a.createdAt)).length, mine.filter((a) => isFinished(a.status) && inPeriod(a.finishedAt)).length, mine.filter((a) => !isFinished(a.status)).length, mine.filter((a) => isOverdue(a, today)).length];
    }),
  ];
  const actionTotals = actionRows.slice(1).reduce<number[]>((t, r) => t.map((n, i) => n + Number(r[i + 1])), [0, 0, 0, 0]);
  actionRows.push(['All', ...actionTotals]);
  const total = (f: (a: AreaCoverage) => number) => areas.reduce((n, a) => n + f(a), 0);
  const rowsOf: Record<DashboardTable, Cell[][]> = {
    coverage: coverageRows(areas),
    'groups-met': groupsRows(areas),
    themes: themeRows(areas, false),
    'themes-by-area': themeRows(areas, true),
    actions: actionRows,
  };
  return {
    period: { from: period.from, to: period.to, firstDay: period.firstDay, lastDay: period.lastDay, label: period.label },
    target: { perYear: targetPerYear, inPeriod: areas[0]?.target ?? 0 },
    totals: {
      visits: total((a) => a.visits),
      areasMeetingTarget: areas.filter((a) => a.targetMet).length,
      hours: hours(total((a) => a.minutes)),
      people: total((a) => a.people),
      organisations: total((a) => a.organisations),
      actionsOpened: actionTotals[0]!,
      actionsClosed: actionTotals[1]!,
      actionsOverdue: actionTotals[3]!,
    },
    tables: Object.fromEntries(
      dashboardTables.map((t) => [t.id, { title: t.title, rows: rowsOf[t.id], csvRows: t.id === 'coverage' ? coverageRows(areas, true) : rowsOf[t.id] }]),
    ) as Dashboard['tables'],
  };
}
