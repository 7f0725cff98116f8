/**
 * Residents' pages: find a meeting, register (Post/Redirect/Get), and manage a registration from the
 * link in their email. Every page works without JavaScript.
 *
 *   GET  /meetings?area=E06000016          upcoming meetings, filtered by council area
 *   GET  /meetings/{id}                    the meeting and its registration form
 *   POST /meetings/{id}/register           → 303 /meetings/{id}/registered?reference=…
 *   GET  /meetings/{id}/registered         the confirmation
 *   /manage/{token}…                       see manage.tsx
 */
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { config } from '../../core/config.js';
import { attempt, looksLikeId, readForm, refusalOnPage, refusalStatus } from '../../core/ui/forms.js';
import { getMeeting, listUpcomingMeetings } from '../meetings.js';
import { registerForMeeting } from '../registering.js';
import { findRegistrations } from '../registrations.js';
import { managePages } from './manage.js';
import { areaFromQuery, MeetingListPage } from './meeting-list.js';
import { MeetingPage } from './meeting-page.js';
import { RegisteredPage } from './registered-page.js';
import { readRegistration } from './registration-form.js';

/** Remembers, in this browser only and briefly, which registration it just made (see registered-page.tsx). */
const JUST_REGISTERED_COOKIE = 'just_registered';

async function meetingOrNotFound(c: Context) {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getMeeting(id) : undefined;
}

export function publicPages(app: Hono<AppEnv>): void {
  app.get('/meetings', async (c) => {
    const area = areaFromQuery(c.req.query('area'));
    const now = new Date();
    const meetings = await listUpcomingMeetings({ areaCode: area, now });
    return c.html(<MeetingListPage meetings={meetings} area={area} now={now} />);
  });

  app.get('/meetings/:id', async (c) => {
    const meeting = await meetingOrNotFound(c);
    if (!meeting) return handleNotFound(c);
    return c.html(<MeetingPage meeting={meeting} now={new Date()} />);
  });

  app.post('/meetings/:id/register', async (c) => {
    const meeting = await meetingOrNotFound(c);
    if (!meeting) return handleNotFound(c);
    const form = await readForm(c);
    const now = new Date();
    const { input, errors } = readRegistration(form, meeting);
    if (!input) return c.html(<MeetingPage meeting={meeting} now={now} values={form} errors={errors} />, 400);
    const result = await attempt(() => registerForMeeting(meeting.id, input, now));
    if ('refusal' in result) {
      if (result.refusal.kind === 'not-found') return handleNotFound(c);
      // The meeting may have changed while they typed (filled up, closed): show it as it is now.
      const latest = (await getMeeting(meeting.id)) ?? meeting;
      return c.html(<MeetingPage meeting={latest} now={now} values={form} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
    }
    const { registration, created } = result.ok;
    const target = `/meetings/${meeting.id}/registered?reference=${encodeURIComponent(registration.reference)}`;
    if (!created) return c.redirect(`${target}&existing=yes`, 303);
    setCookie(c, JUST_REGISTERED_COOKIE, registration.id, {
      httpOnly: true,
      secure: config().secureCookies,
      sameSite: 'Lax',
      path: `/meetings/${meeting.id}/registered`,
      maxAge: 30 * 60,
    });
    return c.redirect(target, 303);
  });

  app.get('/meetings/:id/registered', async (c) => {
    const meeting = await meetingOrNotFound(c);
    const reference = (c.req.query('reference') ?? '').trim().toUpperCase();
    if (!meeting || !/^[A-Z0-9-]{3,16}$/.test(reference)) return handleNotFound(c);
    const matches = await findRegistrations(meeting.id, reference);
    const registration = matches.find((r) => r.reference.toUpperCase() === reference);
    if (!registration) return handleNotFound(c);
    const showPersonal = getCookie(c, JUST_REGISTERED_COOKIE) === registration.id;
    c.header('Cache-Control', 'no-store');
    return c.html(
      <RegisteredPage meeting={meeting} registration={registration} showPersonal={showPersonal} existing={c.req.query('existing') === 'yes'} />,
    );
  });

  managePages(app);
}
