/** What a meeting and its places count towards the office's reports (./figure-declarations.ts), in the meeting's quarter. */
import { engagementCounts, type DatedCounts } from '../core/period-figures.js';
import type { Meeting } from './model.js';

/** A scheduled meeting counts once, with its hours and themes, for whoever attended for the office (the Commissioner unless said). */
export function meetingCounts(meeting: Meeting | undefined): DatedCounts | undefined {
  if (!meeting || meeting.status !== 'scheduled') return undefined;
  const hours = (Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 3_600_000;
  const counts: Record<string, number> = { meetings: 1, ...engagementCounts(meeting.attendedFor ?? 'commissioner', hours) };
  for (const theme of meeting.themes ?? []) counts[`themes|${theme}`] = 1;
  return { at: meeting.startsAt, counts };
}

/** Places moved at a meeting: `{ registered: 2 }`, `{ attended: -1 }`. */
export const placeCounts = (meeting: Pick<Meeting, 'startsAt'>, counts: Record<string, number>): DatedCounts[] => [{ at: meeting.startsAt, counts }];
