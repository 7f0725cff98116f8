/**
 * What staff send the action log: a change of status against the version they saw, and the filter of
 * the list (as a query string gives it). The action itself is the platform's contract (core/actions/model.ts).
 */
import * as z from 'zod/mini';
import { actionOwnerKind, actionStatus, ownerNeedsName, type ActionOwnerKind, type ActionStatus } from '../core/actions/model.js';
import { councilAreaCode, type CouncilAreaCode } from '../core/council-areas.js';
import { themeId, type ThemeId } from '../core/themes.js';
import { isoDay, optionalText } from '../core/validation.js';

/** A change of status (with an optional note), against the version the person saw. */
export const actionChangeInput = z.object({
  version: z.int({ error: 'The version of the action is missing' }),
  status: actionStatus,
  note: optionalText({ label: 'a note', max: 1000, multiline: true }),
});
export type ActionChangeInput = z.infer<typeof actionChangeInput>;

/** A new owner or due date (or both), against the version the person saw; no due date takes it away. */
export const actionOwnerChangeInput = z
  .object({
    version: z.int({ error: 'The version of the action is missing' }),
    owner: z.object({ kind: actionOwnerKind, name: optionalText({ label: 'the owner’s name', max: 120 }) }),
    dueOn: z.optional(isoDay('Enter a due date as a real date, like 2026-04-01')),
    note: optionalText({ label: 'a note', max: 1000, multiline: true }),
  })
  .check(z.refine((a) => !ownerNeedsName(a.owner.kind) || Boolean(a.owner.name), { error: 'Enter the name of the owner', path: ['owner', 'name'] }));
export type ActionOwnerChangeInput = z.infer<typeof actionOwnerChangeInput>;

/** Shown on the public page it came from or not, with what happened in words for residents, against the version seen. */
export const actionPublicInput = z
  .object({
    version: z.int({ error: 'The version of the action is missing' }),
    public: z.boolean({ error: 'Say whether to show it on the public page' }),
    outcome: optionalText({ label: 'what happened', max: 1000, multiline: true }),
  })
  .check(z.refine((a) => !a.public || Boolean(a.outcome), { error: 'Enter what happened, for residents to read', path: ['outcome'] }));
export type ActionPublicInput = z.infer<typeof actionPublicInput>;

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
