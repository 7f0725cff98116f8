/**
 * /manage/{token}: the link in every email, so a resident can see, change or cancel their registration
 * without an account. The token is the only key: a wrong or expired one gets the same plain page whether
 * or not a registration exists, and these pages are never cached or sent as a referrer.
 *
 *   GET  /manage/{token}            the registration, a cancel button and (if allowed) a places form
 *   GET  /manage/{token}/cancel     "Are you sure?"
 *   POST /manage/{token}/cancel     cancels, then → /manage/{token}/cancelled
 *   POST /manage/{token}/places     changes the number of places, then → /manage/{token}?changed=places
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import { looksLikeToken } from '../../core/manage-links.js';
import { rateLimited } from '../../core/rate-limits.js';
import { Button, ErrorSummary, ProblemBanner, SuccessBanner, SummaryList, TextInput, type Errors } from '../../core/ui/components.js';
import { attempt, hasErrors, issuesToErrors, readForm, refusalOnPage, refusalStatus } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import * as z from 'zod/mini';
import { wholeNumber } from '../../core/validation.js';
import { cancelRegistration } from '../cancelling.js';
import { changePlaces } from '../changing-places.js';
import type { Meeting, Registration } from '../model.js';
import { findRegistrationByManageToken } from '../registrations.js';
import { meetingRows, plural, RegistrationStatusTag } from './meeting-details.js';

type Found = { meeting: Meeting; registration: Registration };

/** The token in the URL is the key: keep it out of referrers, caches and search engines. */
function privateHeaders(c: Context) {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
}

function InvalidLinkPage() {
  return (
    <Layout title="This link is not valid">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">This link is not valid</h1>
          <p class="govuk-body">Check you copied the whole link from your email.</p>
          <p class="govuk-body">
            Links stop working after the meeting has taken place. To come to another meeting,{' '}
            <a class="govuk-link" href="/meetings">find a public meeting</a>.
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** Whether the registration can still be changed: not cancelled, and the meeting has not started. */
const changeable = ({ meeting, registration }: Found, now: Date) =>
  (registration.status === 'confirmed' || registration.status === 'waitlisted') && meeting.status !== 'cancelled' && new Date(meeting.startsAt) > now;

function ManagePage(props: Found & { now: Date; token: string; banner?: string; errors?: Errors; places?: string; problem?: string }) {
  const { meeting, registration, now, token, banner, errors = {}, places, problem } = props;
  const canChange = changeable(props, now);
  const canChangePlaces = canChange && registration.status === 'confirmed' && meeting.maxPlacesPerRegistration > 1;
  return (
    <Layout title="Your registration" hasErrors={hasErrors(errors)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <SuccessBanner message={banner} />
          <ProblemBanner title="Your registration was not changed" problem={problem} />
          <span class="govuk-caption-l">{meeting.title}</span>
          <h1 class="govuk-heading-xl">Your registration</h1>
          <SummaryList
            rows={[
              { key: 'Reference', value: registration.reference },
              { key: 'Name', value: registration.name },
              { key: 'Status', value: <RegistrationStatusTag status={registration.status} /> },
              { key: 'Places', value: plural(registration.places, 'place') },
              { key: 'Meeting', value: meeting.status === 'cancelled' ? `${meeting.title} (cancelled)` : meeting.title },
              ...meetingRows(meeting),
            ]}
          />
          {canChangePlaces ? (
            <form method="post" action={`/manage/${token}/places`} novalidate>
              <h2 class="govuk-heading-m">Change the number of places</h2>
              <TextInput
                name="places"
                label="How many places do you need?"
                hint={`Include yourself. You can book up to ${meeting.maxPlacesPerRegistration} places.`}
                inputmode="numeric"
                width={2}
                value={places ?? String(registration.places)}
                error={errors['places']}
              />
              <Button secondary>Change places</Button>
            </form>
          ) : null}
          {canChange ? (
            <>
              <h2 class="govuk-heading-m">{registration.status === 'waitlisted' ? 'Leave the waiting list' : 'If you can no longer come'}</h2>
              <p class="govuk-body">
                {registration.status === 'waitlisted'
                  ? "We'll take you off the waiting list and stop emailing you about this meeting."
                  : 'Cancel your place so someone on the waiting list can have it.'}
              </p>
              <p class="govuk-body">
                <a class="govuk-button govuk-button--warning" href={`/manage/${token}/cancel`} draggable="false">
                  {registration.status === 'waitlisted' ? 'Leave the waiting list' : 'Cancel my place'}
                </a>
              </p>
            </>
          ) : null}
          <p class="govuk-body">
            <a class="govuk-link" href={`/meetings/${meeting.id}`}>
              See the meeting page
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

function ConfirmCancelPage({ meeting, registration, token }: Found & { token: string }) {
  const leaving = registration.status === 'waitlisted';
  return (
    <ConfirmPage
      title={leaving ? 'Are you sure you want to leave the waiting list?' : 'Are you sure you want to cancel your place?'}
      caption={meeting.title}
      action={`/manage/${token}/cancel`}
      confirm={leaving ? 'Yes, leave the waiting list' : 'Yes, cancel my place'}
      back={`/manage/${token}`}
      backText="No, keep it"
    >
      <p class="govuk-body">
        {leaving
          ? `You'll no longer be offered a place at ${meeting.title}.`
          : `Your ${plural(registration.places, 'place')} at ${meeting.title} will be given to someone else. You can register again later if places are still free.`}
      </p>
    </ConfirmPage>
  );
}

function CancelledPage({ meeting, registration }: Found) {
  return (
    <Layout title="Your place has been cancelled">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title">Your place has been cancelled</h1>
            <div class="govuk-panel__body">
              Reference
              <br />
              <strong>{registration.reference}</strong>
            </div>
          </div>
          <p class="govuk-body">
            Thank you for letting us know. {plural(registration.places, 'place')} at {meeting.title} can now go to someone else.
          </p>
          <p class="govuk-body">We've sent you an email to confirm.</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/meetings">Find another public meeting</a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

const placesField = z.object({
  places: wholeNumber({ label: 'the number of places', min: 1, max: 1_000, fromForm: true, minMessage: 'Ask for at least 1 place. To cancel, use the cancel button' }),
});

export function managePages(app: Hono<AppEnv>): void {
  app.use('/manage/*', async (c, next) => {
    await next();
    privateHeaders(c);
  });

  /** The registration for this token, or the invalid-link page. */
  const find = async (token: string) => (looksLikeToken(token) ? findRegistrationByManageToken(token) : undefined);
  const invalid = (c: Context) => c.html(<InvalidLinkPage />, 404);

  app.get('/manage/:token', async (c) => {
    const token = c.req.param('token');
    const found = await find(token);
    if (!found) return invalid(c);
    const banner = c.req.query('changed') === 'places' ? `You now have ${plural(found.registration.places, 'place')}` : undefined;
    return c.html(<ManagePage {...found} now={new Date()} token={token} banner={banner} />);
  });

  app.get('/manage/:token/cancel', async (c) => {
    const token = c.req.param('token');
    const found = await find(token);
    if (!found) return invalid(c);
    if (!changeable(found, new Date())) return c.redirect(`/manage/${token}`, 303);
    return c.html(<ConfirmCancelPage {...found} token={token} />);
  });

  app.post('/manage/:token/cancel', rateLimited('meetings/manage'), async (c) => {
    const token = c.req.param('token');
    const found = await find(token);
    if (!found) return invalid(c);
    if (found.registration.status !== 'cancelled') {
      const result = await attempt(() => cancelRegistration(found.meeting.id, found.registration.id, 'resident'));
      if ('refusal' in result) return c.html(<ManagePage {...found} now={new Date()} token={token} problem={result.refusal.message} />, refusalStatus(result.refusal));
    }
    return c.redirect(`/manage/${token}/cancelled`, 303);
  });

  app.get('/manage/:token/cancelled', async (c) => {
    const token = c.req.param('token');
    const found = await find(token);
    if (!found) return invalid(c);
    if (found.registration.status !== 'cancelled') return c.redirect(`/manage/${token}`, 303);
    return c.html(<CancelledPage {...found} />);
  });

  app.post('/manage/:token/places', rateLimited('meetings/manage'), async (c) => {
    const token = c.req.param('token');
    const found = await find(token);
    if (!found) return invalid(c);
    const form = await readForm(c);
    const now = new Date();
    const page = (status: 400 | 404 | 409 | 410, extra: { errors?: Errors; problem?: string }) =>
      c.html(<ManagePage {...found} now={now} token={token} places={form['places']} {...extra} />, status);
    if (!form['places']?.trim()) return page(400, { errors: { places: 'Enter how many places you need' } });
    const parsed = z.safeParse(placesField, { places: form['places'].trim() });
    if (!parsed.success) return page(400, { errors: issuesToErrors(parsed.error.issues) });
    const max = found.meeting.maxPlacesPerRegistration;
    if (parsed.data.places > max) return page(400, { errors: { places: `You can ask for up to ${max} places for this meeting` } });
    const result = await attempt(() => changePlaces(found.meeting.id, found.registration.id, parsed.data.places));
    if ('refusal' in result) return page(refusalStatus(result.refusal) as 400 | 409, refusalOnPage(result.refusal));
    return c.redirect(`/manage/${token}?changed=places`, 303);
  });
}
