/**
 * /surgeries/invitation/{token}: the personal booking link in a council's invitation. The council is
 * known from the link: choose a time and say who is coming, and the booking is made at once. A wrong
 * or expired link gets the same plain page whatever exists; these pages are never cached or sent as a
 * referrer.
 *
 *   GET   /surgeries/invitation/{token}            the session, its free slots and the form (or the booking made)
 *   POST  /surgeries/invitation/{token}            books, then → /surgeries/invitation/{token}?booked=yes
 */
import type { Context, Hono } from 'hono';
import { councilAreaName } from '../../core/council-areas.js';
import type { AppEnv } from '../../core/http/auth.js';
import { looksLikeSubmissionKey } from '../../core/idempotency.js';
import { newSecret } from '../../core/ids.js';
import { looksLikeToken } from '../../core/manage-links.js';
import { rateLimited } from '../../core/rate-limits.js';
import { Button, ErrorSummary, Panel, ProblemBanner, type Errors } from '../../core/ui/components.js';
import { attempt, hasErrors, refusalOnPage, refusalStatus, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { formatLondon } from '../../core/time.js';
import { bookWithInvitation, invitationFor, type Invitation } from '../invitations.js';
import { bookableSlots, invitationBookingInput, type Booking, type Slot } from '../model.js';
import { getBooking } from '../store/bookings.js';
import { readSessionPartition } from '../store/sessions.js';
import { BookingDetailsFields, BookingSummary, InvalidLinkPage, parseDetails, privateHeaders, readDetailsForm, SessionFacts, SlotChoice } from './parts.js';

interface PageProps {
  invitation: Invitation;
  free: Slot[];
  booking?: Booking;
  booked?: boolean;
  values?: FormValues;
  themes?: readonly string[];
  errors?: Errors;
  problem?: string;
}

function InvitationPage({ invitation, free, booking, booked, values = {}, themes = [], errors = {}, problem }: PageProps) {
  const { session, council, token } = invitation;
  const title = booked ? 'Your surgery is booked' : `Book a surgery for ${council.name}`;
  return (
    <Layout title={title} current="/surgeries" hasErrors={hasErrors(errors)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="Not booked" problem={problem} />
          {booked && booking ? (
            <Panel title="Your surgery is booked">
              {booking.councilName}
              <br />
              <strong>{formatLondon(booking.slotStartsAt)}</strong>
            </Panel>
          ) : (
            <>
              <span class="govuk-caption-l">Surgery for councils in {councilAreaName(session.districtCode)}</span>
              <h1 class="govuk-heading-xl">{title}</h1>
            </>
          )}
          {booking ? (
            <>
              {booked ? null : <p class="govuk-body">{council.name} already has a slot at this surgery.</p>}
              <BookingSummary booking={booking} />
              <p class="govuk-body">We have emailed the confirmation to {booking.email}, with a calendar invite and a link to change or cancel the booking.</p>
            </>
          ) : null}
          <h2 class="govuk-heading-m">The surgery</h2>
          <SessionFacts session={session} />
          {booking ? null : session.status === 'cancelled' ? (
            <p class="govuk-body">This surgery has been cancelled.</p>
          ) : free.length === 0 ? (
            <p class="govuk-body">
              All slots at this surgery are booked. <a class="govuk-link" href={`/surgeries?district=${session.districtCode}`}>See other surgeries in {councilAreaName(session.districtCode)}</a>.
            </p>
          ) : (
            <form method="post" action={`/surgeries/invitation/${token}`} novalidate>
              <input type="hidden" name="submission" value={values['submission'] ?? ''} />
              <SlotChoice slots={free} value={values['slotId']} error={errors['slotId']} legend="Choose a time" />
              <BookingDetailsFields values={values} themesChosen={themes} errors={errors} />
              <Button>Book this slot</Button>
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}

/** The council's booking in the session, if it has one. */
async function currentBooking(invitation: Invitation, now: Date): Promise<{ free: Slot[]; booking?: Booking }> {
  const { slots, guards } = await readSessionPartition(invitation.session.id);
  const guard = guards.get(invitation.council.id);
  const booking = guard ? await getBooking(guard.bookingId, { now }) : undefined;
  return { free: bookableSlots(slots, now), ...(booking?.status === 'confirmed' ? { booking } : {}) };
}

export function invitationPages(app: Hono<AppEnv>): void {
  app.use('/surgeries/invitation/*', async (c, next) => {
    await next();
    privateHeaders(c);
  });

  const find = async (c: Context) => {
    const token = c.req.param('token') ?? '';
    return looksLikeToken(token) ? invitationFor(token) : undefined;
  };

  app.get('/surgeries/invitation/:token', async (c) => {
    const invitation = await find(c);
    if (!invitation) return c.html(<InvalidLinkPage />, 404);
    const now = new Date();
    const current = await currentBooking(invitation, now);
    return c.html(<InvitationPage invitation={invitation} {...current} booked={c.req.query('booked') === 'yes'} values={{ submission: newSecret() }} />);
  });

  app.post('/surgeries/invitation/:token', rateLimited('surgeries/book'), async (c) => {
    const invitation = await find(c);
    if (!invitation) return c.html(<InvalidLinkPage />, 404);
    const now = new Date();
    const posted = await readDetailsForm(c);
    const values = posted.values;
    if (!looksLikeSubmissionKey(values['submission'] ?? '')) values['submission'] = newSecret();
    const page = async (status: 400 | 404 | 409 | 410, extra: { errors?: Errors; problem?: string }) =>
      c.html(<InvitationPage invitation={invitation} {...(await currentBooking(invitation, now))} values={values} themes={posted.themes} {...extra} />, status);
    const { input, errors } = parseDetails(invitationBookingInput, posted, { slotId: values['slotId'] ?? '' });
    if (!input) {
      if (errors['slotId']) errors['slotId'] = 'Choose a time';
      return page(400, { errors });
    }
    const result = await attempt(() => bookWithInvitation(invitation, input, now, { submission: values['submission'] }));
    if ('refusal' in result) {
      // The council is the link's: a problem with it is said above the form, not beside a field it does not have.
      const shown = result.refusal.fields?.some((f) => f.field === 'councilId') ? { problem: result.refusal.fields.map((f) => f.message).join(' ') } : refusalOnPage(result.refusal);
      return page(refusalStatus(result.refusal) as 400 | 409, shown);
    }
    return c.redirect(`/surgeries/invitation/${invitation.token}?booked=yes`, 303);
  });
}
