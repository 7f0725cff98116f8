/** The figures the action log reports (manifest data; core/period-figures.ts), from counters kept as actions are raised and closed. */
import type { FigureDeclaration } from '../core/period-figures.js';

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
];
