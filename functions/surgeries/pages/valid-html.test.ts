/**
 * Every surgeries page, as the server sends it, passes the W3C Nu HTML Checker with no errors and no
 * warnings: public pages, forms shown again with errors, pages reached by a personal link, and staff
 * pages with data in them (including a person called `<script>`).
 */
import { describe, expect, it } from 'vitest';
import { htmlProblems } from '../../../test/support/html-checker.js';
import { waitForEmail } from '../../../test/support/inbox.js';
import { ORIGIN } from '../../../test/support/requests.js';
import { adminToken, staffToken } from '../../../test/support/tokens.js';
import { app } from '../app.js';
import { requestSlot } from '../requests.js';
import { aBooking, aCouncil, aSession, exampleDetails, slotIds, uniqueEmail } from '../fixtures.js';
import { inviteCouncils } from '../invitations.js';
import { outcomeInput } from '../model.js';
import { recordOutcome } from '../outcomes.js';

const XSS = '<script>alert(1)</script>';
const DAY = 86_400_000;
const tokenIn = (text: string | undefined, kind: string) => text?.match(new RegExp(`/surgeries/${kind}/([A-Za-z0-9_-]{43})`))?.[1];

describe('HTML', () => {
  it('every surgeries page passes the Nu HTML Checker', async () => {
    const session = { cookie: `session=${await staffToken()}` };
    const admin = { cookie: `session=${await adminToken()}` };
    const form = (fields: Record<string, string>, withSession = false): RequestInit => ({
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...(withSession ? session : {}) },
      body: new URLSearchParams(fields).toString(),
    });
    const page = async (name: string, path: string, init: RequestInit = {}) => {
      const response = await app.request(path, init);
      expect(`${name}: ${response.headers.get('content-type')}`).toMatch(/: text\/html/);
      return { name, html: await response.text() };
    };
    const staff = (name: string, path: string) => page(name, path, { headers: session });

    const clerk = uniqueEmail('html-clerk');
    const [open, council, other] = await Promise.all([aSession({ accessInformation: `Ramp ${XSS}` }), aCouncil({ clerkEmail: clerk, name: `Council ${XSS}` }), aCouncil()]);
    const ids = await slotIds(open.id);
    // A request for the slot booked next: its clerk will be asked to choose another time.
    const gone = await aCouncil();
    await requestSlot({ sessionId: open.id, slotId: ids[1]!, councilId: gone.id, details: exampleDetails() });
    const goneConfirm = tokenIn((await waitForEmail(gone.clerkEmail!, 'Confirm a surgery booking')).body.text, 'confirm')!;
    const bookerEmail = uniqueEmail('html-booker');
    const booking = await aBooking(open, council, { index: 1, details: exampleDetails({ attendeeName: XSS, email: bookerEmail, otherTopics: `Topic ${XSS}` }) });
    const manage = tokenIn((await waitForEmail(bookerEmail, 'Surgery booked')).body.text, 'manage')!;
    await requestSlot({ sessionId: open.id, slotId: ids[3]!, councilId: other.id, details: exampleDetails() });
    const confirm = tokenIn((await waitForEmail(other.clerkEmail!, 'Confirm a surgery booking')).body.text, 'confirm')!;
    const invitedClerk = uniqueEmail('html-invited');
    const invitedCouncil = await aCouncil({ clerkEmail: invitedClerk });
    await inviteCouncils(open.id, { scope: 'chosen', councilIds: [invitedCouncil.id] }, 'A. Officer');
    const invitation = tokenIn((await waitForEmail(invitedClerk, 'Invitation')).body.text, 'invitation')!;
    const then = new Date(Date.now() - 21 * DAY);
    const past = await aSession({}, then, 14);
    const pastBooking = await aBooking(past, await aCouncil({ name: `Past ${XSS}` }), { now: then });
    await recordOutcome(pastBooking.id, outcomeInput.parse({ version: 0, attendance: 'attended', themes: ['burglary'], notes: XSS, actions: [{ what: XSS, owner: { kind: 'chief-constable' } }] }), 'A. Officer');

    const bankHoliday = await aSession({ date: '2027-05-31' });

    const pages = await Promise.all([
      page('surgeries', '/surgeries'),
      page('surgeries in a district', '/surgeries?district=E07000129'),
      page('a session', `/surgeries/sessions/${open.id}`),
      page('a session: no slot chosen', `/surgeries/sessions/${open.id}/book`),
      page('booking form', `/surgeries/sessions/${open.id}/book?slotId=${ids[5]}`),
      page('booking form with errors', `/surgeries/sessions/${open.id}/book`, form({ slotId: ids[5]!, attendeeName: XSS, email: 'nope' })),
      page('check your email', `/surgeries/sessions/${open.id}/book`, form({ slotId: ids[6]!, councilId: (await aCouncil()).id, attendeeName: 'Jo', attendeeRole: 'clerk', email: uniqueEmail('html'), themes: 'drugs' })),
      page('confirm a request', `/surgeries/confirm/${confirm}`),
      page('confirm a request whose slot went', `/surgeries/confirm/${goneConfirm}`),
      page('confirm a request: no time chosen', `/surgeries/confirm/${goneConfirm}`, form({})),
      page('invitation', `/surgeries/invitation/${invitation}`),
      page('invitation with errors', `/surgeries/invitation/${invitation}`, form({ attendeeName: '' })),
      page('manage', `/surgeries/manage/${manage}`),
      page('manage: confirm cancel', `/surgeries/manage/${manage}/cancel`),
      page('invalid link', `/surgeries/manage/${'x'.repeat(43)}`),
      staff('staff: programme', '/staff/surgeries'),
      staff('staff: new session', '/staff/surgeries/sessions/new'),
      page('staff: new session with errors', '/staff/surgeries/sessions/new', form({ venueName: XSS, startTime: 'soon' }, true)),
      staff('staff: a session', `/staff/surgeries/sessions/${open.id}`),
      staff('staff: edit a session', `/staff/surgeries/sessions/${open.id}/edit`),
      staff('staff: a session on a bank holiday', `/staff/surgeries/sessions/${bankHoliday.id}`),
      staff('staff: edit a session on a bank holiday', `/staff/surgeries/sessions/${bankHoliday.id}/edit`),
      staff('staff: cancel a session', `/staff/surgeries/sessions/${open.id}/cancel`),
      staff('staff: invite', `/staff/surgeries/sessions/${open.id}/invite`),
      page('staff: invite with errors', `/staff/surgeries/sessions/${open.id}/invite`, form({}, true)),
      staff('staff: book for a council', `/staff/surgeries/sessions/${open.id}/book`),
      page('staff: book for a council with errors', `/staff/surgeries/sessions/${open.id}/book`, form({ councilId: '', attendeeName: XSS, email: 'nope' }, true)),
      staff('staff: day sheet', `/staff/surgeries/sessions/${open.id}/day-sheet`),
      staff('staff: a booking', `/staff/surgeries/bookings/${booking.id}`),
      staff('staff: a past booking with its outcome', `/staff/surgeries/bookings/${pastBooking.id}`),
      page('staff: outcome with errors', `/staff/surgeries/bookings/${pastBooking.id}/outcome`, form({ version: '1', 'action0-what': 'x', 'action0-due-day': '40' }, true)),
      staff('staff: reschedule', `/staff/surgeries/bookings/${booking.id}/reschedule`),
      staff('staff: cancel a booking', `/staff/surgeries/bookings/${booking.id}/cancel`),
      staff('staff: councils', '/staff/surgeries/councils?district=E07000129'),
      staff('staff: add a council', '/staff/surgeries/councils/new'),
      page('staff: add a council with errors', '/staff/surgeries/councils/new', form({ name: XSS, clerkEmail: 'nope' }, true)),
      staff('staff: a council', `/staff/surgeries/councils/${council.id}`),
      staff('staff: retire a council', `/staff/surgeries/councils/${council.id}/retire`),
      page('admin: import', '/staff/surgeries/councils/import', { headers: admin }),
      page('admin: import preview', '/staff/surgeries/councils/import', { ...form({ csv: `name,district,governance\n${XSS},Nowhere,x\nOK Parish Council,Blaby,parish council` }), headers: { ...form({}).headers, ...admin } }),
      staff('staff: coverage', '/staff/surgeries/coverage'),
    ]);
    expect(await htmlProblems(pages)).toEqual([]);
  }, 90_000);
});
