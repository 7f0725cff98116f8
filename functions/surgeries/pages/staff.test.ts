/**
 * The staff console's surgeries pages with a staff session cookie, against DynamoDB Local: the
 * programme, creating and changing a session (a change that would move a booked slot refused on the
 * page), blocking, inviting, the day sheet and its CSV (text shown as text, formulas defused), a
 * booking's outcome with actions, the council list and its CSV import preview, coverage and themes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { adminToken, staffToken } from '../../../test/support/tokens.js';
import { actionsFrom } from '../../core/actions/store.js';
import { utcIsoToLondonFields } from '../../core/time.js';
import { app } from '../app.js';
import { aBooking, aCouncil, aSession, exampleDetails, slotIds, unique, uniqueEmail } from '../fixtures.js';
import { getBooking } from '../store/bookings.js';
import { readSessionPartition } from '../store/sessions.js';
import { getCouncil } from '../store/councils.js';

const { get, post } = requestsTo(app);
let cookie: Record<string, string>;
beforeAll(async () => {
  cookie = { cookie: `session=${await staffToken()}` };
});
const page = (path: string) => get(path, cookie);
const send = (path: string, fields: Record<string, string>) => post(path, fields, cookie);
const XSS = '<script>alert(1)</script>';
const DAY = 86_400_000;

function sessionForm(overrides: Record<string, string> = {}) {
  const d = utcIsoToLondonFields(new Date(Date.now() + 20 * DAY).toISOString());
  return { districtCode: 'E07000132', venueName: unique('Market Bosworth Parish Hall'), venueAddress: 'Park Street, Market Bosworth CV13 0LL', venueKind: 'hall', stepFree: 'yes', latitude: '52.6247', longitude: '-1.4009', accessInformation: '', 'date-day': d.day, 'date-month': d.month, 'date-year': d.year, startTime: '10am', endTime: '12pm', slotMinutes: '30', bufferMinutes: '10', host: 'Deputy Commissioner', status: 'published', ...overrides };
}

describe('sessions', () => {
  it('creates a session from the form, with its slots, and refuses mistakes field by field', async () => {
    const bad = await send('/staff/surgeries/sessions/new', sessionForm({ venueName: '', 'date-day': '31', 'date-month': '2', startTime: 'noonish', stepFree: '' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    for (const href of ['#venueName', '#stepFree', '#date', '#startTime']) expect(html).toContain(`href="${href}"`);
    const form = sessionForm();
    const created = await send('/staff/surgeries/sessions/new', form);
    expect(created.status).toBe(303);
    const path = redirectPath(created).split('?')[0]!;
    const shown = await (await page(`${path}?done=created`)).text();
    expect(shown).toContain('Session created');
    expect(shown).toContain(form.venueName);
    expect(shown.match(/>Block<span/g)).toHaveLength(3);
  });

  it('refuses, on the page, new times that would move a booked slot; blocks and unblocks a free slot', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    await aBooking(session, council, { index: 1 });
    const edit = await page(`/staff/surgeries/sessions/${session.id}/edit`);
    expect(await edit.text()).toContain('value="09:00"');
    const d = utcIsoToLondonFields(session.startsAt);
    const moved = await send(`/staff/surgeries/sessions/${session.id}/edit`, sessionForm({ districtCode: 'E07000129', 'date-day': d.day, 'date-month': d.month, 'date-year': d.year, startTime: '09:15', endTime: '17:00' }));
    expect(moved.status).toBe(409);
    expect(await moved.text()).toContain('The new times would move the booked slot at 9:40am');
    const ids = await slotIds(session.id);
    expect((await send(`/staff/surgeries/sessions/${session.id}/slots/${ids[5]}/block`, {})).status).toBe(303);
    expect((await readSessionPartition(session.id)).slots[5]!.blocked).toBe(true);
    const booked = await send(`/staff/surgeries/sessions/${session.id}/slots/${ids[1]}/block`, {});
    expect(booked.status).toBe(409);
    expect((await send(`/staff/surgeries/sessions/${session.id}/slots/${ids[5]}/unblock`, {})).status).toBe(303);
    expect((await send(`/staff/surgeries/sessions/${session.id}/slots/nonsense/block`, {})).status).toBe(404);
  });

  it('invites the district, shows who was invited, and cancels a session with a reason', async () => {
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000135' }), aCouncil({ districtCode: 'E07000135', clerkEmail: uniqueEmail('oadby') })]);
    const invitePage = await (await page(`/staff/surgeries/sessions/${session.id}/invite`)).text();
    expect(invitePage).toContain(council.name);
    expect((await send(`/staff/surgeries/sessions/${session.id}/invite`, {})).status).toBe(400);
    expect((await send(`/staff/surgeries/sessions/${session.id}/invite`, { scope: 'chosen' })).status).toBe(400);
    const invited = await send(`/staff/surgeries/sessions/${session.id}/invite`, { scope: 'district' });
    expect(invited.status).toBe(303);
    await expect.poll(async () => (await readSessionPartition(session.id)).invited.length, { timeout: 15_000 }).toBe(1);
    expect(await (await page(`/staff/surgeries/sessions/${session.id}`)).text()).toContain(`every council in Oadby and Wigston`);
    expect((await send(`/staff/surgeries/sessions/${session.id}/cancel`, { reason: '' })).status).toBe(400);
    expect((await send(`/staff/surgeries/sessions/${session.id}/cancel`, { reason: 'Flooded' })).status).toBe(303);
    expect((await readSessionPartition(session.id)).session!.status).toBe('cancelled');
  });

  it('prints the day sheet and its CSV with people’s text as text and formulas defused', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil({ name: unique('=HYPERLINK("x") Parish Council') })]);
    await aBooking(session, council, { index: 2, details: exampleDetails({ attendeeName: XSS, accessNeeds: '@SUM(A1) wheelchair' }) });
    const sheet = await (await page(`/staff/surgeries/sessions/${session.id}/day-sheet`)).text();
    expect(sheet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sheet).not.toContain(XSS);
    expect(sheet).toContain('Speeding and road safety; Anti-social behaviour; Parking outside the primary school');
    const csv = await page(`/staff/surgeries/sessions/${session.id}/day-sheet.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('Start,End,Status,Council,Who is coming,Role,Email,Topics,Access needs');
    expect(text).toContain(`"'=HYPERLINK(""x"") Parish Council`);
    expect(text).toContain("'@SUM(A1) wheelchair");
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(13);
  });
});

describe('a booking', () => {
  it('records the outcome with themes and actions, refusing an incomplete action', async () => {
    const then = new Date(Date.now() - 21 * DAY);
    const [session, council] = await Promise.all([aSession({}, then, 14), aCouncil()]);
    const booking = await aBooking(session, council, { now: then });
    const before = await (await page(`/staff/surgeries/bookings/${booking.id}`)).text();
    expect(before).toContain('Record the outcome');
    const incomplete = await send(`/staff/surgeries/bookings/${booking.id}/outcome`, { version: '0', attendance: 'attended', 'action0-what': 'Write to the NPA commander', 'action0-owner': 'npa-commander' });
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain('href="#action0-ownerName">Enter the name of the owner');
    const body = new URLSearchParams({ version: '0', attendance: 'attended', notes: `Notes ${XSS}`, signposted: 'District council', 'action0-what': 'Ask for a speed watch', 'action0-owner': 'road-safety-team', 'action0-due-day': '1', 'action0-due-month': '2', 'action0-due-year': '2031' });
    body.append('themes', 'speeding-road-safety');
    body.append('themes', 'parking');
    const saved = await app.request(`/staff/surgeries/bookings/${booking.id}/outcome`, { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded', ...cookie }, body: body.toString() });
    expect(saved.status).toBe(303);
    const after = await (await page(redirectPath(saved))).text();
    expect(after).toContain('Outcome saved');
    expect(after).toContain('Speeding and road safety; Parking');
    expect(after).toContain('Notes &lt;script&gt;');
    expect(after).toContain('Ask for a speed watch');
    expect((await getBooking(booking.id))!.outcome).toMatchObject({ attendance: 'attended', themes: ['speeding-road-safety', 'parking'] });
    expect(await actionsFrom('surgeries', booking.id)).toMatchObject([{ what: 'Ask for a speed watch', dueOn: '2031-02-01' }]);
    // The form sent again at the old version is refused rather than overwriting.
    const stale = await send(`/staff/surgeries/bookings/${booking.id}/outcome`, { version: '0', attendance: 'no-show' });
    expect(stale.status).toBe(409);
  });

  it('reschedules and cancels a booking for a council', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const booking = await aBooking(session, council);
    const ids = await slotIds(session.id);
    expect(await (await page(`/staff/surgeries/bookings/${booking.id}/reschedule`)).text()).toContain(`value="${session.id}|${ids[1]}"`);
    const moved = await send(`/staff/surgeries/bookings/${booking.id}/reschedule`, { place: `${session.id}|${ids[6]}`, fromSlotId: booking.slotId });
    expect(moved.status).toBe(303);
    expect((await getBooking(booking.id))!.slotId).toBe(ids[6]);
    const cancelled = await send(`/staff/surgeries/bookings/${booking.id}/cancel`, { reason: 'Council asked by phone' });
    expect(cancelled.status).toBe(303);
    expect(await getBooking(booking.id)).toMatchObject({ status: 'cancelled', cancelReason: 'Council asked by phone' });
    expect((await page('/staff/surgeries/bookings/nonsense')).status).toBe(404);
  });
});

describe('councils', () => {
  it('adds, changes and retires a council; retiring removes the clerk’s details', async () => {
    const name = unique('Sileby Parish Council');
    const bad = await send('/staff/surgeries/councils/new', { name: '', districtCode: 'E07000130', governance: 'parish-council', clerkEmail: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#clerkEmail"');
    expect((await send('/staff/surgeries/councils/new', { name, districtCode: 'E07000130', governance: 'parish-council', parishes: 'Sileby\nCossington', clerkName: 'Lou', clerkEmail: uniqueEmail('sileby') })).status).toBe(303);
    const list = await (await page('/staff/surgeries/councils?district=E07000130')).text();
    const id = list.match(new RegExp(`href="/staff/surgeries/councils/([a-z0-9]+)">${name}<`))![1]!;
    expect((await getCouncil(id))!.parishes).toEqual(['Sileby', 'Cossington']);
    expect((await send(`/staff/surgeries/councils/${id}`, { version: '1', name, districtCode: 'E07000130', governance: 'parish-council', clerkName: 'Lou', clerkEmail: 'lou@example.org' })).status).toBe(303);
    expect((await send(`/staff/surgeries/councils/${id}`, { version: '1', name, districtCode: 'E07000130', governance: 'town-council' })).status).toBe(409);
    expect((await send(`/staff/surgeries/councils/${id}/retire`, {})).status).toBe(303);
    const retired = (await getCouncil(id))!;
    expect(retired.status).toBe('retired');
    expect(retired.clerkEmail).toBeUndefined();
  });

  it('previews an import with each row’s problems, writes nothing until it is right, then imports (an admin’s action)', async () => {
    const admin = { cookie: `session=${await adminToken()}` };
    const name = unique('Quorn Parish Council');
    const csv = `id,name,district,parishes,clerk_name,clerk_email,governance\n,${name},Charnwood,Quorn,,,parish council\n,${XSS},Atlantis,,,,parish council\n`;
    const form = new FormData();
    form.append('file', new File([csv], 'councils.csv', { type: 'text/csv' }));
    const preview = await app.request('/staff/surgeries/councils/import', { method: 'POST', headers: { origin: 'http://localhost:3000', ...admin }, body: form });
    expect(preview.status).toBe(400);
    const html = await preview.text();
    expect(html).toContain('“Atlantis” is not a district of Leicestershire or Rutland, or Leicester');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('Import 2 councils');
    const good = csv.split('\n').slice(0, 2).join('\n');
    const ok = await post('/staff/surgeries/councils/import', { csv: good }, admin);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Import 1 council');
    const done = await post('/staff/surgeries/councils/import/confirm', { csv: good }, admin);
    expect(done.status).toBe(303);
    expect(await (await get(redirectPath(done), admin)).text()).toContain('Imported: 1 added, 0 updated');
    expect(await (await page('/staff/surgeries/councils.csv')).text()).toContain(name);
  });
});

describe('coverage and themes', () => {
  it('shows coverage by district and themes for a period, with a CSV', async () => {
    const response = await page('/staff/surgeries/coverage');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Coverage by district');
    expect(html).toContain('All districts');
    const bad = await page('/staff/surgeries/coverage?from-day=40&from-month=1&from-year=2026');
    expect(bad.status).toBe(400);
    const csv = await page('/staff/surgeries/themes.csv?from-day=1&from-month=1&from-year=2000');
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^District,Surgery days,Attended,Did not attend/);
  });
});
