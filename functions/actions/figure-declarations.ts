/** The figures the action log reports (manifest data; core/period-figures.ts), from counters kept as actions are raised and closed. */
import { actionOwners, type ActionOwnerKind } from '../core/actions/model.js';
import type { FigureDeclaration } from '../core/period-figures.js';

/** Days to close, keyed by the days, for the actions one kind of owner closed (a counter of its own, so `days-to-close` stays the whole log's). */
export const ownerDaysCounter = (owner: ActionOwnerKind) => `days-to-close-by-${owner}`;

/**
 * For each kind of owner, its response time (the median days from raised to closed) and the share of its
 * actions with a due date closed by it: counted under the owner the action had when it closed.
 */
const ownerFigures: FigureDeclaration[] = actionOwners.flatMap((o) => [
  {
    id: `actions-median-days-${o.id}`,
    name: `Median days to close: ${o.label}`,
    definition: `The middle of the days actions owned by ${o.label.replace(/^A /, 'a ').replace(/^Another/, 'another')} took from being raised to being closed`,
    unit: 'days' as const,
    counted: 'The actions closed in the period with this owner, London days from raised to closed',
    from: { median: ownerDaysCounter(o.id) },
    decimals: 1,
  },
  {
    id: `actions-on-time-${o.id}`,
    name: `Closed on time: ${o.label}`,
    definition: `The share of actions owned by ${o.label.replace(/^A /, 'a ').replace(/^Another/, 'another')} with a due date that were closed on or before it`,
    unit: 'percent' as const,
    counted: 'The actions with a due date closed in the period with this owner',
    from: { percent: { part: [`on-time-by|${o.id}`], whole: [`on-time-by|${o.id}`, `late-by|${o.id}`] } },
    decimals: 1,
  },
]);

export const actionFigures: readonly FigureDeclaration[] = [
  { id: 'actions-opened', name: 'Actions opened', definition: 'Actions raised from any of the office’s work, or on their own', unit: 'count', counted: 'Each action raised in the period, once', from: { sum: ['opened'] } },
  { id: 'actions-closed', name: 'Actions closed', definition: 'Actions marked done or closed with no action', unit: 'count', counted: 'Each action closed in the period (reopened ones leave it)', from: { sum: ['closed'] } },
  {
    id: 'actions-overdue',
    name: 'Actions not done by their due date',
    definition: 'Actions due in the period that were not closed on or before their due date',
    unit: 'count',
    counted: 'Each action with a due date in the period that has passed (before today), less those closed by it: in a quarter not yet over, actions not yet due are not counted',
    from: { sum: ['due'], minus: ['due-met'], pastDaysOnly: true },
  },
  { id: 'actions-median-days', name: 'Median days to close an action', definition: 'The middle of the days actions took from being raised to being closed', unit: 'days', counted: 'The actions closed in the period, London days from raised to closed', from: { median: 'days-to-close' }, decimals: 1 },
  {
    id: 'actions-on-time',
    name: 'Actions closed on time',
    definition: 'The share of actions closed with a due date that were closed on or before it',
    unit: 'percent',
    counted: 'The actions with a due date closed in the period',
    from: { percent: { part: ['closed-on-time'], whole: ['closed-on-time', 'closed-late'] } },
    decimals: 1,
  },
  ...ownerFigures,
];
