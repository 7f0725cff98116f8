/**
 * Staff pages for the door and after the night (beside pages/staff.tsx, which has the rest):
 *
 *   POST      /staff/meetings/{id}/walk-ins              someone who came without registering (from check-in)
 *   GET/POST  /staff/meetings/{id}/you-said-we-did       what came of the meeting, shown on its public page
 *   GET/POST  /staff/meetings/held/new                   a meeting that already happened, with how many came
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { issuesToErrors, looksLikeId, type FormValues } from '../../core/ui/forms.js';
import { getMeeting } from '../meetings.js';
import type { Meeting } from '../model.js';
import { walkInForm, youSaidWeDidForm } from '../model.js';
import { saveYouSaidWeDid, youSaidWeDidVersions } from '../outcomes.js';
import { addWalkIn } from '../walk-ins.js';
import { recordHeldMeeting } from '../held-meetings.js';
import { CheckInPage } from './check-in.js';
import { HeldMeetingFormPage, readHeldMeetingForm } from './held-meeting-form.js';
import { YouSaidWeDidPage } from './you-said-we-did.js';

async function findMeeting(c: Context): Promise<Meeting | undefined> {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getMeeting(id) : undefined;
}

const walkInFields = (values: FormValues) => ({ name: values['name'] ?? '', email: values['email'] ?? '', areaCode: values['areaCode'] ?? '' });

export function staffAfterPages(app: Hono<AppEnv>): void {
  app.get('/staff/meetings/held/new', (c) => c.html(<HeldMeetingFormPage values={{}} />));

  formRoute(app, '/staff/meetings/held/new', {
    read: ({ values, chosen }) => readHeldMeetingForm(values, chosen('themes')),
    act: (input) => recordHeldMeeting(input),
    done: (meeting) => `/staff/meetings/${meeting.id}?done=recorded`,
    again: ({ values, chosen, errors, problem }) => <HeldMeetingFormPage values={values} chosenThemes={chosen('themes')} errors={errors} problem={problem} />,
  });

  formRoute(app, '/staff/meetings/:id/walk-ins', {
    load: findMeeting,
    read: ({ values }) => {
      const parsed = z.safeParse(walkInForm, walkInFields(values));
      return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
    },
    act: (input, meeting, by) => addWalkIn(meeting.id, input, by.name),
    done: (walkIn, meeting) => `/staff/meetings/${meeting.id}/check-in?${new URLSearchParams({ walkedIn: walkIn.id })}`,
    again: ({ context: meeting, values, errors = {}, problem }) => (
      <CheckInPage meeting={meeting} search="" problem={problem} walkIn={{ values, errors }} />
    ),
  });

  app.get('/staff/meetings/:id/you-said-we-did', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return c.html(<YouSaidWeDidPage meeting={meeting} versions={await youSaidWeDidVersions(meeting.id)} />);
  });

  formRoute(app, '/staff/meetings/:id/you-said-we-did', {
    load: findMeeting,
    read: ({ values }) => {
      const parsed = z.safeParse(youSaidWeDidForm, { text: values['text'] ?? '', version: values['version'] ?? '' });
      return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
    },
    act: (input, meeting, by) => saveYouSaidWeDid(meeting.id, input, by.name),
    done: (_, meeting) => `/staff/meetings/${meeting.id}?done=you-said-we-did`,
    again: async ({ context: meeting, values, errors, problem }) => {
      // Shown again with the meeting as it is now, so a conflict's form carries the newer version.
      const current = (await getMeeting(meeting.id)) ?? meeting;
      return <YouSaidWeDidPage meeting={current} versions={await youSaidWeDidVersions(meeting.id)} values={values} errors={errors} problem={problem} />;
    },
  });
}
