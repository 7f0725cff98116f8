/**
 * The public surgeries pages: find a surgery in your district, choose a slot, choose your council and
 * say who is coming; the slot is held while you confirm by the link we email. No personal data is shown
 * (not even which councils have booked). Every page works without JavaScript.
 *
 *   GET       /surgeries?district=E07000129          upcoming published sessions by district, with free slots
 *   GET       /surgeries/sessions/{id}               the session and its free slots
 *   GET/POST  /surgeries/sessions/{id}/book?slotId=  your council and who is coming → "check your email"
 *   GET/POST  /surgeries/confirm/{token}             confirm the held slot (the link in the email)
 */
import type { Context, Hono } from 'hono';
import { councilAreaCode, councilAreaName, councilAreas } from '../../core/council-areas.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { looksLikeSubmissionKey } from '../../core/idempotency.js';
import { newSecret } from '../../core/ids.js';
import { looksLikeToken } from '../../core/manage-links.js';
import { rateLimited } from '../../core/rate-limits.js';
import { formatLondon, formatLondonTime } from '../../core/time.js';
import { BackLink, Button, ErrorSummary, NotificationBanner, Panel, ProblemBanner, Select, SummaryList, type Errors } from '../../core/ui/components.js';
import { attempt, hasErrors, looksLikeId, refusalOnPage, refusalStatus, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import * as z from 'zod/mini';
import { bookingByLink, bookSlot, confirmHold, holdLapsed } from '../booking.js';
import { listCouncils } from '../councils.js';
import { publicBookingInput, slotIdSchema, slotIsFree, type Booking, type Council, type Session, type Slot } from '../model.js';
import { readSessionPartition, upcomingSessions } from '../sessions.js';
import { Attribution, BookingDetailsFields, BookingSummary, InvalidLinkPage, parseDetails, privateHeaders, readDetailsForm, SessionFacts, sessionWhen, SlotChoice, slotWhen } from './parts.js';
import { invitationPages } from './invitation.js';
import { managePages } from './manage.js';

const freeNow = (slots: Slot[], now: Date) => slots.filter((s) => s.startsAt > now.toISOString() && slotIsFree(s, now));

/** A published session and its slots, or nothing (unknown and draft sessions are not public). */
async function publicSession(c: Context): Promise<{ session: Session; slots: Slot[] } | undefined> {
  const id = c.req.param('id') ?? '';
  if (!looksLikeId(id)) return undefined;
  const { session, slots } = await readSessionPartition(id);
  return session && session.status !== 'draft' ? { session, slots } : undefined;
}

function SessionListPage({ sessions, district }: { sessions: Array<{ session: Session; free: number }>; district?: string }) {
  const districts = councilAreas.filter((a) => sessions.some((s) => s.session.districtCode === a.code));
  const title = district ? `Surgeries for councils in ${councilAreaName(district)}` : 'Surgeries for parish and town councils';
  return (
    <Layout title={title} current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{title}</h1>
          <p class="govuk-body-l">The Deputy Commissioner meets parish and town councils one to one, in a programme of surgeries in each district.</p>
          <p class="govuk-body">At a surgery your council can hear about the Commissioner’s role, raise your community’s concerns directly, and hear back about your dealings with the police. Councils are invited by email; you can also book a slot here.</p>
          <form method="get" action="/surgeries" novalidate>
            <Select name="district" label="District" value={district ?? ''} options={[{ value: '', text: 'All districts' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
            <Button secondary>Show surgeries</Button>
          </form>
          {sessions.length === 0 ? <p class="govuk-body">There are no surgeries with dates yet{district ? ' in this district' : ''}. Check again soon.</p> : null}
          {districts.map((area) => (
            <>
              <h2 class="govuk-heading-l">{area.name}</h2>
              {sessions
                .filter((s) => s.session.districtCode === area.code)
                .map(({ session, free }) => (
                  <div class="govuk-summary-card">
                    <div class="govuk-summary-card__title-wrapper">
                      <h3 class="govuk-summary-card__title">{sessionWhen(session)}</h3>
                    </div>
                    <div class="govuk-summary-card__content">
                      <SummaryList rows={[...sessionRowsShort(session), { key: 'Free slots', value: session.status === 'cancelled' ? 'Cancelled' : free === 0 ? 'None: all slots are booked' : String(free) }]} />
                      {session.status === 'published' && free > 0 ? (
                        <p class="govuk-body">
                          <a class="govuk-link" href={`/surgeries/sessions/${session.id}`}>
                            Choose a slot<span class="govuk-visually-hidden"> at {session.venueName} on {sessionWhen(session)}</span>
                          </a>
                        </p>
                      ) : null}
                    </div>
                  </div>
                ))}
            </>
          ))}
        </div>
      </div>
    </Layout>
  );
}

const sessionRowsShort = (s: Session) => [
  { key: 'Where', value: `${s.venueName}, ${s.venueAddress}` },
  { key: 'Step-free', value: s.venueKind === 'online' ? 'Online' : s.stepFree ? 'Yes' : 'No' },
];

function SessionPage({ session, slots, now, values = {}, errors = {} }: { session: Session; slots: Slot[]; now: Date; values?: FormValues; errors?: Errors }) {
  const free = freeNow(slots, now);
  return (
    <Layout title={`Surgery on ${sessionWhen(session)}`} current="/surgeries" hasErrors={hasErrors(errors)} beforeContent={<BackLink href={`/surgeries?district=${session.districtCode}`} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span class="govuk-caption-l">Surgery for councils in {councilAreaName(session.districtCode)}</span>
          <h1 class="govuk-heading-xl">{sessionWhen(session)}</h1>
          <SessionFacts session={session} />
          {session.status === 'cancelled' ? (
            <NotificationBanner title="Cancelled">
              <p class="govuk-notification-banner__heading">This surgery has been cancelled.</p>
            </NotificationBanner>
          ) : free.length === 0 ? (
            <p class="govuk-body">All slots at this surgery are booked. <a class="govuk-link" href={`/surgeries?district=${session.districtCode}`}>See other surgeries in {councilAreaName(session.districtCode)}</a>.</p>
          ) : (
            <form method="get" action={`/surgeries/sessions/${session.id}/book`} novalidate>
              <SlotChoice slots={free} value={values['slotId']} error={errors['slotId']} legend="Choose a time for your council" />
              <Button>Continue</Button>
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}

function BookPage(props: { session: Session; slot: Slot; councils: Council[]; values: FormValues; themes: readonly string[]; errors?: Errors; problem?: string }) {
  const { session, slot, councils, values, errors = {}, problem } = props;
  return (
    <Layout title={`Book the slot at ${formatLondonTime(slot.startsAt)}`} current="/surgeries" hasErrors={hasErrors(errors)} beforeContent={<BackLink href={`/surgeries/sessions/${session.id}`} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="Not booked" problem={problem} />
          <span class="govuk-caption-l">{sessionWhen(session)}</span>
          <h1 class="govuk-heading-xl">Book the slot at {formatLondonTime(slot.startsAt)}</h1>
          <SummaryList
            rows={[
              { key: 'Time', value: <>{slotWhen(slot)} <a class="govuk-link" href={`/surgeries/sessions/${session.id}`}>Change<span class="govuk-visually-hidden"> time</span></a></> },
              { key: 'Where', value: `${session.venueName}, ${session.venueAddress}` },
            ]}
          />
          <form method="post" action={`/surgeries/sessions/${session.id}/book`} novalidate>
            <input type="hidden" name="slotId" value={slot.id} />
            <input type="hidden" name="submission" value={values['submission'] ?? ''} />
            <Select
              name="councilId"
              label="Your council"
              hint={`Councils in ${councilAreaName(session.districtCode)}. If yours is not listed, contact us.`}
              value={values['councilId'] ?? ''}
              error={errors['councilId']}
              options={[{ value: '', text: 'Choose your council' }, ...councils.map((c) => ({ value: c.id, text: c.name }))]}
            />
            <BookingDetailsFields values={values} themesChosen={props.themes} errors={errors} />
            <p class="govuk-body">We’ll hold the slot for 30 minutes and email you a link to confirm it.</p>
            <Button>Hold this slot</Button>
          </form>
          <Attribution />
        </div>
      </div>
    </Layout>
  );
}

function CheckYourEmailPage({ booking }: { booking: Booking }) {
  return (
    <Layout title="Check your email to confirm" current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">Check your email to confirm</h1>
          <p class="govuk-body-l">
            We are holding the slot at {formatLondon(booking.slotStartsAt)} for {booking.councilName}.
          </p>
          <p class="govuk-body">
            We have sent a link to <strong>{booking.email}</strong>. Confirm the booking by {formatLondonTime(booking.holdUntil!)}: after that the slot is released for another council.
          </p>
          <p class="govuk-body">If the email has not arrived in a few minutes, check your spam folder.</p>
        </div>
      </div>
    </Layout>
  );
}

function ConfirmPage({ booking, token, problem }: { booking: Booking; token: string; problem?: string }) {
  const confirmed = booking.status === 'confirmed';
  return (
    <Layout title={confirmed ? 'Your surgery is booked' : 'Confirm your surgery booking'} current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ProblemBanner title="Not confirmed" problem={problem} />
          {confirmed ? (
            <Panel title="Your surgery is booked">
              {booking.councilName}
              <br />
              <strong>{formatLondon(booking.slotStartsAt)}</strong>
            </Panel>
          ) : (
            <h1 class="govuk-heading-xl">Confirm your surgery booking</h1>
          )}
          <BookingSummary booking={booking} />
          {confirmed ? (
            <p class="govuk-body">We have emailed the confirmation and a calendar invite to {booking.email}, with a link to change or cancel the booking.</p>
          ) : (
            <form method="post" action={`/surgeries/confirm/${token}`} novalidate>
              <p class="govuk-body">Confirm by {formatLondonTime(booking.holdUntil!)}, or the slot will be released.</p>
              <Button>Confirm the booking</Button>
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}

function HoldLapsedPage({ booking }: { booking?: Booking }) {
  return (
    <Layout title="The time to confirm has passed" current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">The time to confirm has passed</h1>
          <p class="govuk-body">{holdLapsed().message}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={booking ? `/surgeries/sessions/${booking.sessionId}` : '/surgeries'}>
              Choose a slot again
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

const districtQuery = (value: string | undefined) => {
  const parsed = z.safeParse(councilAreaCode, value);
  return parsed.success ? parsed.data : undefined;
};

export function publicPages(app: Hono<AppEnv>): void {
  app.get('/surgeries', async (c) => {
    const district = districtQuery(c.req.query('district'));
    const now = new Date();
    const sessions = (await upcomingSessions({ now, ...(district ? { districtCode: district } : {}) })).filter((s) => s.status !== 'draft');
    const withFree = await Promise.all(sessions.map(async (session) => ({ session, free: freeNow((await readSessionPartition(session.id)).slots, now).length })));
    return c.html(<SessionListPage sessions={withFree} district={district} />);
  });

  app.get('/surgeries/sessions/:id', async (c) => {
    const found = await publicSession(c);
    if (!found) return handleNotFound(c);
    return c.html(<SessionPage {...found} now={new Date()} />);
  });

  /** The chosen slot, if it is one of the session's free ones now; otherwise the session page with the problem. */
  const chosenSlot = (found: { session: Session; slots: Slot[] }, slotId: string | undefined, now?: Date) => {
    if (!slotId) return { error: 'Choose a time for your council' };
    if (!z.safeParse(slotIdSchema, slotId).success) return { error: 'Choose a time from the list' };
    const slot = found.slots.find((s) => s.id === slotId);
    if (!slot) return { error: 'Choose a time from the list' };
    // When the form is sent, the booking itself decides (a repeat of the same form is not "taken").
    if (now && !freeNow([slot], now).length) return { error: 'That time has just been taken or has passed: choose another' };
    return { slot };
  };

  app.get('/surgeries/sessions/:id/book', async (c) => {
    const found = await publicSession(c);
    if (!found || found.session.status !== 'published') return handleNotFound(c);
    const now = new Date();
    const chosen = chosenSlot(found, c.req.query('slotId'), now);
    if (!chosen.slot) return c.html(<SessionPage {...found} now={now} values={{ slotId: c.req.query('slotId') }} errors={{ slotId: chosen.error }} />, 400);
    const councils = await listCouncils({ districtCode: found.session.districtCode });
    return c.html(<BookPage session={found.session} slot={chosen.slot} councils={councils} values={{ submission: newSecret() }} themes={[]} />);
  });

  app.post('/surgeries/sessions/:id/book', rateLimited('surgeries/book'), async (c) => {
    const found = await publicSession(c);
    if (!found || found.session.status !== 'published') return handleNotFound(c);
    const now = new Date();
    const posted = await readDetailsForm(c);
    const values = posted.values;
    if (!looksLikeSubmissionKey(values['submission'] ?? '')) values['submission'] = newSecret();
    const chosen = chosenSlot(found, values['slotId']);
    if (!chosen.slot) return c.html(<SessionPage {...found} now={now} values={{}} errors={{ slotId: chosen.error }} />, 400);
    const councils = await listCouncils({ districtCode: found.session.districtCode });
    const page = (status: 400 | 404 | 409 | 410, extra: { errors?: Errors; problem?: string }) =>
      c.html(<BookPage session={found.session} slot={chosen.slot} councils={councils} values={values} themes={posted.themes} {...extra} />, status);
    const { input, errors } = parseDetails(publicBookingInput, posted, { slotId: chosen.slot.id, councilId: values['councilId'] ?? '' });
    if (!input) {
      if (errors['councilId'] || !values['councilId']) errors['councilId'] = 'Choose your council';
      return page(400, { errors });
    }
    const { slotId, councilId, ...details } = input;
    const result = await attempt(() => bookSlot({ sessionId: found.session.id, slotId, councilId, details, via: 'public' }, now, { hold: true, submission: values['submission'] }));
    if ('refusal' in result) return page(refusalStatus(result.refusal) as 400 | 409, refusalOnPage(result.refusal));
    c.header('Cache-Control', 'no-store');
    if (result.ok.outcome === 'repeated') return c.html(<RepeatedPage />);
    return c.html(<CheckYourEmailPage booking={result.ok.booking} />);
  });

  app.use('/surgeries/confirm/*', async (c, next) => {
    await next();
    privateHeaders(c);
  });

  app.get('/surgeries/confirm/:token', async (c) => {
    const token = c.req.param('token');
    const booking = looksLikeToken(token) ? await bookingByLink(token, 'confirm') : undefined;
    if (!booking) return c.html(<InvalidLinkPage />, 404);
    if (booking.status === 'released' || (booking.status === 'held' && booking.holdUntil! <= new Date().toISOString())) return c.html(<HoldLapsedPage booking={booking} />, 410);
    if (booking.status === 'cancelled') return c.html(<InvalidLinkPage />, 404);
    return c.html(<ConfirmPage booking={booking} token={token} />);
  });

  app.post('/surgeries/confirm/:token', rateLimited('surgeries/confirm'), async (c) => {
    const token = c.req.param('token');
    const booking = looksLikeToken(token) ? await bookingByLink(token, 'confirm') : undefined;
    if (!booking) return c.html(<InvalidLinkPage />, 404);
    const result = await attempt(() => confirmHold(booking.id));
    if ('refusal' in result) {
      if (result.refusal.code === 'hold_expired') return c.html(<HoldLapsedPage booking={booking} />, 410);
      return c.html(<ConfirmPage booking={booking} token={token} problem={result.refusal.message} />, refusalStatus(result.refusal));
    }
    return c.redirect(`/surgeries/confirm/${token}`, 303);
  });

  invitationPages(app);
  managePages(app);
}

function RepeatedPage() {
  return (
    <Layout title="Check your email" current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">Check your email</h1>
          <p class="govuk-body">We already have this form: check your email for the link to confirm the booking.</p>
        </div>
      </div>
    </Layout>
  );
}
