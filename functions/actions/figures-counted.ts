/**
 * What closing an action counts for the office's reports (./figure-declarations.ts; raising one is
 * counted by core's `actionWrites`): in the quarter it closed, that it closed, after how many days,
 * and whether by its due date; in the quarter it was due, that its due date (the key) was met. A status change
 * takes away what the action counted as it was and adds what it counts now, so reopening and closing
 * again moves the figures with it.
 */
import { dueInstant } from '../core/actions/store.js';
import { isFinished, type Action } from '../core/actions/model.js';
import type { DatedCounts } from '../core/period-figures.js';
import { londonDay } from '../core/time.js';
import { ownerDaysCounter } from './figure-declarations.js';

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY);

export function closedCounts(action: Pick<Action, 'status' | 'finishedAt' | 'createdAt' | 'dueOn' | 'owner'>): DatedCounts[] {
  if (!isFinished(action.status) || !action.finishedAt) return [];
  const closedOn = londonDay(new Date(action.finishedAt));
  const onTime = action.dueOn !== undefined && closedOn <= action.dueOn;
  const days = daysBetween(londonDay(new Date(action.createdAt)), closedOn);
  // Also under the owner it closed with: each owner's response time and share on time (ownerFigures).
  const counts: Record<string, number> = { closed: 1, [`days-to-close|${days}`]: 1, [`${ownerDaysCounter(action.owner.kind)}|${days}`]: 1 };
  if (action.dueOn) {
    counts[onTime ? 'closed-on-time' : 'closed-late'] = 1;
    counts[`${onTime ? 'on-time-by' : 'late-by'}|${action.owner.kind}`] = 1;
  }
  return [{ at: action.finishedAt, counts }, ...(onTime ? [{ at: dueInstant(action.dueOn!), counts: { [`due-met|${action.dueOn}`]: 1 } }] : [])];
}

/** `after` counted, `before` taken away: the counts a status change moves. */
export const closedCountsChange = (before: Parameters<typeof closedCounts>[0], after: Parameters<typeof closedCounts>[0]): DatedCounts[] => [
  ...closedCounts(before).map((c) => ({ at: c.at, counts: Object.fromEntries(Object.entries(c.counts).map(([k, n]) => [k, -n])) })),
  ...closedCounts(after),
];
