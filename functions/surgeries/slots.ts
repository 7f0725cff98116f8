/**
 * The slots a session's times make: from the start, one slot of `slotMinutes`, then a gap of
 * `bufferMinutes`, and so on while a whole slot fits before the end. Times are London wall-clock on the
 * session's day; slots are instants, so a session on the day the clocks change is still right.
 *
 *   slotTimes({ startsAt: '2026-07-01T09:00:00.000Z', endsAt: '2026-07-01T11:00:00.000Z', slotMinutes: 30, bufferMinutes: 10 })
 *   // 10:00, 10:40, 11:20 (BST) ... each 30 minutes long
 */
import type { Session, Slot } from './model.js';

const MINUTE = 60_000;

/** `2026-12-03T10:30:00.000Z` → `20261203T1030Z`. */
export const slotIdOf = (iso: string) => iso.slice(0, 16).replace(/[-:]/g, '') + 'Z';

export function slotTimes(s: Pick<Session, 'startsAt' | 'endsAt' | 'slotMinutes' | 'bufferMinutes'>): Array<{ id: string; startsAt: string; endsAt: string }> {
  const times: Array<{ id: string; startsAt: string; endsAt: string }> = [];
  const end = Date.parse(s.endsAt);
  for (let t = Date.parse(s.startsAt); t + s.slotMinutes * MINUTE <= end; t += (s.slotMinutes + s.bufferMinutes) * MINUTE) {
    const startsAt = new Date(t).toISOString();
    times.push({ id: slotIdOf(startsAt), startsAt, endsAt: new Date(t + s.slotMinutes * MINUTE).toISOString() });
  }
  return times;
}

export const slotsFor = (session: Session): Slot[] =>
  slotTimes(session).map((t) => ({ ...t, sessionId: session.id, districtCode: session.districtCode, sessionStatus: session.status }));
