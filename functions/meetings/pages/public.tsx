/**
 * Residents' pages: find a meeting and register. Every page works without JavaScript. (The pages
 * reached from the link in their email are in manage.tsx.)
 *
 *   GET  /meetings?area=E06000016          upcoming meetings, filtered by council area
 *   GET  /meetings/{id}                    the meeting and its registration form
 *   POST /meetings/{id}/register           "Check your email": the same page for a new or a known address
 *
 * The form carries a one-off submission key (core's PostForm), so sending it twice (a double-click, a
 * refresh of the answer page) registers once, emails once, and shows the same page again.
 */
import type { Context, Hono } from 'hono';
import { publicOutcomesOf } from '../../core/actions/public-outcomes.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { looksLikeId } from '../../core/ui/forms.js';
import { getMeeting, listUpcomingMeetings } from '../meetings.js';
import { REGISTRATION_ANSWER_FLOOR_MS, registerForMeeting } from '../registering.js';
import { CheckYourEmailPage } from './check-your-email.js';
import { areaFromQuery, MeetingListPage } from './meeting-list.js';
import { MeetingPage } from './meeting-page.js';
import { readRegistration } from './registration-form.js';
import { CAPABILITY } from '../store/keys.js';

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
    return c.html(<MeetingPage meeting={meeting} now={new Date()} outcomes={await publicOutcomesOf(CAPABILITY, meeting.id)} />);
  });

  formRoute(app, '/meetings/:id/register', {
    // The same time whether the address was known or new (registering.ts).
    answerFloorMs: REGISTRATION_ANSWER_FLOOR_MS,
    rateLimited: true,
    load: meetingOrNotFound,
    read: ({ values }, meeting) => {
      const { input, errors } = readRegistration(values, meeting);
      return input ? { input } : { errors };
    },
    act: (input, meeting) => registerForMeeting(meeting.id, input),
    // Answered in place rather than redirected: the page names the address, which must not go in a URL.
    done: ({ meeting }, _, input, c) => {
      c.header('Cache-Control', 'no-store');
      return c.html(<CheckYourEmailPage meeting={meeting} email={input.email} />);
    },
    again: async ({ context: meeting, values, errors, problem, refusal }) => {
      // Refused: the meeting may have changed while they typed (filled up, closed), so show it as it is now.
      const shown = refusal ? ((await getMeeting(meeting.id)) ?? meeting) : meeting;
      return <MeetingPage meeting={shown} now={new Date()} values={values} errors={errors} problem={problem} outcomes={await publicOutcomesOf(CAPABILITY, meeting.id)} />;
    },
  });
}
