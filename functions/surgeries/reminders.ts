/**
 * The reminder 48 hours before a booked slot, sent exactly once: for each confirmed booking whose slot
 * starts within 48 hours, the reminder is claimed for that start time in the same transaction as its
 * email, so a second run (or two at once) sends nothing more. A booking rescheduled to another time is
 * reminded again for the new time. Bookings made less than 48 hours ahead have just had their confirmation.
 */
import { inPool } from '../core/pool.js';
import { bookingEmail } from './notify.js';
import * as bookings from './store/bookings.js';
import { readSessionPartition, sessionsStartingBetween } from './store/sessions.js';

const HOUR = 3_600_000;

export async function queueDueReminders(now: Date = new Date()): Promise<number> {
  const nowIso = now.toISOString();
  // A session may have started up to 12 hours ago and still have slots to come.
  const sessions = await sessionsStartingBetween(new Date(now.getTime() - 12 * HOUR).toISOString(), new Date(now.getTime() + 48 * HOUR).toISOString());
  let queued = 0;
  for (const session of sessions.filter((s) => s.status === 'published')) {
    const { slots } = await readSessionPartition(session.id);
    const ids = slots.filter((s) => s.bookingId && s.startsAt > nowIso).map((s) => s.bookingId!);
    if (!ids.length) continue;
    const due = [...(await bookings.getBookings(ids, now)).values()].filter((b) => {
      const remindAt = new Date(Date.parse(b.slotStartsAt) - 48 * HOUR).toISOString();
      return b.status === 'confirmed' && remindAt <= nowIso && b.slotStartsAt > nowIso && b.reminderFor !== b.slotStartsAt && (b.rescheduledAt ?? b.confirmedAt ?? b.createdAt) <= remindAt;
    });
    await inPool(due, 4, async (booking) => {
      if (await bookings.claimReminder(booking, bookingEmail('reminder', booking, now))) queued++;
    });
  }
  return queued;
}
