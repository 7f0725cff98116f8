/**
 * Residents' pages: find a meeting, register, and manage a registration from the link in their email.
 * Every page works without JavaScript.
 *
 *   GET  /meetings?area=E06000016          upcoming meetings, filtered by council area
 *   GET  /meetings/{id}                    the meeting and its registration form
 *   POST /meetings/{id}/register           "Check your email": the same page for a new or a known address
 *   /manage/{token}…                       see manage.tsx
 *
 * The form carries a one-off submission key, so sending it twice (a double-click, a refresh of the
 * answer page) registers once and emails once.
 */
import type { Context, Hono } from 'hono';
import { answerNoSoonerThan } from '../../core/http/answer-floor.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { newSecret } from '../../core/ids.js';
import { looksLikeSubmissionKey } from '../../core/idempotency.js';
import { rateLimited } from '../../core/rate-limits.js';
import { attempt, looksLikeId, readForm, refusalOnPage, refusalStatus } from '../../core/ui/forms.js';
import { getMeeting, listUpcomingMeetings } from '../meetings.js';
import { REGISTRATION_ANSWER_FLOOR_MS, registerForMeeting } from '../registering.js';
import { CheckYourEmailPage } from './check-your-email.js';
import { managePages } from './manage.js';
import { areaFromQuery, MeetingListPage } from './meeting-list.js';
import { MeetingPage } from './meeting-page.js';
import { readRegistration } from './registration-form.js';

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
    return c.html(<MeetingPage meeting={meeting} now={new Date()} values={{ submission: newSecret() }} />);
  });

  app.post('/meetings/:id/register', answerNoSoonerThan(REGISTRATION_ANSWER_FLOOR_MS), rateLimited('meetings/register'), async (c) => {
    const meeting = await meetingOrNotFound(c);
    if (!meeting) return handleNotFound(c);
    const form = await readForm(c);
    const now = new Date();
    // A form from before keys were given out, or one tampered with, gets a fresh key with its errors.
    if (!looksLikeSubmissionKey(form['submission'] ?? '')) form['submission'] = newSecret();
    const { input, errors } = readRegistration(form, meeting);
    if (!input) return c.html(<MeetingPage meeting={meeting} now={now} values={form} errors={errors} />, 400);
    const result = await attempt(() => registerForMeeting(meeting.id, input, now, { submission: form['submission'] }));
    if ('refusal' in result) {
      if (result.refusal.kind === 'not-found') return handleNotFound(c);
      // The meeting may have changed while they typed (filled up, closed): show it as it is now.
      const latest = (await getMeeting(meeting.id)) ?? meeting;
      return c.html(<MeetingPage meeting={latest} now={now} values={form} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
    }
    c.header('Cache-Control', 'no-store');
    return c.html(<CheckYourEmailPage meeting={result.ok.meeting} email={input.email} />);
  });

  managePages(app);
}
