/**
 * Attendance per council area and overall for meetings that went ahead: registered, attended,
 * cancelled and no-shows (only meetings that have ended count toward no-shows).
 */
import { councilAreas } from '../core/council-areas.js';
import { meetingsHeldBetween } from './meetings.js';
import { sumAttendance, type AttendanceFigures } from './rules.js';

export interface AttendanceReport {
  byArea: Array<{ areaCode: string; areaName: string } & AttendanceFigures>;
  overall: AttendanceFigures;
}

export async function attendanceReport(opts: { from?: Date; to?: Date; now?: Date } = {}): Promise<AttendanceReport> {
  const now = opts.now ?? new Date();
  const meetings = await meetingsHeldBetween(opts.from, opts.to);
  return {
    byArea: councilAreas.map((area) => ({
      areaCode: area.code,
      areaName: area.name,
      ...sumAttendance(meetings.filter((m) => m.areaCode === area.code), now),
    })),
    overall: sumAttendance(meetings, now),
  };
}
