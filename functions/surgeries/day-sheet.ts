/**
 * The day sheet for a session, for staff on the day (a printable page and a CSV): its slots in order,
 * and for each the council, who is coming and their role, the topics they want to raise, and access needs.
 */
import { csvTime, type CsvCell } from '../core/ui/csv.js';
import { themeLabel } from '../core/themes.js';
import { attendeeRoles, labelOf, type Session, type Slot } from './model.js';
import { noSuchSession } from './sessions.js';
import { getBookings, type StoredBooking } from './store/bookings.js';
import { readSessionPartition } from './store/sessions.js';

export type SlotState = 'free' | 'blocked' | 'booked';

export interface DaySheetRow {
  slot: Slot;
  state: SlotState;
  booking?: StoredBooking;
}

/** How many people a day sheet names (one per booking): for the access record. */
export const peopleOnSheet = (rows: readonly DaySheetRow[]) => rows.filter((r) => r.booking).length;

export async function daySheet(sessionId: string, now: Date = new Date()): Promise<{ session: Session; rows: DaySheetRow[] }> {
  const { session, slots } = await readSessionPartition(sessionId);
  if (!session) throw noSuchSession();
  const found = await getBookings(slots.flatMap((s) => (s.bookingId ? [s.bookingId] : [])), now);
  const rows = slots.map((slot): DaySheetRow => {
    const booking = slot.bookingId ? found.get(slot.bookingId) : undefined;
    if (booking) return { slot, state: 'booked', booking };
    return { slot, state: slot.blocked ? 'blocked' : 'free' };
  });
  return { session, rows };
}

export const topicsOf = (b: Pick<StoredBooking, 'themes' | 'otherTopics'>) => [...b.themes.map(themeLabel), ...(b.otherTopics ? [b.otherTopics] : [])];

export const stateLabel: Record<SlotState, string> = { free: 'Free', blocked: 'Blocked', booked: 'Booked' };

export function daySheetRows(rows: readonly DaySheetRow[]): CsvCell[][] {
  return [
    ['Start', 'End', 'Status', 'Council', 'Who is coming', 'Role', 'Email', 'Topics', 'Access needs'],
    ...rows.map(({ slot, state, booking }) => [
      csvTime(slot.startsAt),
      csvTime(slot.endsAt),
      stateLabel[state],
      booking?.councilName,
      booking?.attendeeName,
      booking ? labelOf(attendeeRoles, booking.attendeeRole) : undefined,
      booking?.email,
      booking ? topicsOf(booking).join('; ') : undefined,
      booking?.accessNeeds,
    ]),
  ];
}
