/** What a meeting and its places count towards the office's reports (./figure-declarations.ts), in the meeting's quarter. */
import { engagementCounts, type DatedCounts } from '../core/period-figures.js';
import { quarterContaining } from '../core/periods.js';
import type { Meeting } from './model.js';
import { confirmedPlaces } from './modes.js';

/**
 * A scheduled meeting counts once, with its hours and themes, for whoever attended for the office (the
 * Commissioner unless said), and with its places as its own counters hold them: so a meeting moved to
 * another quarter takes its places with it, and a cancelled one (no meeting held) takes them away.
 */
export function meetingCounts(meeting: Meeting | undefined): DatedCounts | undefined {
  if (!meeting || meeting.status !== 'scheduled') return undefined;
  const hours = (Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 3_600_000;
  const counts: Record<string, number> = {
    meetings: 1,
    ...engagementCounts(meeting.attendedFor ?? 'commissioner', hours),
    registered: confirmedPlaces(meeting),
    attended: meeting.attendedCount,
    'from-waiting-list': meeting.fromWaitingListCount ?? 0,
    'walk-ins': meeting.walkInCount ?? 0,
  };
  for (const theme of meeting.themes ?? []) counts[`themes|${theme}`] = 1;
  return { at: meeting.startsAt, counts };
}

/**
 * Places moved at a meeting: `{ registered: 2 }`, `{ attended: -1 }`, in its quarter; none at a
 * cancelled meeting (its places left the figures with it). The write that uses them is conditional on
 * the meeting's start and status as read (store/places.ts `asCounted`), so a move meanwhile makes it read again.
 */
export const placeCounts = (meeting: Pick<Meeting, 'startsAt' | 'status'>, counts: Record<string, number>): DatedCounts[] =>
  meeting.status === 'scheduled' ? [{ at: meeting.startsAt, counts }] : [];

/** Whether a meeting's figure counters would move if it changed from `before` to `after` (quarter or status). */
export const placesMove = (before: Pick<Meeting, 'startsAt' | 'status'>, after: Pick<Meeting, 'startsAt' | 'status'> | undefined) =>
  !after || after.status !== before.status || quarterContaining(after.startsAt).id !== quarterContaining(before.startsAt).id;
