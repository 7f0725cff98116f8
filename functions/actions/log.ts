/**
 * The action log as staff read it: every action (from any capability, or none), filtered by status,
 * owner, theme, source, council area and whether it is overdue, and its rows for a spreadsheet.
 *
 *   const actions = await listActions({ status: 'open', source: 'community-days', overdue: true });
 *
 * The list is one Query on the log's index (gsi1 `ACTIONS`), newest first, filtered here: the office
 * raises a few hundred actions a year, so the whole log is a few hundred small items.
 */
import { isOverdue, ownerLabel, statusLabel, type Action } from '../core/actions/model.js';
import { councilAreaName } from '../core/council-areas.js';
import { themeLabel } from '../core/themes.js';
import { londonDay } from '../core/time.js';
import type { ActionFilter } from './model.js';
import { everyAction } from './store/actions.js';

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
  const today = londonDay(now);
  return (await everyAction()).filter((a) => matchesFilter(a, filter, today));
}

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
