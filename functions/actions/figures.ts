/**
 * The action log's figures for a span of months: by default the 12 months to today. Built from the
 * whole log (core/actions/log.ts), so "overdue now" and "open now" are always as of today.
 */
import { actionFigures, listActions, monthsFrom, type ActionFigures, type ActionFilter } from '../core/actions/log.js';
import { londonDay } from '../core/time.js';
import type { Period } from '../core/ui/date-input.js';

const monthName = (month: string) => new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

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
