/**
 * Staff log invitations to the Commissioner and engagement no other capability records. Each entry
 * counts towards the report in the quarter of its day (./figure-declarations.ts):
 *
 *   await recordInvitation({ receivedOn: '2026-10-02', from: 'Melton Lions', event: 'Summer fair', accepted: true }, { by: 'A. Officer' });
 */
import { engagementCounts, type DatedCounts } from '../core/period-figures.js';
import { newId } from '../core/ids.js';
import { londonDayStart } from '../core/time.js';
import type { Engagement, EngagementInput, Invitation, InvitationInput } from './model.js';
import { logEntriesBetween, putLogEntry } from './store/logs.js';

const atDay = (day: string) => londonDayStart(day).toISOString();

/** `id` is given only by demo data, so running it again adds nothing. */
interface LogContext {
  by: string;
  now?: Date;
  id?: string;
}

/** What an invitation counts, in the quarter of the day it was received. */
export const invitationCounts = (input: InvitationInput): DatedCounts => ({ at: atDay(input.receivedOn), counts: { invitations: 1, accepted: input.accepted ? 1 : 0 } });

/** What logged engagement counts, in the quarter of its day: an event, its hours, people met, its kind, themes and area. */
export function engagementEntryCounts(input: EngagementInput): DatedCounts {
  const counts: Record<string, number> = { ...engagementCounts(input.attendedFor, input.hours), people: input.peopleMet, [`kinds|${input.kind}`]: 1 };
  for (const theme of input.themes) counts[`themes|${theme}`] = 1;
  if (input.areaCode) counts[`areas|${input.areaCode}`] = 1;
  return { at: atDay(input.on), counts };
}

export async function recordInvitation(input: InvitationInput, context: LogContext): Promise<Invitation> {
  const now = context.now ?? new Date();
  const invitation: Invitation = { ...input, id: context.id ?? newId(now), createdAt: now.toISOString(), createdBy: context.by };
  await putLogEntry('INVITATION', input.receivedOn, invitation, invitationCounts(input));
  return invitation;
}

export async function recordEngagement(input: EngagementInput, context: LogContext): Promise<Engagement> {
  const now = context.now ?? new Date();
  const engagement: Engagement = { ...input, id: context.id ?? newId(now), createdAt: now.toISOString(), createdBy: context.by };
  await putLogEntry('ENGAGEMENT', input.on, engagement, engagementEntryCounts(input));
  return engagement;
}

export const invitationsBetween = (firstDay: string, lastDay: string) => logEntriesBetween<Invitation>('INVITATION', firstDay, lastDay);
export const engagementsBetween = (firstDay: string, lastDay: string) => logEntriesBetween<Engagement>('ENGAGEMENT', firstDay, lastDay);
