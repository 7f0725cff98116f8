/**
 * The quarterly report reconciled with the records that made it: known records are created in every
 * capability (through each one's own domain, on a table of this file's own so nothing else counts),
 * then the report is read and each figure compared with what those records say. Then: a final report
 * keeps its figures after a record changes, and a correction makes a new version; the Word document
 * holds every figure and commentary; the page works without JavaScript (axe and the Nu checker).
 */
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAction, changeActionStatus } from '../../functions/actions/tracking.js';
import { exampleVisit, places } from '../../functions/community-days/fixtures.js';
import { anOpenConsultation, exampleAnswers, respond } from '../../functions/consultations/fixtures.js';
import { config } from '../../functions/core/config.js';
import { previousQuarter, quarterContaining, sameQuarterLastYear, shiftQuarter } from '../../functions/core/periods.js';
import { londonDay } from '../../functions/core/time.js';
import { logVisit } from '../../functions/community-days/visits.js';
import { cancelRegistration } from '../../functions/meetings/cancelling.js';
import { markAttended } from '../../functions/meetings/check-in.js';
import { aMeeting, allDecided, exampleResident, register } from '../../functions/meetings/fixtures.js';
import { app } from '../../functions/reports/app.js';
import { quarterData, type ReportData } from '../../functions/reports/building.js';
import { recordEngagement, recordInvitation } from '../../functions/reports/logs.js';
import { aBooking, aCouncil, aSession } from '../../functions/surgeries/fixtures.js';
import { outcomeInput } from '../../functions/surgeries/model.js';
import { recordOutcome } from '../../functions/surgeries/outcomes.js';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../support/browser.js';
import { htmlProblems } from '../support/html-checker.js';
import { useOwnTable } from '../support/own-table.js';
import { redirectPath, requestsTo } from '../support/requests.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { bearer, staffToken } from '../support/tokens.js';

// A quarter a year ahead, so nothing the records hold has expired (personal data is kept only so long), all in it.
const Q = shiftQuarter(quarterContaining(new Date()), 4);
const T = new Date(Date.parse(Q.start) + 5 * 86_400_000 + 10 * 3_600_000);
const at = (days: number) => new Date(T.getTime() + days * 86_400_000);
const dayAt = (days: number) => londonDay(at(days));
const { get, post: postAs } = requestsTo(app);
// The test server started below is the site's address now: forms are posted from its pages.
const post = (path: string, fields: Record<string, string>, headers: Record<string, string>) => postAs(path, fields, { ...headers, origin: new URL(config().publicBaseUrl).origin });
let auth: Record<string, string>;
let data: ReportData;
let sessionHours: number;
let server: TestServer;
const browser = useBrowser();
let moreVisits: () => Promise<unknown>;

const value = (key: string, d: ReportData = data) => {
  const f = d.sections.flatMap((s) => s.figures).find((x) => x.key === key);
  if (!f) throw new Error(`No figure ${key}`);
  return f.current;
};

beforeAll(async () => {
  await useOwnTable('reports');
  auth = bearer(await staffToken());

  // Community days: two visits, the Commissioner's (5 and 3 hours), in two council areas; each met 17 people, one organisation.
  // Logged once they have happened.
  const visit = (place: keyof typeof places, day: number, hours: number, now = at(40)) => logVisit(exampleVisit({ place: places[place], day: dayAt(day), hours }), { by: 'Test Officer', now });
  await visit('coalville', 20, 5);
  await visit('melton', 25, 3);

  // A public meeting of 2 hours: A takes 2 places, C 1, B waits; C gives theirs back and B is offered it; A comes.
  const meeting = await aMeeting({ capacity: 3 }, T);
  const a = await register(meeting.id, exampleResident({ places: 2 }), at(1));
  const c = await register(meeting.id, exampleResident({ places: 1 }), at(1));
  const b = await register(meeting.id, exampleResident({ places: 1 }), at(1));
  await allDecided(meeting.id);
  expect([a.registration.status, c.registration.status, b.registration.status]).toEqual(['confirmed', 'confirmed', 'waitlisted']);
  await cancelRegistration(meeting.id, c.registration.id, 'resident', at(2));
  await markAttended(meeting.id, a.registration.id, true, at(10));

  // Surgeries: one published session (09:00 to 17:00, the Deputy's); one council comes and raises burglary, another does not come.
  const session = await aSession({}, T, 14);
  sessionHours = (Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 3_600_000;
  const [came, missed] = [await aCouncil({}, T), await aCouncil({}, T)];
  const booked = await aBooking(session, came, { now: T, index: 0 });
  const notCome = await aBooking(session, missed, { now: T, index: 1 });
  await recordOutcome(booked.id, outcomeInput.parse({ version: 0, attendance: 'attended', themes: ['burglary'] }), 'Test Officer', at(15));
  await recordOutcome(notCome.id, outcomeInput.parse({ version: 0, attendance: 'no-show' }), 'Test Officer', at(15));

  // Consultations: two responses online for an increase, on paper one for none and one "Don't know".
  const consultation = await anOpenConsultation({}, T);
  await respond(consultation, exampleAnswers(), {}, at(1));
  await respond(consultation, exampleAnswers(), {}, at(1));
  await respond(consultation, exampleAnswers({ q1: { choice: 'increase-0' } }), { channel: 'paper' }, at(1));
  await respond(consultation, exampleAnswers({ q1: { choice: 'dont-know' } }), { channel: 'paper' }, at(1));

  // Actions: one closed after 8 days, before its due date; one past its due date, still open; one open, due later in the quarter.
  const onTime = await recordAction({ what: 'Write to the council about parking', owner: { kind: 'chief-constable' }, dueOn: dayAt(21) }, { by: 'Test Officer', now: at(2) });
  await recordAction({ what: 'Ask about speed watch', owner: { kind: 'chief-constable' }, dueOn: dayAt(5) }, { by: 'Test Officer', now: at(2) });
  await recordAction({ what: 'Report back to the parish', owner: { kind: 'chief-constable' }, dueOn: dayAt(60) }, { by: 'Test Officer', now: at(2) });
  await changeActionStatus(onTime.id, { version: 1, status: 'done' }, { by: 'Test Officer', now: at(10) });

  // The reports' own logs: three invitations, two accepted; a youth summit the Deputy attended.
  await recordInvitation({ receivedOn: dayAt(10), from: 'Melton Lions', event: 'Summer fair', accepted: true }, { by: 'Test Officer' });
  await recordInvitation({ receivedOn: dayAt(40), from: 'Oakham WI', event: 'Annual meeting', accepted: true }, { by: 'Test Officer' });
  await recordInvitation({ receivedOn: dayAt(70), from: 'A school', event: 'Prize day', accepted: false, reason: 'Already committed' }, { by: 'Test Officer' });
  await recordEngagement({ on: dayAt(60), attendedFor: 'deputy', kind: 'youth-summit', what: 'Youth summit', peopleMet: 40, hours: 2.5, themes: ['burglary'], areaCode: 'E06000017' }, { by: 'Test Officer' });

  moreVisits = () => visit('oakham', 30, 4);
  // Read as on the quarter's 41st day, when it is not over: the action due on day 60 is not yet due.
  data = await quarterData(Q, at(40));
  server = await startTestServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('a quarter’s report, reconciled with the records that made it', () => {
  it('counts community days, their hours, council areas, groups and people', () => {
    expect(value('community-days.community-days')).toBe(2);
    expect(value('community-days.engagement-events-commissioner')).toBe(2);
    expect(value('community-days.engagement-events-deputy')).toBe(0);
    expect(value('community-days.engagement-hours')).toBe(8);
    expect(value('community-days.council-areas-covered')).toBe(2);
    expect(value('community-days.council-areas-twice')).toBe(0);
    expect(value('community-days.groups-met')).toBe(2);
    expect(value('community-days.people-met')).toBe(34);
  });

  it('counts public meetings, places registered and used, and places from the waiting list', () => {
    expect(value('meetings.public-meetings')).toBe(1);
    expect(value('meetings.engagement-hours')).toBe(2);
    // A's 2 and B's 1 (C's given back).
    expect(value('meetings.meeting-registrations')).toBe(3);
    expect(value('meetings.meeting-attendance')).toBe(2);
    expect(value('meetings.meeting-no-show-rate')).toBeCloseTo(100 / 3, 5);
    expect(value('meetings.meeting-places-from-waiting-lists')).toBe(1);
  });

  it('counts surgery sessions (the Deputy’s), councils seen and appointments missed', () => {
    expect(value('surgeries.surgery-sessions')).toBe(1);
    expect(value('surgeries.engagement-events-deputy')).toBe(1);
    expect(value('surgeries.engagement-hours')).toBe(sessionHours);
    expect(value('surgeries.councils-seen')).toBe(1);
    expect(value('surgeries.surgery-appointments')).toBe(1);
    expect(value('surgeries.surgery-no-show-rate')).toBe(50);
  });

  it('gives the share of the listed councils seen at a surgery in the 12 months to the quarter’s end, and to later quarters’ ends', async () => {
    // Two councils listed, one came.
    expect(value('surgeries.councils-seen-12-months')).toBe(50);
    // A year on, still listed, but that surgery is more than 12 months before the quarter's end.
    const yearOn = await quarterData(shiftQuarter(Q, 4), at(400));
    expect(value('surgeries.councils-seen-12-months', yearOn)).toBe(0);
    expect(value('surgeries.councils-seen-12-months', await quarterData(shiftQuarter(Q, 3), at(400)))).toBe(50);
    // District by district: both are Blaby's; Charnwood has none listed, so no share.
    expect(value('surgeries.councils-seen-12-months-E07000129')).toBe(50);
    expect(value('surgeries.councils-seen-12-months-E07000130')).toBeNull();
  });

  it('counts consultation responses by channel, and the headline result with its margin of error', () => {
    expect(value('consultations.consultation-responses')).toBe(4);
    expect(value('consultations.consultation-responses-online')).toBe(2);
    expect(value('consultations.consultation-responses-paper')).toBe(2);
    // Two of the three who chose an amount chose an increase; "Don't know" is left out.
    expect(value('consultations.precept-answers')).toBe(3);
    expect(value('consultations.precept-increase-support')).toBeCloseTo(200 / 3, 5);
    // Worked by hand: the Wilson interval for 2 of 3 is 20.77% to 93.85%, so 66.67% − 20.77%.
    expect(value('consultations.precept-increase-margin')).toBeCloseTo(45.9007, 3);
  });

  it('counts actions opened, closed, overdue, days to close and the share on time', async () => {
    expect(value('actions.actions-opened')).toBe(3);
    expect(value('actions.actions-closed')).toBe(1);
    // While the quarter runs, only the action already past its due date; once it is over, the later one too.
    expect(value('actions.actions-overdue')).toBe(1);
    expect(value('actions.actions-overdue', await quarterData(Q, at(100)))).toBe(2);
    expect(value('actions.actions-median-days')).toBe(8);
    expect(value('actions.actions-on-time')).toBe(100);
  });

  it('counts invitations, other engagement, and the office’s engagement across every capability, the Commissioner’s and the Deputy’s apart', () => {
    expect(value('reports.invitations-received')).toBe(3);
    expect(value('reports.invitations-accepted')).toBe(2);
    expect(value('reports.invitations-accepted-share')).toBeCloseTo(200 / 3, 5);
    expect(value('reports.engagement-events-deputy')).toBe(1);
    expect(value('reports.other-engagement-people')).toBe(40);
    // 2 community days + 1 meeting (the Commissioner's); 1 surgery session + 1 youth summit (the Deputy's).
    expect(value('reports.all-engagement-events')).toBe(5);
    expect(value('reports.all-engagement-events-commissioner')).toBe(3);
    expect(value('reports.all-engagement-events-deputy')).toBe(2);
    expect(value('reports.all-engagement-hours')).toBe(8 + 2 + sessionHours + 2.5);
  });

  it('counts the themes raised across capabilities', () => {
    expect(Object.fromEntries(data.themes.map((t) => [t.theme, t.current]))).toEqual({ 'anti-social-behaviour': 2, 'speeding-road-safety': 2, burglary: 2 });
  });

  it('shows nothing for the quarters before the platform recorded anything, rather than zeros', () => {
    const f = data.sections[0]!.figures[0]!;
    expect(f.previous).toBeNull();
    expect(f.yearEarlier).toBeNull();
    expect(f.trend.map((p) => p.quarterId)).toEqual([Q.id]);
  });
});

describe('the report page, its commentary, finality and its downloads', () => {
  const path = `/staff/reports/${Q.id}`;
  const figure = 'meetings.public-meetings';
  const field = 'commentary-meetings-public-meetings';

  it('shows each figure beside the quarter before and a year earlier, and passes the Nu HTML checker and axe without JavaScript', async () => {
    const response = await get(path, auth);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const heading of [Q.label, previousQuarter(Q).label, sameQuarterLastYear(Q).label, 'Change on previous quarter', 'Change on a year earlier']) expect(html).toContain(heading);
    expect(html).toContain('Public meetings held: 1');
    expect(await htmlProblems([{ name: 'report', html }])).toEqual([]);
    const page = await newPageWithoutJavaScript(browser());
    try {
      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
      await page.goto(`${server.baseUrl}${path}`);
      expect(await page.title()).toContain(Q.label);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('saves commentary as versions, naming who saved it, and refuses a save made against an old version', async () => {
    const first = await post(`${path}/commentary`, { figure, version: '0', [field]: 'One meeting, in Kegworth <script>alert(1)</script>' }, auth);
    expect(first.status).toBe(303);
    expect(redirectPath(first)).toMatch(new RegExp(`^${path}\\?done=commentary`));
    const second = await post(`${path}/commentary`, { figure, version: '1', [field]: 'One meeting, in Kegworth: well attended.' }, auth);
    expect(second.status).toBe(303);
    const stale = await post(`${path}/commentary`, { figure, version: '1', [field]: 'Written over version 1 again' }, auth);
    expect(stale.status).toBe(409);
    const empty = await post(`${path}/commentary`, { figure, version: '2', [field]: '   ' }, auth);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(`href="#${field}"`);
    const html = await (await get(path, auth)).text();
    expect(html).toContain('One meeting, in Kegworth: well attended.');
    expect(html).toMatch(/Commentary version 2, saved by [^<]+ on /);
  });

  it('freezes the figures when marked final: a record changed afterwards does not change them, and a correction makes a new version', { timeout: 60_000 }, async () => {
    const final = await post(`${path}/final`, {}, auth);
    expect(final.status).toBe(303);
    await moreVisits();
    const live = await quarterData(Q);
    expect(value('community-days.community-days', live)).toBe(3);
    let html = await (await get(path, auth)).text();
    expect(html).toContain('Community days: 2<');
    expect(html).toContain('These figures are frozen');
    // Commentary is frozen too: a change to it is a correction.
    expect((await post(`${path}/commentary`, { figure, version: '2', [field]: 'Too late' }, auth)).status).toBe(409);
    const bad = await post(`${path}/corrections`, { version: '1', figure: 'community-days.community-days', value: 'three', reason: '' }, auth);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('href="#value"');
    expect(badHtml).toContain('href="#reason"');
    const corrected = await post(`${path}/corrections`, { version: '1', figure: 'community-days.community-days', value: '3', correctedCommentary: '', reason: 'A visit to Oakham was logged late' }, auth);
    expect(corrected.status).toBe(303);
    html = await (await get(path, auth)).text();
    expect(html).toContain('Community days: 3<');
    expect(html).toContain('Final, version 2');
    expect(html).toContain('A visit to Oakham was logged late');
    // The final report's page, with its versions and the correction form, is valid too.
    expect(await htmlProblems([{ name: 'final report', html }])).toEqual([]);
    expect((await post(`${path}/corrections`, { version: '1', figure: 'community-days.community-days', value: '4', reason: 'Again' }, auth)).status).toBe(409);
  });

  it('downloads each table as CSV and the whole report as a Word document holding every figure and the commentary', async () => {
    const csv = await get(`${path}/sections/meetings.csv`, auth);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(/Public meetings held,1,,/);
    const trend = await get(`${path}/trends/community-days-community-days.csv`, auth);
    expect(trend.status).toBe(200);
    expect(await trend.text()).toContain(`${Q.label},3`);
    const word = await get(`${path}.docx`, auth);
    expect(word.status).toBe(200);
    const buffer = Buffer.from(await word.arrayBuffer());
    const text = (await mammoth.extractRawText({ buffer })).value;
    const frozen = (await get(path, auth)).ok;
    expect(frozen).toBe(true);
    for (const f of data.sections.flatMap((s) => s.figures)) expect(text, f.name).toContain(f.name);
    expect(text).toContain('Public meetings held: One meeting, in Kegworth: well attended.');
    expect(text).toContain('Community days\n\n3');
  }, 180_000);

  it('shows the year in numbers to the public, with the year’s figures, valid and accessible without JavaScript', async () => {
    const year = Q.financialYear;
    const response = await get(`/year-in-numbers/${year.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    // The year's counters: the community days (3 after the late one), every invitation, the themes.
    const cells = (figure: string) => html.match(new RegExp(`<td[^>]*>${figure}</td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>`))?.slice(1);
    expect(cells('Community days')).toEqual(['3', 'Not available']);
    expect(cells('Invitations received')).toEqual(['3', 'Not available']);
    expect(cells('Share of invitations accepted')).toEqual(['66.7%', 'Not available']);
    expect(cells('Engagement hours: All engagement')).toEqual([String(12 + 2 + sessionHours + 2.5), 'Not available']);
    expect(await htmlProblems([{ name: 'year', html }])).toEqual([]);
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/year-in-numbers/${year.id}`);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
    expect((await get('/year-in-numbers/2025-27')).status).toBe(404);
  }, 120_000);

  it('needs a staff sign-in, and answers 404 for a quarter that is not one', async () => {
    expect((await get(path)).status).toBe(401);
    expect((await get('/staff/reports/2025-27-Q1', auth)).status).toBe(404);
    expect((await get('/staff/reports?quarter=2025-Q5', auth)).status).toBe(400);
  });
});
