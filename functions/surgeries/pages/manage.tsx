/**
 * /surgeries/manage/{token}: the link in a council's confirmation, reschedule and reminder emails, to
 * move the booking to another time or cancel it, without an account. The token is the only key: a
 * wrong or expired one gets the same plain page; these pages are never cached or sent as a referrer.
 *
 *   GET   /surgeries/manage/{token}              the booking, other free times, and a cancel button
 *   POST  /surgeries/manage/{token}/reschedule   moves it, then → ?changed=moved
 *   GET   /surgeries/manage/{token}/cancel       "Are you sure?"
 *   POST  /surgeries/manage/{token}/cancel       cancels, then → ?changed=cancelled
 */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../core/http/auth.js';
import { looksLikeToken } from '../../core/manage-links.js';
import { rateLimited } from '../../core/rate-limits.js';
import { formatLondon, formatLondonDate } from '../../core/time.js';
import { Button, ErrorSummary, ProblemBanner, Radios, SuccessBanner, Tag, type Errors } from '../../core/ui/components.js';
import { attempt, hasErrors, readForm, refusalOnPage, refusalStatus } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import * as z from 'zod/mini';
import { bookingByLink } from '../booking.js';
import { cancelBooking } from '../cancelling.js';
import { entityId, slotIdSchema, type Booking, type Session, type Slot } from '../model.js';
import { placesToMoveTo, rescheduleBooking } from '../rescheduling.js';
import { getSession } from '../store/sessions.js';
import { BookingSummary, InvalidLinkPage, privateHeaders, SessionFacts, slotWhen } from './parts.js';

/** A place to move to, as one radio value: `<sessionId>|<slotId>`. */
export const placeValue = (p: { session: Pick<Session, 'id'>; slot: Pick<Slot, 'id'> }) => `${p.session.id}|${p.slot.id}`;
export const placeText = (p: { session: Session; slot: Slot }) => `${formatLondonDate(p.slot.startsAt)}, ${slotWhen(p.slot)}, ${p.session.venueName}`;

const placeSchema = z.object({ sessionId: entityId('session'), slotId: slotIdSchema, fromSlotId: z.optional(slotIdSchema) });

/** The posted choice of where to move, or the error to show beside the radios. */
export function readPlace(form: Record<string, string | undefined>): { place?: z.infer<typeof placeSchema>; error?: string } {
  const [sessionId, slotId] = (form['place'] ?? '').split('|');
  if (!form['place']) return { error: 'Choose the new time' };
  const parsed = z.safeParse(placeSchema, { sessionId, slotId, ...(form['fromSlotId'] ? { fromSlotId: form['fromSlotId'] } : {}) });
  return parsed.success ? { place: parsed.data } : { error: 'Choose a time from the list' };
}

export function MoveChoice({ places, error, legend }: { places: Array<{ session: Session; slot: Slot }>; error?: string; legend: string }) {
  return <Radios name="place" legend={legend} error={error} options={places.map((p) => ({ value: placeValue(p), text: placeText(p) }))} />;
}

const changeable = (booking: Booking, now: Date) => booking.status === 'confirmed' && booking.slotStartsAt > now.toISOString();

const BANNERS: Record<string, string> = { moved: 'Your booking has moved. We have emailed you the new time and an updated calendar invite.', cancelled: 'Your booking has been cancelled. We have emailed you to confirm.' };

function ManagePage(props: { booking: Booking; session: Session; places: Array<{ session: Session; slot: Slot }>; token: string; now: Date; banner?: string; errors?: Errors; problem?: string }) {
  const { booking, session, places, token, now, banner, errors = {}, problem } = props;
  return (
    <Layout title="Your surgery booking" current="/surgeries" hasErrors={hasErrors(errors)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <SuccessBanner message={banner} />
          <ProblemBanner title="Your booking was not changed" problem={problem} />
          <span class="govuk-caption-l">{booking.councilName}</span>
          <h1 class="govuk-heading-xl">Your surgery booking</h1>
          {booking.status === 'cancelled' ? (
            <p class="govuk-body">
              <Tag colour="red">Cancelled</Tag>
            </p>
          ) : null}
          <BookingSummary booking={booking} />
          <h2 class="govuk-heading-m">The surgery</h2>
          <SessionFacts session={session} />
          {changeable(booking, now) ? (
            <>
              <h2 class="govuk-heading-m">Move to another time</h2>
              {places.length ? (
                <form method="post" action={`/surgeries/manage/${token}/reschedule`} novalidate>
                  <input type="hidden" name="fromSlotId" value={booking.slotId} />
                  <MoveChoice places={places} error={errors['place']} legend="Choose the new time" />
                  <Button secondary>Move my booking</Button>
                </form>
              ) : (
                <p class="govuk-body">There are no other free times in your district’s surgeries at the moment.</p>
              )}
              <h2 class="govuk-heading-m">If you can no longer come</h2>
              <p class="govuk-body">Cancel the booking so another council can have the slot.</p>
              <p class="govuk-body">
                <a class="govuk-button govuk-button--warning" href={`/surgeries/manage/${token}/cancel`} draggable="false">
                  Cancel my booking
                </a>
              </p>
            </>
          ) : booking.status === 'cancelled' ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`/surgeries?district=${booking.districtCode}`}>Book another surgery</a>
            </p>
          ) : (
            <p class="govuk-body">This booking can no longer be changed online.</p>
          )}
        </div>
      </div>
    </Layout>
  );
}

export function managePages(app: Hono<AppEnv>): void {
  app.use('/surgeries/manage/*', async (c, next) => {
    await next();
    privateHeaders(c);
  });

  const find = async (c: Context) => {
    const token = c.req.param('token') ?? '';
    const booking = looksLikeToken(token) ? await bookingByLink(token, 'manage') : undefined;
    const session = booking && (await getSession(booking.sessionId, { consistent: true }));
    return booking && session ? { booking, session, token } : undefined;
  };

  const show = async (c: Context, found: { booking: Booking; session: Session; token: string }, status: ContentfulStatusCode = 200, extra: { errors?: Errors; problem?: string; banner?: string } = {}) => {
    const now = new Date();
    const places = changeable(found.booking, now) ? await placesToMoveTo(found.booking, now) : [];
    return c.html(<ManagePage {...found} places={places} now={now} {...extra} />, status);
  };

  app.get('/surgeries/manage/:token', async (c) => {
    const found = await find(c);
    if (!found) return c.html(<InvalidLinkPage />, 404);
    return show(c, found, 200, { ...(BANNERS[c.req.query('changed') ?? ''] ? { banner: BANNERS[c.req.query('changed')!] } : {}) });
  });

  app.post('/surgeries/manage/:token/reschedule', rateLimited('surgeries/manage'), async (c) => {
    const found = await find(c);
    if (!found) return c.html(<InvalidLinkPage />, 404);
    const { place, error } = readPlace(await readForm(c));
    if (!place) return show(c, found, 400, { errors: { place: error } });
    const result = await attempt(() => rescheduleBooking(found.booking.id, place));
    if ('refusal' in result) {
      const r = refusalOnPage(result.refusal);
      const fresh = (await find(c)) ?? found;
      return show(c, fresh, refusalStatus(result.refusal), 'errors' in r ? { errors: { place: Object.values(r.errors)[0] } } : r);
    }
    return c.redirect(`/surgeries/manage/${found.token}?changed=moved`, 303);
  });

  app.get('/surgeries/manage/:token/cancel', async (c) => {
    const found = await find(c);
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

  app.post('/surgeries/manage/:token/cancel', rateLimited('surgeries/manage'), async (c) => {
    const found = await find(c);
    if (!found) return c.html(<InvalidLinkPage />, 404);
    if (found.booking.status !== 'cancelled') {
      const result = await attempt(() => cancelBooking(found.booking.id, { by: 'council' }));
      if ('refusal' in result) return show(c, found, refusalStatus(result.refusal), { problem: result.refusal.message });
    }
    return c.redirect(`/surgeries/manage/${found.token}?changed=cancelled`, 303);
  });
}
