/**
 * The public surgeries pages as a browser without JavaScript gets them, against DynamoDB Local and the
 * SES emulator: the list, a session, the request form and its errors, the clerk's confirmation by the
 * link emailed to the council's address, the invitation link, and the manage link (move, cancel).
 */
import { describe, expect, it } from 'vitest';
import { inbox, waitForEmail, waitForEmails } from '../../../test/support/inbox.js';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { app } from '../app.js';
import { setCouncilStatus } from '../councils.js';
import { aBooking, aCouncil, aSession, slotIds, unique, uniqueEmail } from '../fixtures.js';
import { inviteCouncils } from '../invitations.js';
import { readSessionPartition } from '../store/sessions.js';

const { get, post } = requestsTo(app);
const XSS = '<script>alert(1)</script>';
const tokenIn = (text: string | undefined, kind: string) => text?.match(new RegExp(`/surgeries/${kind}/([A-Za-z0-9_-]{43})`))?.[1];
const answers = (overrides: Record<string, string> = {}) => ({ attendeeName: 'Pat Chair', attendeeRole: 'chair', email: uniqueEmail('booker'), themes: 'burglary', otherTopics: '', accessNeeds: '', ...overrides });

describe('finding a surgery', () => {
  it('lists published sessions by district with their free slots, and no draft and no council names', async () => {
    const venue = unique('Braunstone Civic Centre');
    const [session, draft, council] = await Promise.all([aSession({ venueName: venue }), aSession({ status: 'draft', venueName: unique('Draft hall') }), aCouncil()]);
    await aBooking(session, council);
    const response = await get('/surgeries?district=E07000129');
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(venue);
    expect(html).not.toContain(draft.venueName);
    expect(html).not.toContain(council.name);
    expect(html).toMatch(new RegExp(`${venue}[\\s\\S]*?Free slots</dt><dd class="govuk-summary-list__value">11<`));
    expect(html).toContain(`href="/surgeries/sessions/${session.id}"`);
    expect((await get(`/surgeries/sessions/${draft.id}`)).status).toBe(404);
    expect((await get('/surgeries/sessions/no-such-session')).status).toBe(404);
  });

  it('shows a session’s free slots as a form that goes on to the booking form', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    await aBooking(session, council, { index: 0 });
    const html = await (await get(`/surgeries/sessions/${session.id}`)).text();
    expect(html).toContain(`<form method="get" action="/surgeries/sessions/${session.id}/book"`);
    expect(html.match(/name="slotId"/g)).toHaveLength(11);
    const missing = await get(`/surgeries/sessions/${session.id}/book`);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Choose a time for your council');
  });
});

describe('booking from the public page', () => {
  it('refuses a form with mistakes, keeping the answers and showing them as text', async () => {
    const [session, council, retired, elsewhere] = await Promise.all([aSession(), aCouncil(), aCouncil(), aCouncil({ districtCode: 'E07000131' })]);
    await setCouncilStatus(retired.id, 'retired');
    const slotId = (await slotIds(session.id))[2]!;
    const form = await (await get(`/surgeries/sessions/${session.id}/book?slotId=${slotId}`)).text();
    expect(form).toContain(`<option value="${council.id}">${council.name}</option>`);
    expect(form).not.toContain(retired.name);
    expect(form).not.toContain(elsewhere.name);
    expect(form).toContain('Open Government Licence');
    const response = await post(`/surgeries/sessions/${session.id}/book`, { slotId, councilId: '', ...answers({ attendeeName: XSS, email: 'not-an-email', themes: '' }) });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('href="#councilId">Choose your council');
    expect(html).toContain('href="#email">Enter an email address in the correct format');
    expect(html).toContain('href="#themes">Choose at least one topic, or describe what you want to raise');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain(XSS);
    const other = await post(`/surgeries/sessions/${session.id}/book`, { slotId, councilId: elsewhere.id, ...answers() });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('this surgery is for councils in Blaby');
  });

  it('asks the council’s clerk on file to confirm; the first clerk to confirm books it, the next chooses another time', async () => {
    const [session, council, other] = await Promise.all([aSession(), aCouncil(), aCouncil()]);
    const ids = await slotIds(session.id);
    const email = uniqueEmail('public-booker');
    const response = await post(`/surgeries/sessions/${session.id}/book`, { slotId: ids[3]!, councilId: council.id, submission: 'form-key-0123456789abcdef', ...answers({ email }) });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('We have asked your council’s clerk to confirm');
    expect(html).toContain(`We have emailed the clerk of ${council.name}, at the address we have for the council`);
    expect(html).not.toContain(council.clerkEmail!);
    // A second send of the same form does nothing more: it is answered as the first was. Another council may ask for the same slot (nothing is reserved).
    const again = await post(`/surgeries/sessions/${session.id}/book`, { slotId: ids[3]!, councilId: council.id, submission: 'form-key-0123456789abcdef', ...answers({ email }) });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(html);
    expect((await post(`/surgeries/sessions/${session.id}/book`, { slotId: ids[3]!, councilId: other.id, ...answers() })).status).toBe(200);
    expect((await inbox(email)).length).toBe(0);

    const token = tokenIn((await waitForEmail(council.clerkEmail!, 'Confirm a surgery booking')).body.text, 'confirm')!;
    const page = await get(`/surgeries/confirm/${token}`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const confirmPage = await page.text();
    expect(confirmPage).toContain(`Confirm a surgery booking for ${council.name}`);
    expect(confirmPage).toContain(email);
    const confirmed = await post(`/surgeries/confirm/${token}`, {});
    expect(confirmed.status).toBe(303);
    expect(redirectPath(confirmed)).toBe(`/surgeries/confirm/${token}`);
    expect(await (await get(`/surgeries/confirm/${token}`)).text()).toContain('The surgery is booked');
    await waitForEmail(email, 'Surgery booked:');

    // The other council's clerk finds the slot gone, is offered the free times, and books one.
    const otherToken = tokenIn((await waitForEmail(other.clerkEmail!, 'Confirm a surgery booking')).body.text, 'confirm')!;
    const gone = await (await get(`/surgeries/confirm/${otherToken}`)).text();
    expect(gone).toContain('has been booked by another council. Choose another time');
    expect(gone).not.toContain(council.name);
    expect(gone.match(/name="slotId"/g)).toHaveLength(11);
    const unchosen = await post(`/surgeries/confirm/${otherToken}`, {});
    expect(unchosen.status).toBe(409);
    expect(await unchosen.text()).toContain('That slot has been booked: choose another');
    const chosen = await post(`/surgeries/confirm/${otherToken}`, { slotId: ids[6]! });
    expect(chosen.status).toBe(303);
    const { slots } = await readSessionPartition(session.id);
    expect([slots[3]!.bookingId, slots[6]!.bookingId].every(Boolean)).toBe(true);
    expect((await get(`/surgeries/confirm/${'x'.repeat(43)}`)).status).toBe(404);
  });
});

describe('booking with an invitation link', () => {
  it('books at once for the invited council, then shows the booking instead of the form', async () => {
    const clerk = uniqueEmail('invited-clerk');
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000134' }), aCouncil({ districtCode: 'E07000134', clerkEmail: clerk })]);
    await inviteCouncils(session.id, { scope: 'chosen', councilIds: [council.id] }, 'A. Officer');
    const invitation = await waitForEmail(clerk, 'Invitation: surgery');
    const token = tokenIn(invitation.body.text, 'invitation')!;
    const page = await get(`/surgeries/invitation/${token}`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain(`Book a surgery for ${council.name}`);
    expect(html).not.toContain('name="councilId"');
    const wrong = await post(`/surgeries/invitation/${token}`, answers({ attendeeName: '' }));
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('href="#slotId">Choose a time');
    expect(wrongHtml).toContain('href="#attendeeName">Enter the name of the person coming');
    const email = uniqueEmail('invited-booker');
    const booked = await post(`/surgeries/invitation/${token}`, { slotId: (await slotIds(session.id))[1]!, ...answers({ email }) });
    expect(booked.status).toBe(303);
    expect(redirectPath(booked)).toBe(`/surgeries/invitation/${token}?booked=yes`);
    const after = await (await get(redirectPath(booked))).text();
    expect(after).toContain('Your surgery is booked');
    expect(after).not.toContain('name="slotId"');
    await waitForEmail(email, 'Surgery booked:');
    expect((await get(`/surgeries/invitation/${'y'.repeat(43)}`)).status).toBe(404);
  });
});

describe('the manage link', () => {
  it('moves the booking to another time, then cancels it', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const email = uniqueEmail('manager');
    const booking = await aBooking(session, council, { details: { attendeeName: 'Sam', attendeeRole: 'clerk', email, themes: ['drugs'] } });
    const confirmation = await waitForEmail(email, 'Surgery booked:');
    const token = tokenIn(confirmation.body.text, 'manage')!;
    const page = await get(`/surgeries/manage/${token}`);
    expect(page.headers.get('x-robots-tag')).toBe('noindex');
    const html = await page.text();
    expect(html).toContain('Your surgery booking');
    expect(html).toContain(`value="${session.id}|${(await slotIds(session.id))[4]}"`);
    const none = await post(`/surgeries/manage/${token}/reschedule`, { fromSlotId: booking.slotId });
    expect(none.status).toBe(400);
    const moved = await post(`/surgeries/manage/${token}/reschedule`, { place: `${session.id}|${(await slotIds(session.id))[4]}`, fromSlotId: booking.slotId });
    expect(moved.status).toBe(303);
    expect(await (await get(redirectPath(moved))).text()).toContain('Your booking has moved');
    await waitForEmail(email, 'Surgery moved:');
    expect(await (await get(`/surgeries/manage/${token}/cancel`)).text()).toContain('Are you sure you want to cancel your surgery booking?');
    const cancelled = await post(`/surgeries/manage/${token}/cancel`, {});
    expect(cancelled.status).toBe(303);
    expect(await (await get(redirectPath(cancelled))).text()).toContain('Your booking has been cancelled');
    await waitForEmails(email, { until: (all) => all.some((e) => e.subject.startsWith('Surgery cancelled:')) });
    expect((await readSessionPartition(session.id)).slots.every((s) => !s.bookingId)).toBe(true);
  });
});
