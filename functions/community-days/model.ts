/**
 * Community days: the Commissioner's visits to towns, parishes and wards. What a visit is, and the zod
 * schemas that validate what staff send (JSON strictly; the form's text is read into the same shape by
 * pages/visit-form.tsx). The place is checked against the boundaries (core/geography.ts): a ward in
 * the chosen council area, a point inside it.
 */
import * as z from 'zod/mini';
import { officeAttendeeIds, type OfficeAttendee } from '../core/period-figures.js';
import { councilAreaCode, councilAreaCodes, type CouncilAreaCode } from '../core/council-areas.js';
import { placeProblems, wardCode, type Point } from '../core/geography.js';
import { newActionInput } from '../core/actions/model.js';
import { mentionedAddresses } from '../core/people/index.js';
import { themeId, type ThemeId } from '../core/themes.js';
import { instant, optionalText, requiredText } from '../core/validation.js';

export const LIMITS = {
  placeName: 120,
  publicSummary: 2000,
  notes: 4000,
  organisation: 120,
  organisations: 30,
  count: 10_000,
  /** A community day is a day: longer is a typing mistake. */
  visitHours: 14,
  actionsWithVisit: 30,
  /**
   * Email addresses the notes may give: each is a marker for the person search, written in the visit's
   * own transaction beside its actions (each with its email to the owner), within DynamoDB's 100 items.
   */
  addressesInNotes: 20,
} as const;

/** Who the Commissioner met, in the office's words. */
export const metKinds = [
  { id: 'residents', label: 'Residents' },
  { id: 'councillors', label: 'Councillors' },
  { id: 'community-groups', label: 'Community groups' },
  { id: 'businesses', label: 'Businesses' },
  { id: 'schools', label: 'Schools' },
  { id: 'police-officers', label: 'Police officers' },
  { id: 'partner-agencies', label: 'Partner agencies' },
] as const;
export type MetKind = (typeof metKinds)[number]['id'];
export const metKindIds = metKinds.map((k) => k.id) as [MetKind, ...MetKind[]];
export const metKindLabel = (id: string) => metKinds.find((k) => k.id === id)?.label ?? id;

export const settings = [
  { id: 'urban', label: 'Urban' },
  { id: 'rural', label: 'Rural' },
] as const;
export type Setting = (typeof settings)[number]['id'];

export interface MetGroup {
  kind: MetKind;
  /** How many were met: people, or organisations for groups, businesses, schools and agencies. */
  count: number;
  organisations?: string[];
}

export interface VisitChange {
  at: string;
  by: string;
  summary: string;
}

export interface Visit {
  id: string;
  /** ISO instants (UTC); the visit's day and times are shown in Europe/London. */
  startsAt: string;
  endsAt: string;
  areaCode: CouncilAreaCode;
  wardCode: string;
  placeName: string;
  /** Where exactly (staff only): the public map shows the ward's centre instead. */
  point?: Point;
  setting: Setting;
  /** Who attended for the office; the Commissioner's community day unless said (older visits hold none). */
  attendedFor?: OfficeAttendee;
  met: MetGroup[];
  themes: ThemeId[];
  /** Staff only, kept apart (see retention.ts). */
  notes?: string;
  publicSummary?: string;
  published: boolean;
  /** Raised by every edit; an edit or deletion names the version it was made against. */
  version: number;
  actionCount: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt?: string;
  deletedBy?: string;
  history: VisitChange[];
}


const organisationName = requiredText({ label: 'the name of the organisation', max: LIMITS.organisation });

const metGroup = z.object({
  kind: z.enum(metKindIds, { error: 'Choose who was met from the list' }),
  count: z.int({ error: 'Enter how many were met as a whole number' }).check(
    z.gte(1, { error: 'Enter how many were met: at least 1' }),
    z.lte(LIMITS.count, { error: `Enter how many were met: up to ${LIMITS.count}` }),
  ),
  organisations: z.optional(z.array(organisationName).check(z.maxLength(LIMITS.organisations, { error: `Name up to ${LIMITS.organisations} organisations` }))),
});

const latitude = z.number({ error: 'Enter the latitude as a number' }).check(z.gte(-90, { error: 'Enter a latitude between -90 and 90' }), z.lte(90, { error: 'Enter a latitude between -90 and 90' }));
const longitude = z.number({ error: 'Enter the longitude as a number' }).check(z.gte(-180, { error: 'Enter a longitude between -180 and 180' }), z.lte(180, { error: 'Enter a longitude between -180 and 180' }));

const visitFields = {
  startsAt: instant('the start'),
  endsAt: instant('the end'),
  areaCode: councilAreaCode,
  wardCode: wardCode,
  placeName: requiredText({ label: 'the place', max: LIMITS.placeName, message: 'Enter the place visited' }),
  latitude: z.optional(latitude),
  longitude: z.optional(longitude),
  setting: z.enum(['urban', 'rural'], { error: 'Say whether the place is urban or rural' }),
  // Whose engagement it is, for the office's reports: a community day is the Commissioner's unless said.
  attendedFor: z._default(z.enum(officeAttendeeIds, { error: 'Choose who attended for the office' }), 'commissioner'),
  met: z._default(z.array(metGroup).check(z.maxLength(metKinds.length, { error: 'Give each kind of group met once' })), []),
  themes: z._default(z.array(themeId).check(z.maxLength(20, { error: 'Choose up to 20 themes' })), []),
  notes: optionalText({ label: 'notes', max: LIMITS.notes, multiline: true }).check(
    z.refine((notes) => mentionedAddresses(notes).length <= LIMITS.addressesInNotes, {
      error: `Notes can give up to ${LIMITS.addressesInNotes} email addresses: name people without theirs`,
    }),
  ),
  publicSummary: optionalText({ label: 'a public summary', max: LIMITS.publicSummary, multiline: true }),
  published: z.boolean({ error: 'Say whether the visit is published: true or false' }),
};

type VisitFields = { [K in keyof typeof visitFields]: z.infer<(typeof visitFields)[K]> };

/**
 * The checks across fields: times, a place that agrees with itself, no kind or theme twice, a summary to
 * publish. Works on whatever fields are present, so a form can show these beside its other errors.
 */
export function visitProblems(v: Partial<VisitFields>): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const issue = (field: string, message: string) => problems.push({ field, message });
  if (v.startsAt && v.endsAt) {
    if (v.endsAt <= v.startsAt) issue('endsAt', 'The end must be after the start');
    else if (Date.parse(v.endsAt) - Date.parse(v.startsAt) > LIMITS.visitHours * 3_600_000) issue('endsAt', `A visit can last up to ${LIMITS.visitHours} hours`);
  }
  const hasLatitude = typeof v.latitude === 'number';
  const hasLongitude = typeof v.longitude === 'number';
  if (hasLatitude !== hasLongitude) issue(hasLatitude ? 'longitude' : 'latitude', 'Give both the latitude and the longitude, or neither');
  const point = hasLatitude && hasLongitude ? { latitude: v.latitude!, longitude: v.longitude! } : undefined;
  if (v.areaCode && councilAreaCodes.includes(v.areaCode)) {
    for (const problem of placeProblems({ areaCode: v.areaCode, ...(typeof v.wardCode === 'string' && v.wardCode ? { wardCode: v.wardCode } : {}), ...(point ? { point } : {}) })) {
      issue(problem.field, problem.message);
    }
  }
  const kinds = (v.met ?? []).map((m) => m.kind);
  if (new Set(kinds).size !== kinds.length) issue('met', 'Give each kind of group met once');
  if (v.themes && new Set(v.themes).size !== v.themes.length) issue('themes', 'Choose each theme once');
  if (v.published && !v.publicSummary) issue('publicSummary', 'Enter a public summary to publish the visit');
  return problems;
}

function checkVisit(v: VisitFields, ctx: z.core.$RefinementCtx<VisitFields>) {
  for (const problem of visitProblems(v)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message, input: v });
}

/** What staff send to log a visit, optionally with the actions arising from it. */
export const visitInput = z
  .strictObject({
    ...visitFields,
    actions: z._default(z.array(newActionInput).check(z.maxLength(LIMITS.actionsWithVisit, { error: `Add up to ${LIMITS.actionsWithVisit} actions at once` })), []),
  })
  .check(z.superRefine(checkVisit as never));
export type VisitInput = z.infer<typeof visitInput>;

/** An edit, against the version the person saw. */
export const visitEditInput = z.strictObject({ ...visitFields, version: z.int({ error: 'The version of the visit is missing' }) }).check(z.superRefine(checkVisit as never));
export type VisitEditInput = z.infer<typeof visitEditInput>;

/** The fields of a visit as staff describe it (no id, version or history). */
export type VisitDetails = Omit<VisitInput, 'actions'>;

export const pointOf = (v: { latitude?: number; longitude?: number }): Point | undefined =>
  v.latitude !== undefined && v.longitude !== undefined ? { latitude: v.latitude, longitude: v.longitude } : undefined;

/** People (or groups) met in all, over every kind. */
export const peopleMet = (visit: Pick<Visit, 'met'>) => visit.met.reduce((n, m) => n + m.count, 0);

export const minutesOf = (visit: Pick<Visit, 'startsAt' | 'endsAt'>) => Math.round((Date.parse(visit.endsAt) - Date.parse(visit.startsAt)) / 60_000);
