/**
 * The action log as staff read it: every action (from any capability, or none), filtered by status,
 * owner, theme, source, council area and whether it is overdue; its figures (opened and closed per
 * month, overdue now, median days to close, share closed on time); and its rows for a spreadsheet.
 *
 *   const actions = await listActions({ status: 'open', source: 'community-days', overdue: true });
 *   const figures = actionFigures(await listActions(), { firstMonth: '2026-04', lastMonth: '2027-03', today: '2026-11-02' });
 *
 * The list is one Query on the log's index (gsi1 `ACTIONS`), newest first, filtered here: the office
 * raises a few hundred actions a year, so the whole log is a few hundred small items.
 */
import * as z from 'zod/mini';
import { councilAreaCode, councilAreaName, type CouncilAreaCode } from '../council-areas.js';
import { values } from '../store/items.js';
import { queryAll } from '../store/reads.js';
import { themeId, themeLabel, type ThemeId } from '../themes.js';
import { londonDay } from '../time.js';
import { actionOwnerKind, actionStatus, actionStatuses, isFinished, ownerLabel, type Action, type ActionOwnerKind, type ActionStatus } from './model.js';
import { actionKeys, toAction } from './store.js';

export interface ActionFilter {
  status?: ActionStatus;
  owner?: ActionOwnerKind;
  theme?: ThemeId;
  /** A capability's name, or `none` for actions raised on their own. */
  source?: string;
  areaCode?: CouncilAreaCode;
  /** Only actions past their due date and not finished. */
  overdue?: boolean;
}

const sourceName = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'Choose where the actions came from' }));

/** The filter as a query string gives it (`?status=open&overdue=yes`); empty values mean "any". */
export const actionFilterQuery = z.object({
  status: z.optional(z.union([z.literal(''), actionStatus], { error: 'Choose a status from the list' })),
  owner: z.optional(z.union([z.literal(''), actionOwnerKind], { error: 'Choose an owner from the list' })),
  theme: z.optional(z.union([z.literal(''), themeId], { error: 'Choose a theme from the list' })),
  source: z.optional(z.union([z.literal(''), sourceName], { error: 'Choose where the actions came from' })),
  area: z.optional(z.union([z.literal(''), councilAreaCode], { error: 'Choose a council area from the list' })),
  overdue: z.optional(z.enum(['', 'yes', 'no'], { error: 'Say yes or no to overdue' })),
});
export type ActionFilterQuery = z.infer<typeof actionFilterQuery>;

export function filterFromQuery(query: ActionFilterQuery): ActionFilter {
  return {
    ...(query.status ? { status: query.status } : {}),
    ...(query.owner ? { owner: query.owner } : {}),
    ...(query.theme ? { theme: query.theme } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.area ? { areaCode: query.area } : {}),
    ...(query.overdue === 'yes' ? { overdue: true } : {}),
  };
}

/** The filter back as query parameters (for links: the CSV of what is shown). */
export function filterToQuery(filter: ActionFilter): Record<string, string> {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.owner ? { owner: filter.owner } : {}),
    ...(filter.theme ? { theme: filter.theme } : {}),
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.areaCode ? { area: filter.areaCode } : {}),
    ...(filter.overdue ? { overdue: 'yes' } : {}),
  };
}

/** Past its due date (a London day) and not finished. */
export const isOverdue = (action: Action, today: string) => !isFinished(action.status) && action.dueOn !== undefined && action.dueOn < today;

export function matchesFilter(action: Action, filter: ActionFilter, today: string): boolean {
  if (filter.status && action.status !== filter.status) return false;
  if (filter.owner && action.owner.kind !== filter.owner) return false;
  if (filter.theme && action.theme !== filter.theme) return false;
  if (filter.source && (action.source?.capability ?? 'none') !== filter.source) return false;
  if (filter.areaCode && action.areaCode !== filter.areaCode) return false;
  if (filter.overdue && !isOverdue(action, today)) return false;
  return true;
}

/** Every action matching the filter, newest first. */
export async function listActions(filter: ActionFilter = {}, now: Date = new Date()): Promise<Action[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: values({ ':pk': actionKeys.allActions }),
    ScanIndexForward: false,
  });
  const today = londonDay(now);
  return items.map(toAction).filter((a) => matchesFilter(a, filter, today));
}

// ---------------------------------------------------------------------------------------------------
// Figures

export interface ActionFigures {
  months: Array<{ month: string; opened: number; closed: number }>;
  openNow: number;
  overdueNow: number;
  /** Median whole days from opening to closing, over actions closed in the months shown. */
  medianDaysToClose?: number;
  /** Of actions closed in the months shown that had a due date, the share closed by it (0 to 1). */
  onTimeShare?: number;
  closedWithDueDate: number;
  closedOnTime: number;
}

const DAY_MS = 86_400_000;
const monthOf = (iso: string) => londonDay(new Date(iso)).slice(0, 7);
/** Whole days between two London days. */
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / DAY_MS);

export function median(numbers: readonly number[]): number | undefined {
  if (!numbers.length) return undefined;
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `YYYY-MM` months from `first` to `last`. */
export function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  while (months.length < 1200) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    months.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** Figures for the months from `firstMonth` to `lastMonth` (London), and for now (`today`). */
export function actionFigures(actions: readonly Action[], options: { firstMonth: string; lastMonth: string; today: string }): ActionFigures {
  const months = monthsFrom(options.firstMonth, options.lastMonth).map((month) => ({ month, opened: 0, closed: 0 }));
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const daysToClose: number[] = [];
  let closedWithDueDate = 0;
  let closedOnTime = 0;
  for (const action of actions) {
    const opened = byMonth.get(monthOf(action.createdAt));
    if (opened) opened.opened++;
    if (!isFinished(action.status) || !action.finishedAt) continue;
    const closed = byMonth.get(monthOf(action.finishedAt));
    if (!closed) continue;
    closed.closed++;
    const finishedDay = londonDay(new Date(action.finishedAt));
    daysToClose.push(daysBetween(londonDay(new Date(action.createdAt)), finishedDay));
    if (action.dueOn) {
      closedWithDueDate++;
      if (finishedDay <= action.dueOn) closedOnTime++;
    }
  }
  const medianDays = median(daysToClose);
  return {
    months,
    openNow: actions.filter((a) => !isFinished(a.status)).length,
    overdueNow: actions.filter((a) => isOverdue(a, options.today)).length,
    ...(medianDays !== undefined ? { medianDaysToClose: medianDays } : {}),
    ...(closedWithDueDate ? { onTimeShare: closedOnTime / closedWithDueDate } : {}),
    closedWithDueDate,
    closedOnTime,
  };
}

// ---------------------------------------------------------------------------------------------------
// Words and rows

export const statusLabel = (status: string) => actionStatuses.find((s) => s.id === status)?.label ?? status;

/** Rows for a spreadsheet: one per action, its latest note last. */
export function actionRows(actions: readonly Action[], today: string): Array<Array<string | number>> {
  return [
    ['Reference', 'What', 'Status', 'Owner', 'Theme', 'Council area', 'Source', 'Due', 'Overdue', 'Opened', 'Opened by', 'Closed', 'Latest update', 'Latest note'],
    ...actions.map((a) => {
      const latest = a.history.at(-1);
      return [
        a.id,
        a.what,
        statusLabel(a.status),
        ownerLabel(a.owner),
        a.theme ? themeLabel(a.theme) : '',
        a.areaCode ? councilAreaName(a.areaCode) : '',
        a.source?.label ?? 'None',
        a.dueOn ?? '',
        isOverdue(a, today) ? 'Yes' : 'No',
        londonDay(new Date(a.createdAt)),
        a.createdBy,
        a.finishedAt ? londonDay(new Date(a.finishedAt)) : '',
        latest ? `${londonDay(new Date(latest.at))} ${latest.by}: ${latest.summary}` : '',
        [...a.history].reverse().find((h) => h.note)?.note ?? '',
      ];
    }),
  ];
}
