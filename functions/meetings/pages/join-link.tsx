/**
 * GET/POST /staff/meetings/{id}/join-link: staff set or change the link to join an online or hybrid
 * meeting. It is shown only here and on the staff meeting page; people with a confirmed place online
 * are emailed it, with an updated calendar invite, as soon as it is saved (join-links.ts).
 */
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import * as z from 'zod/mini';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { Button, TextInput, type Errors } from '../../core/ui/components.js';
import { issuesToErrors, looksLikeId, type FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { formatLondon } from '../../core/time.js';
import { changeJoinLink, getJoinLink, joinLinkForm, type JoinLink } from '../join-links.js';
import { getMeeting } from '../meetings.js';
import type { Meeting } from '../model.js';
import { plural } from './meeting-details.js';
import { MeetingTaskPage } from './task-page.js';

async function findMeeting(c: Context): Promise<Meeting | undefined> {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getMeeting(id) : undefined;
}

/** On the staff meeting page: the link as it is, and where to change it. */
export function JoinLinkSummary({ meeting, link }: { meeting: Meeting; link: JoinLink | undefined }) {
  return (
    <>
      <h2 class="govuk-heading-m">Link to join online</h2>
      {link ? (
        <p class="govuk-body">
          <span class="govuk-!-font-weight-bold">{link.url}</span>
          <br />
          {`Saved by ${link.updatedBy} on ${formatLondon(link.updatedAt)}. Only people with a confirmed place online are emailed it.`}
        </p>
      ) : (
        <p class="govuk-body">Not set yet. People with a place online are told they will be emailed it.</p>
      )}
      {meeting.status === 'scheduled' ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/staff/meetings/${meeting.id}/join-link`}>
            {link ? 'Change the link' : 'Set the link'}
          </a>
        </p>
      ) : null}
    </>
  );
}

export function JoinLinkPage({ meeting, link, values, errors = {}, problem }: { meeting: Meeting; link: JoinLink | undefined; values?: FormValues; errors?: Errors; problem?: Child }) {
  const online = meeting.onlineConfirmedCount ?? 0;
  return (
    <MeetingTaskPage meeting={meeting} heading="Link to join online" notSaved="The link was not saved" errors={errors} problem={problem}>
      <p class="govuk-body">
        {online > 0
          ? `When you save it, the ${plural(online, 'place')} confirmed online will be emailed the link with an updated calendar invite.`
          : 'Nobody has a confirmed place online yet: each person is sent the link with their confirmation.'}{' '}
        It is never shown on the meeting’s public page.
      </p>
      <PostForm action={`/staff/meetings/${meeting.id}/join-link`} values={values}>
        <input type="hidden" name="version" value={String(link?.version ?? 0)} />
        <TextInput
          name="url"
          label="Link to join"
          hint="The web address people use to join, starting https://, for example a Zoom or Teams meeting link."
          spellcheck={false}
          value={values?.['url'] ?? link?.url}
          error={errors['url']}
        />
        <Button>Save and email it</Button>
      </PostForm>
    </MeetingTaskPage>
  );
}

export function joinLinkPages(app: Hono<AppEnv>): void {
  app.get('/staff/meetings/:id/join-link', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return c.html(<JoinLinkPage meeting={meeting} link={await getJoinLink(meeting.id)} />);
  });

  formRoute(app, '/staff/meetings/:id/join-link', {
    load: findMeeting,
    read: ({ values }) => {
      const parsed = z.safeParse(joinLinkForm, { url: values['url'] ?? '', version: values['version'] ?? '' });
      return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
    },
    act: (input, meeting, by) => changeJoinLink(meeting.id, input, by.name),
    done: (_, meeting) => `/staff/meetings/${meeting.id}?done=join-link`,
    again: async ({ context: meeting, values, errors, problem }) => {
      // Shown again with the link as it is now, so a conflict's form carries the newer version.
      const [current, link] = await Promise.all([getMeeting(meeting.id), getJoinLink(meeting.id)]);
      return <JoinLinkPage meeting={current ?? meeting} link={link} values={values} errors={errors} problem={problem} />;
    },
  });
}
