/**
 * Reminders 48 hours and 2 hours before a meeting, exactly once: for each confirmed registration of a
 * meeting starting within 48 hours, the reminder due now is claimed (per registration, reminder and
 * start time) in the same transaction as its outbox email. Only people confirmed before the reminder's
 * time get it; a rescheduled meeting's reminders are due again.
 */
import { inPool } from '../core/pool.js';
import { meetingEmail } from './notify.js';
import { dueReminder, reminderTime } from './rules.js';
import * as meetings from './store/meetings.js';
import * as store from './store/registrations.js';

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();

export async function queueDueReminders(now: Date = new Date(), deadline = Date.now() + 4 * 60_000): Promise<number> {
  let queued = 0;
  for (const meeting of await meetings.meetingsStartingBetween(iso(now), iso(new Date(now.getTime() + 48 * HOUR)))) {
    if (Date.now() > deadline) break; // still due next run: nothing is claimed until it is queued
    const kind = dueReminder(meeting, now);
    if (!kind) continue;
    const confirmedBy = reminderTime(meeting.startsAt, kind);
    const due = (await store.listRegistrations(meeting.id, { now })).filter(
      (r) => r.status === 'confirmed' && (r.confirmedAt ?? r.createdAt) <= confirmedBy && r.reminders[kind] !== meeting.startsAt,
    );
    await inPool(due, 8, async (registration) => {
      if (Date.now() > deadline) return;
      if (await store.claimReminder(meeting, registration.id, kind, confirmedBy, meetingEmail(`reminder-${kind}`, meeting, registration.id, now))) queued++;
    });
  }
  return queued;
}
