/**
 * The waiting list: free places are offered to the people waiting, oldest first, skipping anyone whose
 * party does not fit. Each promotion is one transaction conditional on the places still being free
 * and the person still waiting, so racing cancellations cannot overbook.
 */
import type { Meeting } from './model.js';
import { meetingEmail } from './notify.js';
import * as meetings from './store/meetings.js';
import * as places from './store/places.js';
import * as store from './store/registrations.js';

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
const iso = (d: Date) => d.toISOString();

/**
 * Offers free places to the waiting list. The index may lag, so ids already tried are skipped and the
 * pass is bounded; the timer's sweep picks up anything left. Returns how many were promoted.
 */
export async function promoteFromWaitingList(meetingId: string, now: Date = new Date()): Promise<number> {
  let promoted = 0;
  let meeting = await meetings.getMeeting(meetingId, { consistent: true });
  const open = (m: Meeting | undefined): m is Meeting =>
    !!m && m.status === 'scheduled' && iso(now) < m.startsAt && m.placesLeft > 0 && m.waitlistedCount > 0;
  if (!open(meeting)) return 0;
  const tried = new Set<string>();
  for (let pass = 0; pass < 3 && open(meeting); pass++) {
    const waiting = (await store.waitingList(meetingId, { now })).filter((r) => !tried.has(r.id));
    if (!waiting.length) break;
    for (const candidate of waiting) {
      if (!open(meeting)) break;
      if (candidate.places > meeting.placesLeft) continue;
      tried.add(candidate.id);
      const outcome = await places.savePromotion(candidate, meeting, iso(now), meetingEmail('promoted', meeting, candidate.id, now));
      if (outcome.ok) {
        promoted++;
        meeting = { ...meeting, placesLeft: meeting.placesLeft - candidate.places, waitlistedCount: meeting.waitlistedCount - candidate.places };
      } else if (outcome.reason === 'meeting') {
        // Someone else took or freed places meanwhile: carry on with the meeting as it is now.
        meeting = outcome.meeting ?? (await meetings.getMeeting(meetingId, { consistent: true }));
      }
      // reason 'registration': already promoted or cancelled by someone else; skip it.
    }
    if (open(meeting)) meeting = await meetings.getMeeting(meetingId, { consistent: true });
  }
  return promoted;
}

/** Self-healing, on the timer: offers free places to waiting lists a crashed request may have left behind. */
export async function sweepWaitingLists(now: Date): Promise<number> {
  let promoted = 0;
  for (const meeting of await meetings.meetingsStartingBetween(iso(now), FAR_FUTURE, { needingPromotion: true })) {
    promoted += await promoteFromWaitingList(meeting.id, now);
  }
  return promoted;
}
