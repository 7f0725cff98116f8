/**
 * The reports capability's own records, in users' words: an invitation to the Commissioner (the Panel
 * asks how many came and how many were accepted) and an engagement no other capability records (events
 * organised by others, launches, youth summits), with who attended for the office. zod at the edge: the
 * form's text is read into these shapes, and each field's problem is named.
 */
import * as z from 'zod/mini';
import { councilAreaCode, type CouncilAreaCode } from '../core/council-areas.js';
import { officeAttendeeIds, type OfficeAttendee } from '../core/period-figures.js';
import { themeId, type ThemeId } from '../core/themes.js';
import { isoDay, optionalText, requiredText } from '../core/validation.js';

export const engagementKinds = [
  { id: 'organised-by-others', label: 'An event organised by others' },
  { id: 'launch', label: 'A launch event' },
  { id: 'youth-summit', label: 'A youth summit' },
  { id: 'other', label: 'Other engagement' },
] as const;
export type EngagementKind = (typeof engagementKinds)[number]['id'];
export const engagementKindLabel = (id: string) => engagementKinds.find((k) => k.id === id)?.label ?? id;

const day = isoDay('Enter the date as a real date');

export const invitationInput = z.object({
  receivedOn: day,
  from: requiredText({ label: 'who sent the invitation', max: 200 }),
  event: requiredText({ label: 'the event', max: 300 }),
  accepted: z.boolean({ error: 'Say whether the invitation was accepted' }),
  reason: optionalText({ label: 'the reason', max: 500, multiline: true }),
});
export type InvitationInput = z.infer<typeof invitationInput>;

export const engagementInput = z.object({
  on: day,
  attendedFor: z.enum(officeAttendeeIds, { error: 'Choose who attended for the office' }),
  kind: z.enum(engagementKinds.map((k) => k.id) as [EngagementKind, ...EngagementKind[]], { error: 'Choose what kind of engagement it was' }),
  what: requiredText({ label: 'what it was', max: 300 }),
  peopleMet: z.number({ error: 'Enter the number of people met, like 40' }).check(z.int({ error: 'Enter a whole number of people' }), z.minimum(0, { error: 'People met cannot be below 0' }), z.maximum(100_000, { error: 'People met must be 100,000 or fewer' })),
  hours: z.number({ error: 'Enter the hours, like 2.5' }).check(z.minimum(0.25, { error: 'Hours must be at least a quarter of an hour (0.25)' }), z.maximum(24, { error: 'Hours must be 24 or fewer' })),
  themes: z.array(themeId).check(z.maxLength(17)),
  areaCode: z.optional(councilAreaCode),
});
export type EngagementInput = z.infer<typeof engagementInput>;

interface Logged {
  id: string;
  createdAt: string;
  createdBy: string;
}
export type Invitation = InvitationInput & Logged;
export type Engagement = Omit<EngagementInput, 'themes' | 'areaCode'> & Logged & { themes: ThemeId[]; areaCode?: CouncilAreaCode; attendedFor: OfficeAttendee };
