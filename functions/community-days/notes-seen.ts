/** A look at a visit's staff notes, which may name people, goes in the access record (core/people/access-record.ts). */
import type { Context } from 'hono';
import type { AppEnv } from '../core/http/auth.js';
import { recordAccess } from '../core/people/access-record.js';
import { mentionedAddresses } from '../core/people/index.js';
import type { Visit } from './model.js';

/** Only a visit with notes shows anyone's data; at least one person, or as many as the notes give addresses for. */
export async function recordNotesSeen(c: Context<AppEnv>, visit: Pick<Visit, 'placeName' | 'startsAt' | 'notes'>, how = ''): Promise<void> {
  if (!visit.notes) return;
  await recordAccess(c, { what: `Notes of the visit to ${visit.placeName} on ${visit.startsAt.slice(0, 10)}${how}`, people: Math.max(1, mentionedAddresses(visit.notes).length) });
}
