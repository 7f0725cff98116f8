/**
 * The office's diary feeds (calendar-feeds.ts).
 *
 *   GET/POST  /staff/calendar-feeds               the feeds, and a new one (its address shown once, in place)
 *   POST      /staff/calendar-feeds/{id}/revoke   its address stops working at once
 *   GET       /diary/{token}.ics                  the subscription: 404 for a token never issued, 410 once revoked
 */
import type { Context, Hono } from 'hono';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { config } from '../../core/config.js';
import { formatLondon } from '../../core/time.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { Button, ErrorSummary, Panel, Table, TextInput, type Errors } from '../../core/ui/components.js';
import { hasErrors, looksLikeId, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { OfficeAttendee } from '../../core/period-figures.js';
import { createFeed, diaryPeople, feedByToken, feedCalendar, getFeed, listFeeds, revokeFeed, type CalendarFeed } from '../calendar-feeds.js';

const CURRENT = '/staff/calendar-feeds';
const whose = (who: readonly string[]) => diaryPeople.filter((p) => who.includes(p.id)).map((p) => p.label).join(' and ');

function FeedsPage({ feeds, values = {}, chosen = [], errors = {}, banner }: { feeds: CalendarFeed[]; values?: FormValues; chosen?: readonly string[]; errors?: Errors; banner?: string }) {
  return (
    <StaffPage title="Diary feeds" current={CURRENT} back="/staff" banner={banner} hasErrors={hasErrors(errors)} wide>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Diary feeds</h1>
      <p class="govuk-body">
        A diary feed puts the Commissioner’s or the Deputy’s public meetings, parish surgeries and community days into a calendar (Outlook, a phone), kept up to date as they change. Anyone with a feed’s address can read it: give it only to the person whose calendar it is, and revoke it when it is no longer needed.
      </p>
      {feeds.length ? (
        <Table
          caption="Feeds"
          head={['Name', 'Shows', 'Made', 'Status', '']}
          rows={feeds.map((f) => [
            f.label,
            whose(f.who),
            `${formatLondon(f.createdAt)} by ${f.createdBy}`,
            f.status === 'revoked' ? `Revoked ${formatLondon(f.revokedAt!)}` : 'Working',
            f.status === 'active' ? (
              <PostForm action={`/staff/calendar-feeds/${f.id}/revoke`}>
                <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                  Revoke<span class="govuk-visually-hidden"> {f.label}</span>
                </button>
              </PostForm>
            ) : (
              ''
            ),
          ])}
        />
      ) : (
        <p class="govuk-body">There are no feeds yet.</p>
      )}
      <h2 class="govuk-heading-l">Make a feed</h2>
      <PostForm action="/staff/calendar-feeds" values={values}>
        <TextInput name="label" label="Name" hint="Whose calendar it is for, like “Deputy’s phone”" value={values['label']} error={errors['label']} />
        <Checkboxes name="who" legend="Whose engagements" size="s" error={errors['who']} items={diaryPeople.map((p) => ({ value: p.id, text: p.label }))} checked={chosen} />
        <Button>Make the feed</Button>
      </PostForm>
    </StaffPage>
  );
}

function FeedMadePage({ feed, url }: { feed: CalendarFeed; url: string }) {
  return (
    <StaffPage title="Diary feed made" current={CURRENT} back={CURRENT}>
      <Panel title="Diary feed made">{feed.label}</Panel>
      <p class="govuk-body">Subscribe to this address in the calendar ({whose(feed.who)}). It is shown only now: copy it before you leave this page.</p>
      <p class="govuk-body">
        <code id="feed-address" class="app-feed-address">{url}</code>
      </p>
      <p class="govuk-body">In Outlook: Add calendar, then Subscribe from web. On an iPhone: Settings, Calendar, Accounts, Add Subscribed Calendar.</p>
      <p class="govuk-body">
        <a class="govuk-link" href={CURRENT}>Back to the diary feeds</a>
      </p>
    </StaffPage>
  );
}

const DONE: Record<string, string> = { revoked: 'Feed revoked: its address no longer works' };
const feedOf = async (c: Context) => {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getFeed(id) : undefined;
};

export function calendarFeedPages(app: Hono<AppEnv>): void {
  app.get('/staff/calendar-feeds', async (c) => c.html(<FeedsPage feeds={await listFeeds()} banner={DONE[c.req.query('done') ?? '']} />));

  formRoute(app, '/staff/calendar-feeds', {
    read: ({ values, chosen }) => {
      const errors: Errors = {};
      const label = (values['label'] ?? '').trim();
      const who = chosen('who').filter((w): w is OfficeAttendee => diaryPeople.some((p) => p.id === w));
      if (!label) errors['label'] = 'Enter a name for the feed, like “Deputy’s phone”';
      else if (label.length > 80) errors['label'] = 'Enter a name of 80 characters or fewer';
      if (!who.length) errors['who'] = 'Choose whose engagements the feed shows';
      return hasErrors(errors) ? { errors } : { input: { label, who } };
    },
    act: (input, _context, by) => createFeed(input, by.name),
    // The address is the secret: shown in place, never in a URL, and never cached.
    done: ({ feed, token }, _context, _input, c) => {
      c.header('Cache-Control', 'no-store');
      return c.html(<FeedMadePage feed={feed} url={`${config().publicBaseUrl}/diary/${token}.ics`} />);
    },
    again: async (shown) => <FeedsPage feeds={await listFeeds()} values={shown.values} chosen={shown.chosen('who')} errors={shown.errors ?? {}} />,
  });

  formRoute(app, '/staff/calendar-feeds/:id/revoke', {
    load: feedOf,
    act: (_input, feed, by) => revokeFeed(feed.id, by.name),
    done: () => `${CURRENT}?done=revoked`,
    again: async () => <FeedsPage feeds={await listFeeds()} />,
  });

  app.get('/diary/:file', async (c) => {
    const token = /^([A-Za-z0-9_-]{43})\.ics$/.exec(c.req.param('file'))?.[1];
    const feed = token ? await feedByToken(token) : undefined;
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
    if (!feed) return handleNotFound(c);
    if (feed.state === 'revoked') return c.text('This diary feed has been revoked.', 410);
    return c.body(await feedCalendar(feed), 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="diary.ics"' });
  });
}
