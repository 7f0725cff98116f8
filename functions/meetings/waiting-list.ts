/**
 * The waiting list: free places are offered to the people waiting, oldest first, skipping anyone whose
 * party does not fit. Each promotion is one transaction conditional on the places still being free
 * and the person still waiting, so racing cancellations cannot overbook.
 */
import { attendModes, type AttendMode, type Meeting } from './model.js';
import { attendModeOf, counterNames, placesIn } from './modes.js';
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
  // Each mode's places go to the people waiting for that mode.
  const openIn = (m: Meeting, mode: AttendMode) => placesIn(m, mode).placesLeft > 0 && placesIn(m, mode).waitlisted > 0;
  const open = (m: Meeting | undefined): m is Meeting =>
    !!m && m.status === 'scheduled' && iso(now) < m.startsAt && attendModes.some((mode) => openIn(m, mode));
  if (!open(meeting)) return 0;
  const tried = new Set<string>();
  for (let pass = 0; pass < 3 && open(meeting); pass++) {
    const waiting = (await store.waitingList(meetingId, { now })).filter((r) => !tried.has(r.id));
    if (!waiting.length) break;
    for (const candidate of waiting) {
      if (!open(meeting)) break;
      const mode = attendModeOf(candidate);
      if (candidate.places > placesIn(meeting, mode).placesLeft) continue;
      tried.add(candidate.id);
      const outcome = await places.savePromotion(candidate, meeting, iso(now), meetingEmail('promoted', meeting, candidate.id, now));
      if (outcome.ok) {
        promoted++;
        const c = counterNames(mode);
        const before = placesIn(meeting, mode);
        meeting = { ...meeting, [c.placesLeft]: before.placesLeft - candidate.places, [c.waitlisted]: before.waitlisted - candidate.places };
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
