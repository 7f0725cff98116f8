/**
 * After the surgery, staff record for each booking: attended or did not attend, the themes raised (the
 * platform's theme list), notes, where a matter that is not for the police was signposted, and the
 * actions arising (core's capability-neutral actions, which the action log shows). One transaction,
 * made against the outcome version staff saw, also counts the themes for the day and district and
 * whether the council was seen, so coverage and themes reads stay small however many bookings there are.
 */
import { newAction } from '../core/actions/actions.js';
import type { Action } from '../core/actions/model.js';
import { notFound, Refusal } from '../core/refusal.js';
import { formatLondonDate, londonDay } from '../core/time.js';
import type { Booking, OutcomeInput } from './model.js';
import { CAPABILITY } from './notify.js';
import * as bookings from './store/bookings.js';
import { saveOutcome } from './store/outcomes.js';

export class OutcomeChangedMeanwhile extends Refusal {
  constructor(readonly current: Booking) {
    super('outcome_changed', 'Someone else recorded the outcome of this booking while you were editing it. Check it and make your change again.');
  }
}

export const bookingSource = (booking: Pick<Booking, 'id' | 'councilName' | 'slotStartsAt'>) => ({
  capability: CAPABILITY,
  kind: 'booking',
  id: booking.id,
  label: `Surgery: ${booking.councilName}, ${formatLondonDate(booking.slotStartsAt)}`,
  href: `/staff/surgeries/bookings/${booking.id}`,
});

export async function recordOutcome(bookingId: string, input: OutcomeInput, by: string, now: Date = new Date()): Promise<{ booking: Booking; actions: Action[] }> {
  const booking = await bookings.getBooking(bookingId, { now });
  if (!booking) throw notFound('There is no booking with this id', 'booking_not_found');
  if (booking.status !== 'confirmed') throw new Refusal('booking_not_confirmed', 'Only a confirmed booking has an outcome to record');
  if (booking.slotStartsAt > now.toISOString()) throw new Refusal('surgery_not_started', 'Record the outcome once the surgery has taken place');
  if (input.version !== booking.outcomeVersion) throw new OutcomeChangedMeanwhile(booking);
  const themes = [...new Set(input.themes)];
  const outcome = {
    attendance: input.attendance,
    themes,
    ...(input.notes ? { notes: input.notes } : {}),
    ...(input.signposted ? { signposted: input.signposted } : {}),
    recordedAt: now.toISOString(),
    recordedBy: by,
  };
  const source = bookingSource(booking);
  const actions = input.actions.map((a) =>
    newAction({ what: a.what, owner: a.owner, areaCode: booking.districtCode, ...(a.dueOn ? { dueOn: a.dueOn } : {}), ...(themes.length === 1 ? { theme: themes[0]! } : {}) }, { by, source, now }),
  );
  const saved = await saveOutcome(booking, outcome, londonDay(new Date(booking.slotStartsAt)), actions);
  if (!saved.ok) {
    if (saved.current && saved.current.status !== 'confirmed') throw new Refusal('booking_not_confirmed', 'This booking has been cancelled');
    throw new OutcomeChangedMeanwhile(saved.current ?? booking);
  }
  return { booking: { ...booking, outcome, outcomeVersion: booking.outcomeVersion + 1, actionIds: [...(booking.actionIds ?? []), ...actions.map((a) => a.id)] }, actions };
}
