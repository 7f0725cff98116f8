/**
 * An action arising from any capability's work (a surgery's outcome, a community-day visit, a public
 * meeting, a consultation's decision) or from none: what, where it came from, who owns it, when it is
 * due, its status and the history of every change. The contract every capability raises and shows
 * actions through (the action log itself, functions/actions, lists, changes and counts them).
 * Capability-neutral: the source is a capability name and an item id, never an import of that capability.
 */
import * as z from 'zod/mini';
import { councilAreaCode, type CouncilAreaCode } from '../council-areas.js';
import { themeId, type ThemeId } from '../themes.js';
import { isoDay, optionalText, requiredText } from '../validation.js';

export const actionStatuses = [
  { id: 'open', label: 'Open' },
  { id: 'in-progress', label: 'In progress' },
  { id: 'done', label: 'Done' },
  { id: 'closed-no-action', label: 'Closed with no action' },
] as const;
export type ActionStatus = (typeof actionStatuses)[number]['id'];
export const actionStatus = z.enum(actionStatuses.map((s) => s.id) as [ActionStatus, ...ActionStatus[]], { error: 'Choose a status' });
/** Statuses that end an action: it is no longer counted as open or overdue. */
export const isFinished = (status: ActionStatus) => status === 'done' || status === 'closed-no-action';
export const statusLabel = (status: string) => actionStatuses.find((s) => s.id === status)?.label ?? status;

/** Where actions go, in the office's words. `other-organisation` and `staff-member` need a name. */
export const actionOwners = [
  { id: 'chief-constable', label: 'Chief Constable' },
  { id: 'corporate-governance-board', label: 'Corporate Governance Board' },
  { id: 'community-safety-partnership', label: 'A community safety partnership' },
  { id: 'npa-commander', label: 'A Neighbourhood Policing Area commander' },
  { id: 'road-safety-team', label: 'Road safety team' },
  { id: 'deputy-commissioner', label: 'Deputy Commissioner' },
  { id: 'other-organisation', label: 'Another organisation' },
  { id: 'staff-member', label: 'A named staff member' },
] as const;
export type ActionOwnerKind = (typeof actionOwners)[number]['id'];
export const actionOwnerKind = z.enum(actionOwners.map((o) => o.id) as [ActionOwnerKind, ...ActionOwnerKind[]], { error: 'Choose who owns the action' });
export const ownerNeedsName = (kind: ActionOwnerKind) => kind === 'other-organisation' || kind === 'staff-member' || kind === 'community-safety-partnership' || kind === 'npa-commander';

export const ownerLabel = (owner: ActionOwner) => {
  const kind = actionOwners.find((o) => o.id === owner.kind)?.label ?? owner.kind;
  return owner.name ? `${kind}: ${owner.name}` : kind;
};

export interface ActionOwner {
  kind: ActionOwnerKind;
  /** The organisation, partnership, commander or staff member, where the kind needs one. */
  name?: string;
}

/** What the action arose from: a capability's item (by name and id, with a label to show), or nothing. */
export interface ActionSource {
  capability: string;
  /** The kind of item in that capability, e.g. `visit`, `booking`, `meeting`. */
  kind: string;
  id: string;
  /** Shown in the log, e.g. "Community day: Coalville, 3 March 2026". */
  label: string;
  /** A staff path to the item, when it has a page. */
  href?: string;
}

export interface ActionChange {
  at: string;
  by: string;
  /** What changed, in words (`Status: open → done`), and the note given. */
  summary: string;
  note?: string;
  /** A change of owner or due date: each field from what to what, in words. */
  changes?: Array<{ field: 'owner' | 'due'; from: string; to: string }>;
}

export interface Action {
  id: string;
  what: string;
  source?: ActionSource;
  theme?: ThemeId;
  areaCode?: CouncilAreaCode;
  owner: ActionOwner;
  /** A calendar date, YYYY-MM-DD (Europe/London). */
  dueOn?: string;
  status: ActionStatus;
  /** Raised by every change; a change names the version it was made against. */
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** When it became done or closed (for time to close). */
  finishedAt?: string;
  history: ActionChange[];
  /** Staff chose to show what happened on the public page it came from ("what happened next"), once it is finished. */
  public?: boolean;
  /** What happened, in words for residents: shown with `public`. */
  publicOutcome?: string;
}

/** A real day in the platform's years: a due date the log could not show (9999-99-99) is refused, not stored. */
const isoDate = isoDay('Enter a due date as a real date, like 2026-04-01');

/** A new action as staff (or a capability's form) describe it. */
export const newActionInput = z.object({
  what: requiredText({ label: 'what needs to be done', max: 500, multiline: true }),
  theme: z.optional(themeId),
  areaCode: z.optional(councilAreaCode),
  owner: z.object({ kind: actionOwnerKind, name: optionalText({ label: 'the owner’s name', max: 120 }) }),
  dueOn: z.optional(isoDate),
}).check(
  z.refine((a) => !ownerNeedsName(a.owner.kind) || Boolean(a.owner.name), { error: 'Enter the name of the owner', path: ['owner', 'name'] }),
);
export type NewAction = z.infer<typeof newActionInput>;

/** Past its due date (a London day, `today`) and not finished: wherever an action is shown or counted. */
export const isOverdue = (action: Pick<Action, 'status' | 'dueOn'>, today: string) => !isFinished(action.status) && action.dueOn !== undefined && action.dueOn < today;
