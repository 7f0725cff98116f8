/**
 * At the door and after the night, through the staff pages and DynamoDB Local: walk-ins added at
 * check-in (counted in the meeting's attendance and the quarter's figures, found and erased by address),
 * and "you said, we did" (escaped on the public page, every version kept with who saved it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { bearer, staffToken } from '../../../test/support/tokens.js';
import { erasePerson } from '../../core/people/changing.js';
import { findPerson } from '../../core/people/finding.js';
import { quarterCounters } from '../../core/period-figures.js';
import { quarterContaining } from '../../core/periods.js';
import { app } from '../app.js';
import { aMeeting, aPastMeeting, uniqueEmail } from '../fixtures.js';
import { cancelMeeting, getMeeting } from '../meetings.js';
import { listWalkIns } from '../walk-ins.js';
import { listRegistrations } from '../registrations.js';
import { unique } from '../fixtures.js';
import { utcIsoToLondonFields } from '../../core/ui/typed-dates.js';
import { dateTimeValues } from '../../core/ui/date-input.js';

const { get, post } = requestsTo(app);
const XSS = '<script>alert(1)</script>';
let auth: Record<string, string>;
beforeAll(async () => {
  auth = bearer(await staffToken());
});
const staffGet = async (path: string) => (await get(path, auth)).text();
const staffPost = (path: string, fields: Record<string, string>) => post(path, fields, auth);
const looker = { who: 'Test', account: 'test', path: '/staff/people' };

describe('walk-ins at check-in', () => {
  it('adds someone who did not register, counts them as attending in the meeting and the quarter, and shows them escaped', async () => {
    const meeting = await aPastMeeting({ areaCode: 'E07000131' }).meeting;
    const quarter = quarterContaining(meeting.startsAt).id;
    const walkIns = async () => (await quarterCounters(quarter))['meetings']?.['walk-ins'] ?? 0;
    const before = await walkIns();
    const checkIn = await staffGet(`/staff/meetings/${meeting.id}/check-in`);
    expect(checkIn).toContain(`action="/staff/meetings/${meeting.id}/walk-ins"`);

    const email = uniqueEmail('walk-in');
    const added = await staffPost(`/staff/meetings/${meeting.id}/walk-ins`, { name: `Pat ${XSS}`, email: ` ${email.toUpperCase()} `, areaCode: 'E07000134' });
    expect(added.status).toBe(303);
    const banner = await staffGet(redirectPath(added));
    expect(banner).toContain('Pat &lt;script&gt;alert(1)&lt;/script&gt; added as a walk-in');
    expect(banner).not.toContain(XSS);
    expect(banner).toContain('0 of 0 confirmed places checked in so far, and 1 walk-in.');

    expect((await getMeeting(meeting.id))!.walkInCount).toBe(1);
    expect(await walkIns()).toBe(before + 1);
    const staffPage = await staffGet(`/staff/meetings/${meeting.id}`);
    expect(staffPage).toContain('1 (1 walk-in)');
    expect(staffPage).toContain('Pat &lt;script&gt;');
    expect(staffPage).toContain(email);
    expect(staffPage).toContain('North West Leicestershire');
    // A name alone is enough.
    expect((await staffPost(`/staff/meetings/${meeting.id}/walk-ins`, { name: 'Sam' })).status).toBe(303);
    expect((await listWalkIns(meeting.id)).map((w) => [w.name, w.email, w.areaCode])).toEqual([
      [`Pat ${XSS}`, email, 'E07000134'],
      ['Sam', undefined, undefined],
    ]);
    expect((await getMeeting(meeting.id))!.walkInCount).toBe(2);
    expect(await walkIns()).toBe(before + 2);
  });

  it('refuses a walk-in without a name, with a bad email address or area, naming the field and adding no one', async () => {
    const { meeting: pending } = aPastMeeting();
    const meeting = await pending;
    for (const [fields, field, message] of [
      [{ name: '  ' }, 'name', 'Enter their name'],
      [{ name: 'Sam', email: 'not-an-email' }, 'email', 'Enter an email address in the correct format'],
      [{ name: 'Sam', areaCode: 'E99999999' }, 'areaCode', 'Choose a council area from the list'],
    ] as const) {
      const response = await staffPost(`/staff/meetings/${meeting.id}/walk-ins`, fields);
      expect(response.status, field).toBe(400);
      const html = await response.text();
      expect(html).toContain(`href="#${field}"`);
      expect(html).toContain(message);
    }
    expect(await listWalkIns(meeting.id)).toEqual([]);
    expect((await getMeeting(meeting.id))!.walkInCount).toBeUndefined();
  });

  it('refuses walk-ins days before the meeting and at a cancelled meeting', async () => {
    const ahead = await aMeeting();
    const early = await staffPost(`/staff/meetings/${ahead.id}/walk-ins`, { name: 'Sam' });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('Walk-ins can be added from two hours before the meeting starts');
    await cancelMeeting(ahead.id, 'The hall flooded');
    expect((await staffPost(`/staff/meetings/${ahead.id}/walk-ins`, { name: 'Sam' })).status).toBe(409);
    expect(await listWalkIns(ahead.id)).toEqual([]);
  });

  it('is found by the email address they gave, and erased without changing the count', async () => {
    const meeting = await aPastMeeting().meeting;
    const email = uniqueEmail('walk-in');
    expect((await staffPost(`/staff/meetings/${meeting.id}/walk-ins`, { name: 'Robin Door', email })).status).toBe(303);
    const found = await findPerson(email);
    expect(found.map((r) => [r.capability, r.declared.kind, r.data['name'], r.staffPage])).toEqual([['meetings', 'walk-in', 'Robin Door', `/staff/meetings/${meeting.id}`]]);
    await erasePerson(email, looker);
    expect(await findPerson(email)).toEqual([]);
    const [erased] = await listWalkIns(meeting.id);
    expect([erased!.name, erased!.email]).toEqual(['', undefined]);
    expect((await getMeeting(meeting.id))!.walkInCount).toBe(1);
  });
});

describe('you said, we did', () => {
  it('shows on the public page once staff write it, escaped, with every version kept with who saved it', async () => {
    const meeting = await aPastMeeting().meeting;
    expect(await (await get(`/meetings/${meeting.id}`)).text()).not.toContain('You said, we did');
    const form = await staffGet(`/staff/meetings/${meeting.id}/you-said-we-did`);
    expect(form).toContain('name="version" value="0"');

    const first = await staffPost(`/staff/meetings/${meeting.id}/you-said-we-did`, { text: `You said: speeding on the A6 ${XSS}.\n\nWe did: a speed survey.`, version: '0' });
    expect(first.status).toBe(303);
    expect(redirectPath(first)).toBe(`/staff/meetings/${meeting.id}?done=you-said-we-did`);
    const publicPage = await (await get(`/meetings/${meeting.id}`)).text();
    expect(publicPage).toContain('<h2 class="govuk-heading-l">You said, we did</h2>');
    expect(publicPage).toContain('speeding on the A6 &lt;script&gt;alert(1)&lt;/script&gt;.');
    expect(publicPage).not.toContain(XSS);
    expect(publicPage).toContain('We did: a speed survey.');
    expect(publicPage).toMatch(/Last updated \w+day \d{1,2} \w+ \d{4}\./);

    const second = await staffPost(`/staff/meetings/${meeting.id}/you-said-we-did`, { text: 'We did: a speed survey, and cameras.', version: '1' });
    expect(second.status).toBe(303);
    expect(await (await get(`/meetings/${meeting.id}`)).text()).toContain('We did: a speed survey, and cameras.');
    const history = await staffGet(`/staff/meetings/${meeting.id}/you-said-we-did`);
    expect(history).toMatch(/Version 2, saved by [^<]+ on /);
    expect(history).toMatch(/Version 1, saved by [^<]+ on /);
    expect(history).toContain('name="version" value="2"');
  });

  it('refuses a save over a version the writer did not see, and an empty text, losing nothing', async () => {
    const meeting = await aPastMeeting().meeting;
    expect((await staffPost(`/staff/meetings/${meeting.id}/you-said-we-did`, { text: 'First words', version: '0' })).status).toBe(303);
    const stale = await staffPost(`/staff/meetings/${meeting.id}/you-said-we-did`, { text: 'Written over', version: '0' });
    expect(stale.status).toBe(409);
    const shown = await stale.text();
    expect(shown).toContain('Someone else saved');
    expect(shown).toContain('name="version" value="1"');
    const empty = await staffPost(`/staff/meetings/${meeting.id}/you-said-we-did`, { text: ' ', version: '1' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('href="#text"');
    expect((await getMeeting(meeting.id))!.youSaidWeDid).toMatchObject({ text: 'First words', version: 1 });
  });
});

describe('a meeting that already happened', () => {
  const at = (name: string, iso: string) => dateTimeValues(name, utcIsoToLondonFields(iso)) as Record<string, string>;
  const heldForm = (startsAt: string, endsAt: string, overrides: Record<string, string> = {}) => ({
    title: unique(`Kegworth village meeting ${XSS}`),
    description: '',
    areaCode: 'E07000134',
    venue: 'Kegworth Village Hall',
    address: 'Nottingham Road\nKegworth',
    latitude: '52.8343',
    longitude: '-1.2741',
    ...at('startsAt', startsAt),
    ...at('endsAt', endsAt),
    attendance: '38',
    attendedFor: 'deputy',
    ...overrides,
  });

  it('is recorded with its attendance, counted in the quarter, with no one registered, and takes names after', async () => {
    const startsAt = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 16) + ':00.000Z';
    const endsAt = new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString();
    const quarter = quarterContaining(startsAt).id;
    const counted = async () => (await quarterCounters(quarter))['meetings'] ?? {};
    const before = await counted();
    expect(await staffGet('/staff/meetings')).toContain('href="/staff/meetings/held/new"');
    const body = new URLSearchParams(heldForm(startsAt, endsAt));
    body.append('themes', 'rural-crime');
    const recorded = await app.request('/staff/meetings/held/new', {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded', ...auth },
      body: body.toString(),
    });
    expect(recorded.status).toBe(303);
    const id = redirectPath(recorded).split('/')[3]!.split('?')[0]!;
    const meeting = (await getMeeting(id))!;
    expect([meeting.recorded, meeting.startsAt, meeting.endsAt, meeting.walkInCount, meeting.confirmedCount, meeting.placesLeft, meeting.themes]).toEqual([true, startsAt, endsAt, 38, 0, 0, ['rural-crime']]);
    const after = await counted();
    const moved = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    expect([moved('meetings'), moved('events|deputy'), moved('hours|deputy'), moved('walk-ins'), moved('registered'), moved('themes|rural-crime')]).toEqual([1, 1, 2, 38, 0, 1]);
    expect(await listRegistrations(id)).toEqual([]);
    const staffPage = await staffGet(`/staff/meetings/${id}`);
    expect(staffPage).toContain('38 (38 walk-ins)');
    expect(staffPage).toContain('&lt;script&gt;');
    expect(staffPage).not.toContain(XSS);
    const publicPage = await (await get(`/meetings/${id}`)).text();
    expect(publicPage).not.toContain('name="email"');
    // A name added after counts one more.
    expect((await staffPost(`/staff/meetings/${id}/walk-ins`, { name: 'Jo Named' })).status).toBe(303);
    expect((await getMeeting(id))!.walkInCount).toBe(39);
  });

  it('refuses a meeting still to come, a missing attendance and an end before the start, naming the field and recording nothing', async () => {
    const hour = 3_600_000;
    const past = new Date(Date.now() - 48 * hour).toISOString();
    const cases: Array<[Record<string, string>, string, string]> = [
      [heldForm(new Date(Date.now() - hour).toISOString(), new Date(Date.now() + hour).toISOString()), 'endsAt', 'The end must be in the past'],
      [heldForm(past, new Date(Date.parse(past) + hour).toISOString(), { attendance: '' }), 'attendance', 'Enter how many people came'],
      [heldForm(past, new Date(Date.parse(past) + hour).toISOString(), { attendance: 'lots' }), 'attendance', 'Enter how many people came as a whole number'],
      [heldForm(past, new Date(Date.parse(past) - hour).toISOString()), 'endsAt', 'The end must be after the start'],
    ];
    const title = (fields: Record<string, string>) => fields['title']!;
    for (const [fields, field, message] of cases) {
      const response = await staffPost('/staff/meetings/held/new', fields);
      expect(response.status, message).toBe(400);
      const html = await response.text();
      expect(html).toContain(`href="#${field}"`);
      expect(html).toContain(message);
      expect(await staffGet('/staff/meetings')).not.toContain(title(fields).replace(XSS, '&lt;script&gt;alert(1)&lt;/script&gt;'));
    }
  });
});
