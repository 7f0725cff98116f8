/**
 * Staff routes for a booking.
 *
 *   GET       /staff/surgeries/bookings/{id}                 the booking, its outcome and actions
 *   POST      /staff/surgeries/bookings/{id}/outcome         what happened at the surgery
 *   GET/POST  /staff/surgeries/bookings/{id}/reschedule | cancel
 */
import { suppressionOf } from '../../core/outbox/suppression.js';
import type { Context, Hono } from 'hono';
import { actionsFrom } from '../../core/actions/store.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { recordAccess } from '../../core/people/access-record.js';
import { issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import * as z from 'zod/mini';
import { cancelBooking } from '../cancelling.js';
import { optionalReasonInput, type Session } from '../model.js';
import { recordOutcome } from '../outcomes.js';
import { placesToMoveTo, rescheduleBooking } from '../rescheduling.js';
import { readSessionPartition } from '../sessions.js';
import { getBooking, type StoredBooking } from '../store/bookings.js';
import { StaffBookingPage } from './booking-details.js';
import { CancelBookingPage } from './cancel.js';
import { moveRefused, readPlace } from './manage-booking.js';
import { outcomeFormValues, readOutcomeForm } from './outcome-form.js';
import { shownAgain } from './parts.js';
import { RescheduleBookingPage } from './reschedule.js';
import { banner, idOf } from './staff-parts.js';

interface Found {
  booking: StoredBooking;
  session: Session;
}

async function bookingOf(c: Context): Promise<Found | undefined> {
  const id = idOf(c);
  const booking = id ? await getBooking(id) : undefined;
  const session = booking ? (await readSessionPartition(booking.sessionId)).session : undefined;
  return booking && session ? { booking, session } : undefined;
}

/** The booking page, with the outcome form as the booking has it, or as it was sent with what was wrong. */
async function bookingPage(c: Context, found: Found, form?: { values: FormValues; themes: readonly string[]; errors?: Record<string, string | undefined>; problem?: string }) {
  const [actions, stopped] = await Promise.all([actionsFrom('surgeries', found.booking.id), suppressionOf(found.booking.email)]);
  const initial = outcomeFormValues(found.booking);
  return <StaffBookingPage {...found} actions={actions} stopped={stopped} now={new Date()} values={form?.values ?? initial.values} themes={form?.themes ?? initial.themes} errors={form?.errors} problem={form?.problem} banner={banner(c)} />;
}

export function staffBookingPages(app: Hono<AppEnv>): void {
  app.get('/staff/surgeries/bookings/:id', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    await recordAccess(c, { what: `Surgery booking for ${found.booking.councilName}`, people: 1 });
    return c.html(await bookingPage(c, found));
  });

  formRoute(app, '/staff/surgeries/bookings/:id/outcome', {
    load: bookingOf,
    read: ({ values, chosen }) => readOutcomeForm(values, chosen('themes')),
    act: (input, found, by) => recordOutcome(found.booking.id, input, by.name),
    done: (_, found) => `/staff/surgeries/bookings/${found.booking.id}?done=outcome`,
    again: async (shown, c) => {
      if (!shown.refusal) return bookingPage(c, shown.context, { values: shown.values, themes: shown.chosen('themes'), ...shownAgain(shown) });
      // Refused (changed meanwhile): the form as the booking has it now.
      const latest = (await bookingOf(c)) ?? shown.context;
      return bookingPage(c, latest, { ...outcomeFormValues(latest.booking), ...shownAgain(shown) });
    },
  });

  app.get('/staff/surgeries/bookings/:id/reschedule', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    await recordAccess(c, { what: `Surgery booking for ${found.booking.councilName}, to move it`, people: 1 });
    return c.html(<RescheduleBookingPage booking={found.booking} places={await placesToMoveTo(found.booking)} />);
  });

  formRoute(app, '/staff/surgeries/bookings/:id/reschedule', {
    load: bookingOf,
    read: ({ values }) => readPlace(values),
    act: (place, found) => rescheduleBooking(found.booking, place),
    done: (_, found) => `/staff/surgeries/bookings/${found.booking.id}?done=rescheduled`,
    again: async (shown, c) => {
      const { booking } = (shown.refusal && (await bookingOf(c))) || shown.context;
      const wrong = shown.refusal ? moveRefused(shownAgain(shown)) : shownAgain(shown);
      return <RescheduleBookingPage booking={booking} places={await placesToMoveTo(booking)} values={shown.values} {...wrong} />;
    },
  });

  app.get('/staff/surgeries/bookings/:id/cancel', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    if (found.booking.status === 'cancelled') return c.redirect(`/staff/surgeries/bookings/${found.booking.id}`, 303);
    await recordAccess(c, { what: `Surgery booking for ${found.booking.councilName}, to cancel it`, people: 1 });
    return c.html(<CancelBookingPage booking={found.booking} />);
  });

  formRoute(app, '/staff/surgeries/bookings/:id/cancel', {
    load: bookingOf,
    read: ({ values }) => {
      const parsed = z.safeParse(optionalReasonInput, { reason: values['reason'] });
      return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
    },
    act: ({ reason }, found) => cancelBooking(found.booking.id, { by: 'staff', ...(reason ? { reason } : {}) }),
    done: (_, found) => `/staff/surgeries/bookings/${found.booking.id}?done=booking-cancelled`,
    // A refusal (already cancelled, already started) is said on the booking's page.
    again: ({ context: found, values, errors, refusal }, c) =>
      refusal ? bookingPage(c, found, { ...outcomeFormValues(found.booking), problem: refusal.message }) : <CancelBookingPage booking={found.booking} values={values} errors={errors} />,
  });
}
