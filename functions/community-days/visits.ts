/**
 * Staff log, edit and delete community-day visits, and add the actions arising. Each change is one
 * transaction with the coverage counters it moves (and the actions it records), made against the
 * version the person saw: two people editing at once cannot lose each other's change, the second is
 * shown the visit as it is now.
 *
 *   const visit = await logVisit(input, { by: 'A. Officer' });
 *   await editVisit(visit.id, { ...changes, version: visit.version }, { by: 'B. Officer' });
 */
import { newAction } from '../core/actions/actions.js';
import type { Action, NewAction } from '../core/actions/model.js';
import { councilAreaName } from '../core/council-areas.js';
import { wardName } from '../core/geography.js';
import { newId } from '../core/ids.js';
import { invalidField, notFound, Refusal } from '../core/refusal.js';
import { themeLabel } from '../core/themes.js';
import { formatLondonDate, londonDay } from '../core/time.js';
import { coverageChanges } from './coverage.js';
import { pointOf, type Visit, type VisitChange, type VisitDetails, type VisitEditInput, type VisitInput } from './model.js';
import { dayRange } from './periods.js';
import * as store from './store/visits.js';

export const CAPABILITY = 'community-days';

/** Who is making the change, and when. */
export interface Change {
  by: string;
  now?: Date;
}

export const noSuchVisit = () => notFound('There is no visit with this id');

/** The visit was changed or deleted by someone else since the person read it: they are shown it as it is now. */
export class VisitChangedMeanwhile extends Refusal {
  constructor(readonly current: Visit) {
    super(
      current.deletedAt ? 'visit_deleted' : 'visit_changed',
      current.deletedAt ? 'Someone else deleted this visit while you were changing it.' : 'Someone else changed this visit while you were editing it. Check it and make your changes again.',
      { kind: current.deletedAt ? 'gone' : 'conflict' },
    );
  }
}

export const visitDeleted = () => new Refusal('visit_deleted', 'This visit has been deleted', { kind: 'gone' });

/** A visit is logged once it has happened (the day itself included). */
function checkNotFuture(startsAt: string, now: Date) {
  const endOfToday = dayRange({ firstDay: londonDay(now), lastDay: londonDay(now) }).to;
  if (startsAt >= endOfToday) throw invalidField('startsAt', 'The visit must be today or in the past');
}

/** "Community day: Coalville, Tuesday 3 March 2026": how the visit is named in the action log. */
export const visitLabel = (v: Pick<Visit, 'placeName' | 'startsAt'>) => `Community day: ${v.placeName}, ${formatLondonDate(v.startsAt)}`;

const visitSource = (v: Pick<Visit, 'id' | 'placeName' | 'startsAt'>) => ({
  capability: CAPABILITY,
  kind: 'visit',
  id: v.id,
  label: visitLabel(v),
  href: `/staff/community-days/visits/${v.id}`,
});

/** The actions arising from the visit, in its council area unless given another. */
function actionsFor(visit: Visit, inputs: readonly NewAction[], change: Required<Change>): Action[] {
  return inputs.map((input) => newAction({ ...input, areaCode: input.areaCode ?? visit.areaCode }, { by: change.by, source: visitSource(visit), now: change.now }));
}

function detailsOf(input: VisitInput | VisitEditInput): VisitDetails {
  const point = pointOf(input);
  return {
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    areaCode: input.areaCode,
    wardCode: input.wardCode,
    placeName: input.placeName,
    ...(point ? { latitude: point.latitude, longitude: point.longitude } : {}),
    setting: input.setting,
    attendedFor: input.attendedFor,
    met: input.met.map((m) => ({ kind: m.kind, count: m.count, ...(m.organisations?.length ? { organisations: m.organisations } : {}) })),
    themes: input.themes,
    ...(input.notes ? { notes: input.notes } : {}),
    ...(input.publicSummary ? { publicSummary: input.publicSummary } : {}),
    published: input.published,
  };
}

/** The stored shape of the details (a point instead of latitude and longitude). */
function visitFields(details: VisitDetails): Pick<Visit, 'startsAt' | 'endsAt' | 'areaCode' | 'wardCode' | 'placeName' | 'point' | 'setting' | 'attendedFor' | 'met' | 'themes' | 'notes' | 'publicSummary' | 'published'> {
  const { latitude: _lat, longitude: _lon, ...rest } = details;
  const point = pointOf(details);
  return { ...rest, ...(point ? { point } : {}) };
}

/** Logs a visit with a given id (idempotent seeding); `created: false` if that id exists already. */
export async function logVisitWithId(id: string, input: VisitInput, change: Change): Promise<{ visit: Visit; actions: Action[]; created: boolean }> {
  const now = change.now ?? new Date();
  checkNotFuture(input.startsAt, now);
  const at = now.toISOString();
  const visit: Visit = {
    id,
    ...visitFields(detailsOf(input)),
    version: 1,
    actionCount: input.actions.length,
    createdAt: at,
    createdBy: change.by,
    updatedAt: at,
    updatedBy: change.by,
    history: [{ at, by: change.by, summary: input.actions.length ? `Visit logged with ${input.actions.length} ${input.actions.length === 1 ? 'action' : 'actions'}` : 'Visit logged' }],
  };
  const actions = actionsFor(visit, input.actions, { by: change.by, now });
  const created = await store.putNewVisit(visit, coverageChanges(undefined, visit), actions, now);
  return { visit, actions, created };
}

export async function logVisit(input: VisitInput, change: Change): Promise<Visit> {
  return (await logVisitWithId(newId(change.now), input, change)).visit;
}

export async function getVisit(id: string, now: Date = new Date()): Promise<Visit | undefined> {
  return store.getVisit(id, { consistent: true, now });
}

export async function requireVisit(id: string): Promise<Visit> {
  const visit = await getVisit(id);
  if (!visit) throw noSuchVisit();
  return visit;
}

const FIELD_WORDS: Array<[keyof Visit, string]> = [
  ['startsAt', 'date and time'],
  ['endsAt', 'date and time'],
  ['areaCode', 'council area'],
  ['wardCode', 'ward'],
  ['placeName', 'place'],
  ['point', 'location'],
  ['setting', 'urban or rural'],
  ['met', 'who was met'],
  ['themes', 'themes'],
  ['notes', 'notes'],
  ['publicSummary', 'public summary'],
];

/** JSON with object keys sorted, so values read back from DynamoDB (whose maps keep no order) compare equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** What an edit changed, in words for the history: "Changed: place, themes; published". */
export function describeEdit(before: Visit, after: Visit): string | undefined {
  const changed = [...new Set(FIELD_WORDS.filter(([field]) => canonical(before[field]) !== canonical(after[field])).map(([, words]) => words))];
  const publishing = before.published === after.published ? undefined : after.published ? 'published' : 'unpublished';
  if (!changed.length && !publishing) return undefined;
  return [changed.length ? `Changed: ${changed.join(', ')}` : '', publishing ?? ''].filter(Boolean).join('; ');
}

/** Saves an edit made against `input.version`. Nothing changed: nothing written. */
export async function editVisit(id: string, input: VisitEditInput, change: Change): Promise<Visit> {
  const now = change.now ?? new Date();
  const before = await store.getVisit(id, { consistent: true, now });
  if (!before) throw noSuchVisit();
  if (before.deletedAt) throw visitDeleted();
  if (before.version !== input.version) throw new VisitChangedMeanwhile(before);
  if (input.startsAt !== before.startsAt) checkNotFuture(input.startsAt, now);
  const at = now.toISOString();
  const { notes: _n, publicSummary: _p, point: _pt, ...kept } = before;
  const after: Visit = { ...kept, ...visitFields(detailsOf(input)), version: before.version + 1, updatedAt: at, updatedBy: change.by };
  const summary = describeEdit(before, after);
  if (!summary) return before;
  const entry: VisitChange = { at, by: change.by, summary };
  after.history = [...before.history, entry];
  const outcome = await store.saveVisitEdit(before, after, entry, coverageChanges(before, after), now);
  if (outcome.ok) return after;
  const current = outcome.current ?? (await store.getVisit(id, { consistent: true, now }));
  if (!current) throw noSuchVisit();
  throw new VisitChangedMeanwhile(current);
}

/** Deletes the visit (kept with its history, out of every list and count), against the version seen. */
export async function deleteVisit(id: string, version: number, change: Change): Promise<Visit> {
  const now = change.now ?? new Date();
  const before = await store.getVisit(id, { consistent: true, now });
  if (!before) throw noSuchVisit();
  if (before.deletedAt) throw visitDeleted();
  if (before.version !== version) throw new VisitChangedMeanwhile(before);
  const entry: VisitChange = { at: now.toISOString(), by: change.by, summary: 'Visit deleted' };
  const outcome = await store.saveVisitDeleted(before, entry, coverageChanges(before, undefined));
  if (outcome.ok) {
    const { notes: _n, ...rest } = before;
    return { ...rest, deletedAt: entry.at, deletedBy: entry.by, version: before.version + 1, history: [...before.history, entry] };
  }
  const current = outcome.current ?? (await store.getVisit(id, { consistent: true, now }));
  if (!current) throw noSuchVisit();
  throw new VisitChangedMeanwhile(current);
}

/** Records actions arising from a visit, with a line in its history. */
export async function addVisitActions(id: string, inputs: readonly NewAction[], change: Change): Promise<Action[]> {
  const now = change.now ?? new Date();
  const visit = await store.getVisit(id, { consistent: true, now });
  if (!visit) throw noSuchVisit();
  if (visit.deletedAt) throw visitDeleted();
  const actions = actionsFor(visit, inputs, { by: change.by, now });
  const entry: VisitChange = { at: now.toISOString(), by: change.by, summary: actions.length === 1 ? `Action added: ${actions[0]!.what}` : `${actions.length} actions added` };
  if (!(await store.saveVisitActions(id, actions, entry))) throw visitDeleted();
  return actions;
}

/** Visits starting in [from, to), soonest first (published only for the public). */
export const visitsBetween = (from: string, to: string, options: { publishedOnly?: boolean } = {}) => store.visitsStartingBetween(from, to, options);

/** A line that describes a visit's place: "Thringstone (Thringstone ward, North West Leicestershire)". */
export const placeText = (v: Pick<Visit, 'placeName' | 'wardCode' | 'areaCode'>) => `${v.placeName} (${wardName(v.wardCode)} ward, ${councilAreaName(v.areaCode)})`;

export const themesText = (v: Pick<Visit, 'themes'>) => v.themes.map(themeLabel).join(', ');


