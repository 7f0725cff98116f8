/**
 * After a meeting, each person who came (checked in, or added at the door, with an email address) is asked for feedback once,
 * through core's feedback contract: this writes the ask, consultations sends the survey and counts the
 * answers, and the meeting's staff page reads the summary back (docs/decisions.md, "Feedback after a
 * meeting: a contract in the table"). Asked from an hour after the end, for three days, so check-ins
 * recorded the next morning still count; never for a cancelled meeting.
 */
import { attendeesAsked, type FeedbackSource } from '../core/feedback.js';
import { inPool } from '../core/pool.js';
import { LIMITS, type Meeting } from './model.js';
import { feedbackAskExpiry } from './retention.js';
import { saveFeedbackAsk, type Attendee } from './store/feedback.js';
import { meetingsStartingBetween } from './store/meetings.js';
import { listRegistrations } from './store/registrations.js';
import { listWalkIns } from './store/walk-ins.js';
import { CAPABILITY } from './store/keys.js';

const HOUR = 3_600_000;
/** How long after a meeting ends its attendees are asked, and until when. */
export const FEEDBACK_AFTER_HOURS = 1;
export const FEEDBACK_UNTIL_HOURS = 72;

export const feedbackSource = (meeting: Pick<Meeting, 'id' | 'title' | 'endsAt'>): FeedbackSource => ({
  capability: CAPABILITY,
  id: meeting.id,
  label: `the public meeting ${meeting.title}`,
  endedAt: meeting.endsAt,
});

/** Writes an ask for every attendee of the meetings that ended in the window and were not yet asked; returns how many. */
export async function askForFeedback(now: Date = new Date(), deadline = Date.now() + 4 * 60_000): Promise<number> {
  const latestEnd = now.getTime() - FEEDBACK_AFTER_HOURS * HOUR;
  const earliestEnd = now.getTime() - FEEDBACK_UNTIL_HOURS * HOUR;
  const iso = (ms: number) => new Date(ms).toISOString();
  const ended = (await meetingsStartingBetween(iso(earliestEnd - LIMITS.meetingHours * HOUR), iso(latestEnd))).filter(
    (m) => m.status !== 'cancelled' && m.attendedCount + (m.walkInCount ?? 0) > 0 && Date.parse(m.endsAt) <= latestEnd && Date.parse(m.endsAt) >= earliestEnd,
  );
  let asked = 0;
  for (const meeting of ended) {
    if (Date.now() > deadline) break; // the rest next run: nothing is half-done
    const [registrations, walkIns, already] = await Promise.all([
      listRegistrations(meeting.id, { now }),
      listWalkIns(meeting.id, now),
      attendeesAsked(CAPABILITY, meeting.id),
    ]);
    // People who did not come and walk-ins who gave no address are never asked; the transaction checks again.
    const due: Attendee[] = [
      ...registrations.filter((r) => r.status === 'confirmed' && r.attendedAt && r.email?.trim()).map((r) => ({ id: r.id, email: r.email })),
      ...walkIns.flatMap((w) => (w.email?.trim() ? [{ id: w.id, email: w.email, walkIn: true }] : [])),
    ].filter((a) => !already.has(a.id));
    const source = feedbackSource(meeting);
    await inPool(due, 8, async (r) => {
      if (await saveFeedbackAsk(source, r, now.toISOString(), feedbackAskExpiry(meeting))) asked++;
    });
  }
  return asked;
}
