/**
 * The surgeries pages reached by a personal link in an email, without an account: the clerk confirming
 * a request made on the public page, a council booking with its invitation, and a council moving or
 * cancelling its booking. The token is the only key: a wrong or expired one gets the same plain page
 * whatever exists, and these pages are never cached, indexed or sent as a referrer.
 *
 *   GET/POST  /surgeries/confirm/{token}             the request as it stands → confirmed (the same page)
 *   GET/POST  /surgeries/invitation/{token}          the session and the form → ?booked=yes
 *   GET       /surgeries/manage/{token}              the booking, other free times, and a cancel button
 *   POST      /surgeries/manage/{token}/reschedule   moves it → ?changed=moved
 *   GET/POST  /surgeries/manage/{token}/cancel       "Are you sure?" → ?changed=cancelled
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { personalLinkPages } from '../../core/http/personal-link.js';
import { looksLikeToken } from '../../core/manage-links.js';
import { formatLondon } from '../../core/time.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import * as z from 'zod/mini';
import { bookingByLink } from '../booking.js';
import { cancelBooking } from '../cancelling.js';
import { bookWithInvitation, invitationFor, type Invitation } from '../invitations.js';
import { bookableSlots, invitationBookingInput, slotIdSchema, type Booking, type Slot } from '../model.js';
import { confirmRequest, requestAsItStands } from '../requests.js';
import { placesToMoveTo, rescheduleBooking } from '../rescheduling.js';
import { getBooking } from '../store/bookings.js';
import { getSession, readSessionPartition } from '../store/sessions.js';
import { ConfirmRequestPage, RequestLapsedPage } from './confirm.js';
import { InvitationPage } from './invitation.js';
import { BANNERS, changeable, ManagePage, moveRefused, readPlace } from './manage-booking.js';
import { InvalidLinkPage, parseDetails, shownAgain } from './parts.js';

const tokenOf = (c: Context) => {
  const token = c.req.param('token') ?? '';
  return looksLikeToken(token) ? token : undefined;
};

/** The request a confirm link stands for, while it can still be seen (not cancelled). */
async function requestOf(c: Context) {
  const token = tokenOf(c);
  const request = token ? await bookingByLink(token, 'confirm') : undefined;
  return request && request.status !== 'cancelled' ? { token: token!, request } : undefined;
}
const lapsed = (request: Booking, now: Date) => request.status === 'requested' && (request.confirmBy ?? '') <= now.toISOString();

/** The council's booking in the session, if it has one, and the slots free now. */
async function currentBooking(invitation: Invitation, now: Date): Promise<{ free: Slot[]; booking?: Booking }> {
  const { slots, guards } = await readSessionPartition(invitation.session.id);
  const guard = guards.get(invitation.council.id);
  const booking = guard ? await getBooking(guard.bookingId, { now }) : undefined;
  return { free: bookableSlots(slots, now), ...(booking?.status === 'confirmed' ? { booking } : {}) };
}

/** The booking a manage link stands for, with its session. */
async function bookingOf(c: Context) {
  const token = tokenOf(c);
  const booking = token ? await bookingByLink(token, 'manage') : undefined;
  const session = booking && (await getSession(booking.sessionId, { consistent: true }));
  return booking && session ? { booking, session, token: token! } : undefined;
}
const placesFor = (booking: Booking, now = new Date()) => (changeable(booking, now) ? placesToMoveTo(booking, now) : Promise.resolve([]));

export function managePages(app: Hono<AppEnv>): void {
  for (const path of ['/surgeries/confirm/*', '/surgeries/invitation/*', '/surgeries/manage/*']) app.use(path, personalLinkPages());

  // The clerk confirming a request ----------------------------------------------------------------

  app.get('/surgeries/confirm/:token', async (c) => {
    const found = await requestOf(c);
    if (!found) return c.html(<InvalidLinkPage />, 404);
    const now = new Date();
    if (lapsed(found.request, now)) return c.html(<RequestLapsedPage request={found.request} />, 410);
    const state = found.request.status === 'requested' ? await requestAsItStands(found.request, now) : undefined;
    return c.html(<ConfirmRequestPage {...found} state={state} now={now} />);
  });

  formRoute(app, '/surgeries/confirm/:token', {
    rateLimited: true,
    load: requestOf,
    // Another time, when the one asked for has gone.
    read: ({ values }) => {
      if (values['slotId'] === undefined) return { input: {} };
      return z.safeParse(slotIdSchema, values['slotId']).success ? { input: { slotId: values['slotId'] } } : { errors: { slotId: 'Choose a time' } };
    },
    act: (input: { slotId?: string }, found) => confirmRequest(found.request.id, new Date(), input),
    done: (_, found) => `/surgeries/confirm/${found.token}`,
    again: async (shown) => {
      if (shown.refusal?.code === 'request_lapsed') return <RequestLapsedPage request={shown.context.request} />;
      const now = new Date();
      return <ConfirmRequestPage {...shown.context} state={await requestAsItStands(shown.context.request, now)} now={now} values={shown.values} {...shownAgain(shown)} />;
    },
  });

  // Booking with an invitation --------------------------------------------------------------------

  const invitationOf = async (c: Context) => {
    const token = tokenOf(c);
    return token ? invitationFor(token) : undefined;
  };

  app.get('/surgeries/invitation/:token', async (c) => {
    const invitation = await invitationOf(c);
    if (!invitation) return c.html(<InvalidLinkPage />, 404);
    const current = await currentBooking(invitation, new Date());
    return c.html(<InvitationPage invitation={invitation} {...current} booked={c.req.query('booked') === 'yes'} />);
  });

  formRoute(app, '/surgeries/invitation/:token', {
    rateLimited: true,
    load: invitationOf,
    read: ({ values, chosen }) => {
      const { input, errors } = parseDetails(invitationBookingInput, { values, themes: chosen('themes') }, { slotId: values['slotId'] ?? '' });
      if (input) return { input };
      if (errors['slotId']) errors['slotId'] = 'Choose a time';
      return { errors };
    },
    act: (input, invitation) => bookWithInvitation(invitation, input),
    done: (_, invitation) => `/surgeries/invitation/${invitation.token}?booked=yes`,
    again: async ({ context: invitation, values, chosen, refusal, errors }) => {
      // The council is the link's: a problem with it is said above the form, not beside a field it does not have.
      const shown = refusal?.fields?.some((f) => f.field === 'councilId') ? { problem: refusal.fields.map((f) => f.message).join(' ') } : shownAgain({ refusal, errors });
      return <InvitationPage invitation={invitation} {...await currentBooking(invitation, new Date())} values={values} themes={chosen('themes')} {...shown} />;
    },
  });

  // Moving or cancelling a booking ----------------------------------------------------------------

  app.get('/surgeries/manage/:token', async (c) => {
    const found = await bookingOf(c);
    if (!found) return c.html(<InvalidLinkPage />, 404);
    const banner = BANNERS[c.req.query('changed') ?? ''];
    return c.html(<ManagePage {...found} places={await placesFor(found.booking)} now={new Date()} {...(banner ? { banner } : {})} />);
  });

  formRoute(app, '/surgeries/manage/:token/reschedule', {
    rateLimited: true,
    load: bookingOf,
    read: ({ values }) => readPlace(values),
    act: (place, found) => rescheduleBooking(found.booking, place),
    done: (_, found) => `/surgeries/manage/${found.token}?changed=moved`,
    again: async (shown, c) => {
      // Refused: the booking as it is now (moved or cancelled meanwhile, perhaps).
      const found = (shown.refusal && (await bookingOf(c))) || shown.context;
      const wrong = shown.refusal ? moveRefused(shownAgain(shown)) : shownAgain(shown);
      return <ManagePage {...found} places={await placesFor(found.booking)} now={new Date()} values={shown.values} {...wrong} />;
    },
  });

  app.get('/surgeries/manage/:token/cancel', async (c) => {
    const found = await bookingOf(c);
    if (!found) return c.html(<InvalidLinkPage />, 404);
    if (!changeable(found.booking, new Date())) return c.redirect(`/surgeries/manage/${found.token}`, 303);
    return c.html(
      <ConfirmPage
        title="Are you sure you want to cancel your surgery booking?"
        caption={found.booking.councilName}
        action={`/surgeries/manage/${found.token}/cancel`}
        confirm="Yes, cancel the booking"
        back={`/surgeries/manage/${found.token}`}
        backText="No, keep it"
      >
        <p class="govuk-body">The slot at {formatLondon(found.booking.slotStartsAt)} will be given up so another council can book it.</p>
      </ConfirmPage>,
    );
  });

  formRoute(app, '/surgeries/manage/:token/cancel', {
    rateLimited: true,
    load: bookingOf,
    act: async (_, found) => {
      if (found.booking.status !== 'cancelled') await cancelBooking(found.booking.id, { by: 'council' });
    },
    done: (_, found) => `/surgeries/manage/${found.token}?changed=cancelled`,
    again: async ({ context: found, refusal }) => <ManagePage {...found} places={await placesFor(found.booking)} now={new Date()} problem={refusal?.message} />,
  });
}
