/**
 * The office's diary feeds, across capabilities (so here, not beside one capability's code): staff (the
 * lowest role that may) make a feed and get its secret address once; the `.ics` there holds the
 * Deputy's surgeries and the Commissioner's meetings and community days from each capability's declared
 * diary, read back with ical.js (times in Europe/London, UIDs stable from one fetch to the next); a
 * draft is left out, a cancelled session marked; revoking the feed makes its address 410 at once.
 */
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { aVisit, recentDay } from '../../functions/community-days/fixtures.js';
import { config } from '../../functions/core/config.js';
import { aMeeting } from '../../functions/meetings/fixtures.js';
import { app } from '../../functions/site/app.js';
import { listFeeds } from '../../functions/site/calendar-feeds.js';
import { aSession } from '../../functions/surgeries/fixtures.js';
import { cancelSession } from '../../functions/surgeries/sessions.js';
import { htmlProblems } from '../support/html-checker.js';
import { ORIGIN, redirectPath, requestsTo } from '../support/requests.js';
import { staffToken } from '../support/tokens.js';

const { get, post } = requestsTo(app);
let cookie: Record<string, string>;
beforeAll(async () => {
  cookie = { cookie: `session=${await staffToken()}` };
});

/** iCalendar times are to the second. */
const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

interface FeedEvent {
  uid: string;
  summary: string;
  location: string;
  status: string;
  zone: string;
  start: string;
  end: string;
}

function eventsIn(text: string): Map<string, FeedEvent> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return new Map(
    calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      const found: FeedEvent = {
        uid: event.uid,
        summary: event.summary,
        location: event.location,
        status: String(vevent.getFirstPropertyValue('status') ?? ''),
        zone: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid') ?? ''),
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
      };
      return [found.uid, found];
    }),
  );
}

async function makeFeed(label: string, who: string[]): Promise<{ path: string; id: string }> {
  const body = new URLSearchParams({ label });
  for (const w of who) body.append('who', w);
  const made = await app.request('/staff/calendar-feeds', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...cookie }, body: body.toString() });
  expect(made.status).toBe(200);
  expect(made.headers.get('cache-control')).toContain('no-store');
  const html = await made.text();
  const url = /(http:\/\/[^<\s]+\/diary\/[A-Za-z0-9_-]{43}\.ics)/.exec(html)?.[1];
  expect(url, 'the address, shown once').toBeDefined();
  const id = (await listFeeds()).find((f) => f.label === label)!.id;
  return { path: new URL(url!).pathname, id };
}

describe('diary feeds', () => {
  it('carry the Deputy’s and the Commissioner’s engagements in London time, stable UIDs, until revoked', async () => {
    const host = new URL(config().publicBaseUrl).hostname;
    const [summer, draft, toCancel, meeting, visit] = await Promise.all([
      aSession({ date: '2027-07-01', startTime: '10:00', endTime: '12:00', venueName: 'Glenfield Library' }),
      aSession({ status: 'draft', venueName: 'Draft Hall' }),
      aSession({ venueName: 'Cancelled Hall' }),
      aMeeting(),
      aVisit({ day: recentDay(5) }),
    ]);
    await cancelSession(toCancel.id, 'The hall flooded');
    const label = `Office diary ${summer.id}`;
    const both = await makeFeed(label, ['commissioner', 'deputy']);

    const fetched = await get(both.path);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await fetched.text();
    const events = eventsIn(text);
    const surgery = events.get(`surgeries-${summer.id}@${host}`);
    expect(surgery).toMatchObject({ summary: 'Parish surgery: Glenfield Library', status: 'CONFIRMED', zone: 'Europe/London', start: '2027-07-01T09:00:00.000Z', end: '2027-07-01T11:00:00.000Z' });
    expect(text).toContain('DTSTART;TZID=Europe/London:20270701T100000');
    expect(events.get(`meetings-${meeting.id}@${host}`)).toMatchObject({ summary: `Public meeting: ${meeting.title}`, zone: 'Europe/London', start: toSecond(meeting.startsAt), end: toSecond(meeting.endsAt) });
    expect(events.get(`community-days-${visit.id}@${host}`)).toMatchObject({ summary: `Community day: ${visit.placeName}`, start: toSecond(visit.startsAt), end: toSecond(visit.endsAt) });
    expect(events.get(`surgeries-${toCancel.id}@${host}`)).toMatchObject({ status: 'CANCELLED', summary: 'Cancelled: Parish surgery: Cancelled Hall' });
    expect(events.has(`surgeries-${draft.id}@${host}`)).toBe(false);
    // The same UIDs on the next fetch, so a calendar updates its entries rather than adding new ones.
    expect([...eventsIn(await (await get(both.path)).text()).keys()]).toEqual(expect.arrayContaining([...events.keys()]));

    // The Deputy's own feed: her surgeries, not the Commissioner's meetings and days.
    const deputy = await makeFeed(`Deputy ${summer.id}`, ['deputy']);
    const deputyEvents = eventsIn(await (await get(deputy.path)).text());
    expect(deputyEvents.has(`surgeries-${summer.id}@${host}`)).toBe(true);
    expect(deputyEvents.has(`meetings-${meeting.id}@${host}`)).toBe(false);
    expect(deputyEvents.has(`community-days-${visit.id}@${host}`)).toBe(false);

    const listed = await (await get('/staff/calendar-feeds', cookie)).text();
    expect(listed).toContain(label);
    expect(listed).not.toContain(both.path);

    const revoked = await post(`/staff/calendar-feeds/${both.id}/revoke`, {}, cookie);
    expect(revoked.status).toBe(303);
    expect(redirectPath(revoked)).toBe('/staff/calendar-feeds?done=revoked');
    expect((await get(both.path)).status).toBe(410);
    expect((await get(deputy.path)).status).toBe(200);
    expect((await get(`/diary/${'x'.repeat(43)}.ics`)).status).toBe(404);
    expect((await get('/diary/not-a-token.ics')).status).toBe(404);
  });

  it('names what is missing when a feed is made without a name or a person; its pages pass the Nu HTML Checker', async () => {
    const refused = await post('/staff/calendar-feeds', { label: '<script>alert(1)</script>' }, cookie);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).not.toContain('href="#label"');
    expect(html).toContain('href="#who"');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    const empty = await (await post('/staff/calendar-feeds', { label: '' }, cookie)).text();
    expect(empty).toContain('href="#label"');
    const made = await post('/staff/calendar-feeds', { label: '<script>alert(1)</script>', who: 'commissioner' }, cookie);
    const list = await get('/staff/calendar-feeds', cookie);
    expect(await htmlProblems([
      { name: 'diary feeds', html: await list.text() },
      { name: 'diary feeds with errors', html },
      { name: 'diary feed made', html: await made.text() },
    ])).toEqual([]);
  }, 60_000);
});
