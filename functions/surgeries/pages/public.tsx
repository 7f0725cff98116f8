/**
 * The public surgeries pages: find a surgery in your district, choose a slot, choose your council and
 * say who is coming; we email your council's clerk, at the address we have, a link to confirm it, and
 * nothing is booked until the clerk does. No personal data is shown, and nothing says which councils
 * have booked. Every page works without JavaScript.
 *
 *   GET       /surgeries?district=E07000129          upcoming published sessions by district, with free slots
 *   GET       /surgeries/sessions/{id}               the session and its free slots
 *   GET/POST  /surgeries/sessions/{id}/book?slotId=  your council and who is coming → "we have asked your clerk"
 *   GET/POST  /surgeries/confirm/{token}             the clerk confirms the request (the link in their email)
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
import { BackLink, Button, ErrorSummary, NotificationBanner, ProblemBanner, Select, SummaryList, type Errors } from '../../core/ui/components.js';
import { attempt, hasErrors, looksLikeId, readForm, refusalOnPage, refusalStatus, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import * as z from 'zod/mini';
import { bookingByLink } from '../booking.js';
import { listCouncils } from '../councils.js';
import { bookableSlots as freeNow, publicBookingInput, slotIdSchema, type Booking, type Council, type Session, type Slot } from '../model.js';
import { confirmRequest, requestAsItStands, requestSlot } from '../requests.js';
import { readSessionPartition, upcomingSessions } from '../sessions.js';
import { ConfirmRequestPage, RequestLapsedPage } from './confirm.js';
import { Attribution, BookingDetailsFields, InvalidLinkPage, parseDetails, privateHeaders, readDetailsForm, SessionFacts, sessionWhen, SlotChoice, slotWhen } from './parts.js';
import { invitationPages } from './invitation.js';
import { managePages } from './manage.js';

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
          <p class="govuk-body">At a surgery your council can hear about the Commissioner’s role, raise your community’s concerns directly, and hear back about your dealings with the police. Councils are invited by email. You can also ask for a slot here: your council’s clerk then confirms it by email.</p>
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
    <Layout title={`Ask for the slot at ${formatLondonTime(slot.startsAt)}`} current="/surgeries" hasErrors={hasErrors(errors)} beforeContent={<BackLink href={`/surgeries/sessions/${session.id}`} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="Not sent" problem={problem} />
          <span class="govuk-caption-l">{sessionWhen(session)}</span>
          <h1 class="govuk-heading-xl">Ask for the slot at {formatLondonTime(slot.startsAt)}</h1>
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
            <h2 class="govuk-heading-m">Your council’s clerk confirms the booking</h2>
            <p class="govuk-body">We’ll email your council’s clerk a link to confirm the booking, at the address we have for the council (not the address above). Nothing is booked until the clerk confirms it.</p>
            <Button>Ask for this slot</Button>
          </form>
          <Attribution />
        </div>
      </div>
    </Layout>
  );
}

/** The answer to every request sent on: the same whatever the council's bookings (it shows only what the person typed). */
function RequestSentPage({ request }: { request: Pick<Booking, 'councilName' | 'slotStartsAt' | 'email'> }) {
  return (
    <Layout title="We have asked your council’s clerk to confirm" current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">We have asked your council’s clerk to confirm</h1>
          <p class="govuk-body-l">
            We have emailed the clerk of {request.councilName}, at the address we have for the council, a link to confirm a booking on {formatLondon(request.slotStartsAt)}.
          </p>
          <p class="govuk-body">Nothing is booked until the clerk confirms it. The slot is not kept meanwhile: if another council books it first, the clerk can choose another time.</p>
          <p class="govuk-body">Once the clerk confirms, we will email the confirmation and a calendar invite to {request.email}.</p>
          <p class="govuk-body">If you are not the clerk, let them know the email is on its way. If it does not arrive, they should check their spam folder, or contact us: we may have an old address for the council.</p>
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
    const result = await attempt(() => requestSlot({ sessionId: found.session.id, slotId, councilId, details }, now, { submission: values['submission'] }));
    if ('refusal' in result) return page(refusalStatus(result.refusal) as 400 | 409, refusalOnPage(result.refusal));
    c.header('Cache-Control', 'no-store');
    if (result.ok.outcome === 'repeated') return c.html(<RepeatedPage />);
    return c.html(<RequestSentPage request={result.ok.request} />);
  });

  app.use('/surgeries/confirm/*', async (c, next) => {
    await next();
    privateHeaders(c);
  });

  /** The request a confirm link stands for, and whether it can still be confirmed. */
  const requestOf = async (c: Context) => {
    const token = c.req.param('token') ?? '';
    const request = looksLikeToken(token) ? await bookingByLink(token, 'confirm') : undefined;
    return request && request.status !== 'cancelled' ? { token, request } : undefined;
  };
  const lapsed = (request: Booking, now: Date) => request.status === 'requested' && (request.confirmBy ?? '') <= now.toISOString();

  app.get('/surgeries/confirm/:token', async (c) => {
    const found = await requestOf(c);
    if (!found) return c.html(<InvalidLinkPage />, 404);
    const now = new Date();
    if (lapsed(found.request, now)) return c.html(<RequestLapsedPage request={found.request} />, 410);
    const state = found.request.status === 'requested' ? await requestAsItStands(found.request, now) : undefined;
    return c.html(<ConfirmRequestPage {...found} state={state} now={now} />);
  });

  app.post('/surgeries/confirm/:token', rateLimited('surgeries/confirm'), async (c) => {
    const found = await requestOf(c);
    if (!found) return c.html(<InvalidLinkPage />, 404);
    const now = new Date();
    const form = await readForm(c);
    const slotId = form['slotId'] && z.safeParse(slotIdSchema, form['slotId']).success ? form['slotId'] : undefined;
    if (form['slotId'] !== undefined && !slotId) {
      return c.html(<ConfirmRequestPage {...found} state={await requestAsItStands(found.request, now)} now={now} errors={{ slotId: 'Choose a time' }} />, 400);
    }
    const result = await attempt(() => confirmRequest(found.request.id, now, slotId ? { slotId } : {}));
    if ('refusal' in result) {
      if (result.refusal.code === 'request_lapsed') return c.html(<RequestLapsedPage request={found.request} />, 410);
      const state = await requestAsItStands(found.request, now);
      return c.html(<ConfirmRequestPage {...found} state={state} now={now} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
    }
    return c.redirect(`/surgeries/confirm/${found.token}`, 303);
  });

  invitationPages(app);
  managePages(app);
}

function RepeatedPage() {
  return (
    <Layout title="We already have this request" current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">We already have this request</h1>
          <p class="govuk-body">We have emailed your council’s clerk a link to confirm the booking. Nothing is booked until the clerk confirms it.</p>
        </div>
      </div>
    </Layout>
  );
}
