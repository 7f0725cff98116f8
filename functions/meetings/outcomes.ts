/**
 * "You said, we did": after a meeting, staff write what residents raised and what the office did about
 * it; the meeting's public page shows the latest, with when it was written. Every version is kept with
 * who wrote it, and a save over a version the writer did not see is refused, not lost.
 */
import { Refusal } from '../core/refusal.js';
import { noSuchMeeting } from './meetings.js';
import type { YouSaidWeDid, YouSaidWeDidInput } from './model.js';
import { getMeeting } from './store/meetings.js';
import * as store from './store/outcomes.js';

export const changedMeanwhile = () =>
  new Refusal('edited_meanwhile', 'Someone else saved "you said, we did" while you were writing. Their version is listed below the form: add your changes to it and save again.');

export async function saveYouSaidWeDid(meetingId: string, input: YouSaidWeDidInput, by: string, now: Date = new Date()): Promise<YouSaidWeDid> {
  const meeting = await getMeeting(meetingId, { consistent: true });
  if (!meeting) throw noSuchMeeting();
  if ((meeting.youSaidWeDid?.version ?? 0) !== input.version) throw changedMeanwhile();
  if (meeting.youSaidWeDid?.text === input.text) return meeting.youSaidWeDid;
  const next: YouSaidWeDid = { text: input.text, version: input.version + 1, by, at: now.toISOString() };
  const outcome = await store.saveYouSaidWeDid(meetingId, next);
  if (!outcome.ok) throw changedMeanwhile();
  return next;
}

export { youSaidWeDidVersions } from './store/outcomes.js';
