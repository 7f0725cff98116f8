/**
 * The action log's figures for a span of months (by default the 12 months to today): opened and
 * closed per month, open and overdue now, median days to close, share closed on time. Built from the
 * whole log, so "overdue now" and "open now" are always as of today.
 *
 *   const { figures, label } = await figuresFor({ from, to }, new Date());
 */
import { isFinished, isOverdue, type Action } from '../core/actions/model.js';
import { londonDay } from '../core/time.js';
import type { Period } from '../core/ui/date-input.js';
import { listActions } from './log.js';
import type { ActionFilter } from './model.js';

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

export const monthName = (month: string) => new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

/** The first and last London months of a period of days; the 12 months to `now` when it is open-ended. */
export function monthsOf(period: Period, now: Date): { firstMonth: string; lastMonth: string } {
  const lastMonth = (period.to ? londonDay(new Date(period.to.getTime() - 1)) : londonDay(now)).slice(0, 7);
  const firstMonth = period.from ? londonDay(period.from).slice(0, 7) : monthsFrom('2000-01', lastMonth).at(-12) ?? lastMonth;
  return { firstMonth, lastMonth: lastMonth < firstMonth ? firstMonth : lastMonth };
}

export async function figuresFor(period: Period, now: Date, filter: ActionFilter = {}): Promise<{ figures: ActionFigures; label: string }> {
  const { firstMonth, lastMonth } = monthsOf(period, now);
  const figures = actionFigures(await listActions(filter, now), { firstMonth, lastMonth, today: londonDay(now) });
  const label = firstMonth === lastMonth ? monthName(firstMonth) : `${monthName(firstMonth)} to ${monthName(lastMonth)}`;
  return { figures, label };
}

export function figuresRows(figures: ActionFigures): Array<Array<string | number>> {
  return [
    ['Month', 'Opened', 'Closed'],
    ...figures.months.map((m) => [m.month, m.opened, m.closed]),
    [],
    ['Open now', figures.openNow],
    ['Overdue now', figures.overdueNow],
    ['Median days to close', figures.medianDaysToClose ?? ''],
    ['Closed on time', figures.onTimeShare === undefined ? '' : `${Math.round(figures.onTimeShare * 100)}%`],
    ['Closed with a due date', figures.closedWithDueDate],
    ['Closed by the due date', figures.closedOnTime],
  ];
}
