/** Staff console pages for meetings, signed in with tokens from the test issuer. */
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, noRoleToken, staffToken } from '../../../test/support/tokens.js';
import type { Meeting } from '../model.js';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { app } from '../app.js';
import { markAttended } from '../check-in.js';
import { aMeeting, aPastMeeting, decided, register as registerThroughDomain, registrationAnswers, unique } from '../fixtures.js';
import { findRegistrations, listRegistrations } from '../registrations.js';
import { waitForEmails } from '../../../test/support/inbox.js';

const { get, post } = requestsTo(app);

const XSS = '<script>alert(1)</script>';
let auth: Record<string, string>;

beforeAll(async () => {
  auth = bearer(await staffToken());
});

const staffGet = (path: string) => get(path, auth);
const staffPost = (path: string, fields: Record<string, string>) => post(path, fields, auth);

/** A registration made through the real public form, so the staff pages see what residents sent; its place decided (by the stream's decider). */
async function register(meeting: Meeting, fields: Record<string, string> = {}) {
  const form = registrationAnswers(fields);
  const response = await post(`/meetings/${meeting.id}/register`, form);
  expect(response.status).toBe(200);
  const registration = (await listRegistrations(meeting.id)).find((r) => r.email === form.email);
  return decided(meeting.id, registration!.id);
}

/** The meeting form as staff fill it in: London dates and times in day, month, year and time boxes. */
function meetingForm(overrides: Record<string, string> = {}) {
  const year = String(new Date().getUTCFullYear() + 1);
  const at = (name: string, day: string, month: string, time: string) => ({
    [`${name}-day`]: day,
    [`${name}-month`]: month,
    [`${name}-year`]: year,
    [`${name}-time`]: time,
  });
  return {
    title: unique('Melton Mowbray public meeting'),
    description: 'Tell the commissioner about rural crime.',
    areaCode: 'E07000133',
    venue: 'Melton Carnegie Museum',
    address: 'Thorpe End\nMelton Mowbray\nLE13 1RB',
    latitude: '52.7661',
    longitude: '-0.8866',
    ...at('startsAt', '2', '7', '6:30pm'),
    ...at('endsAt', '2', '7', '20:00'),
    ...at('registrationOpensAt', '1', '6', '09:00'),
    ...at('registrationClosesAt', '2', '7', '12:00'),
    capacity: '60',
    maxPlacesPerRegistration: '2',
    waitingList: 'yes',
    accessInformation: '',
    ...overrides,
  };
}

describe('signing in', () => {
  const paths = (id: string) => [
    '/staff/meetings',
    '/staff/meetings/new',
    '/staff/meetings/report',
    `/staff/meetings/${id}`,
    `/staff/meetings/${id}/edit`,
    `/staff/meetings/${id}/cancel`,
    `/staff/meetings/${id}/registrations.csv`,
    `/staff/meetings/${id}/questions`,
    `/staff/meetings/${id}/questions.csv`,
    `/staff/meetings/${id}/check-in`,
  ];

  it('asks for sign-in on every staff page, and refuses people without the staff role', async () => {
    const meeting = await aMeeting();
    const noRole = bearer(await noRoleToken());
    for (const path of paths(meeting.id)) {
      expect((await get(path)).status, path).toBe(401);
      expect((await get(path, noRole)).status, path).toBe(403);
    }
    expect((await post(`/staff/meetings/${meeting.id}/cancel`, {})).status).toBe(401);
    expect((await post('/staff/meetings/new', meetingForm())).status).toBe(401);
    const signIn = await (await get('/staff/meetings')).text();
    expect(signIn).toContain('Sign in to continue');
  });
});

describe('GET /staff/meetings', () => {
  it('lists upcoming meetings with places taken, waiting list and status, and links to create and the report', async () => {
    const meeting = await aMeeting({ capacity: 5 });
    await register(meeting, { places: '2' });
    const response = await staffGet('/staff/meetings');
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain(`href="/staff/meetings/${meeting.id}"`);
    expect(html).toContain('2 of 5');
    expect(html).toContain('href="/staff/meetings/new"');
    expect(html).toContain('href="/staff/meetings/report"');
    expect(html).toContain('aria-current="page"');
  });
});

describe('creating and editing a meeting', () => {
  it('reads dates as UK time (BST in July) and redirects to the new meeting', async () => {
    const form = meetingForm();
    const response = await staffPost('/staff/meetings/new', form);
    expect(response.status).toBe(303);
    const location = redirectPath(response);
    expect(location).toMatch(/^\/staff\/meetings\/[A-Za-z0-9_-]+\?done=created$/);
    const html = await (await staffGet(location)).text();
    expect(html).toContain('Meeting created');
    expect(html).toContain(form.title);
    // 6:30pm BST is 17:30 UTC; shown back in London time.
    expect(html).toMatch(/Thursday 2 July \d{4}, 6:30pm to 8pm|\w+day 2 July \d{4}, 6:30pm to 8pm/);
  });

  it('shows every problem linked to its field, keeping what was typed', async () => {
    const response = await staffPost(
      '/staff/meetings/new',
      meetingForm({ title: '', 'startsAt-day': '31', 'startsAt-month': '2', latitude: 'north', waitingList: '', 'endsAt-time': 'late' }),
    );
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('<a href="#title">Enter a title</a>');
    expect(html).toContain('<a href="#latitude">Enter a latitude in the UK');
    expect(html).toContain('<a href="#startsAt">The start must be a real date</a>');
    expect(html).toContain('<a href="#endsAt">The end must be a real time, like 18:30 or 6:30pm</a>');
    expect(html).toContain('<a href="#waitingList">Select yes if people can join a waiting list');
    // The summary link lands on the day box, which carries the field's id.
    expect(html).toMatch(/<input[^>]*id="startsAt"[^>]*name="startsAt-day"[^>]*value="31"/);
    expect(html).toMatch(/<input[^>]*name="endsAt-time"[^>]*value="late"/);
    expect(html).toMatch(/<input[^>]*name="latitude"[^>]*value="north"/);
  });

  it('checks the order of dates', async () => {
    const html = await (
      await staffPost('/staff/meetings/new', meetingForm({ 'registrationClosesAt-time': '19:00' }))
    ).text();
    expect(html).toContain('<a href="#registrationClosesAt">Registration must close by the start of the meeting</a>');
  });

  it('fills the edit form with the meeting in UK time and saves changes', async () => {
    const year = new Date().getUTCFullYear() + 1; // 15 January next year: GMT, so London time is UTC
    const meeting = await aMeeting({ startsAt: `${year}-01-15T19:00:00.000Z`, endsAt: `${year}-01-15T21:00:00.000Z`, registrationClosesAt: `${year}-01-15T12:00:00.000Z` });
    const edit = await (await staffGet(`/staff/meetings/${meeting.id}/edit`)).text();
    expect(edit).toMatch(/name="startsAt-day"[^>]*value="15"/);
    expect(edit).toMatch(/name="startsAt-time"[^>]*value="19:00"/);
    expect(edit).toMatch(/<input[^>]*value="yes" checked=""/);

    const fields = Object.fromEntries([...edit.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const response = await staffPost(`/staff/meetings/${meeting.id}/edit`, {
      ...fields,
      title: `${meeting.title} (moved)`,
      description: meeting.description,
      address: meeting.address,
      accessInformation: meeting.accessInformation,
      areaCode: meeting.areaCode,
      waitingList: 'yes',
      // A browser sends the checked radio only; the scrape above took every option's value.
      mode: 'in-person',
    });
    expect(response.status).toBe(303);
    const html = await (await staffGet(redirectPath(response))).text();
    expect(html).toContain('Meeting updated');
    expect(html).toContain(`${meeting.title} (moved)`);
  });
});

describe('GET /staff/meetings/{id}', () => {
  it('shows registrations escaped, with access needs, question, status and links to export, questions and check-in', async () => {
    const meeting = await aMeeting();
    await register(meeting, { name: XSS, accessNeeds: 'Wheelchair user', question: 'What about speeding on London Road?' });
    const html = await (await staffGet(`/staff/meetings/${meeting.id}`)).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain(XSS);
    expect(html).toContain('Wheelchair user');
    expect(html).toContain('What about speeding on London Road?');
    expect(html).toContain('Confirmed');
    expect(html).toContain(`href="/staff/meetings/${meeting.id}/registrations.csv"`);
    expect(html).toContain(`href="/staff/meetings/${meeting.id}/questions"`);
    expect(html).toContain(`href="/staff/meetings/${meeting.id}/check-in"`);
  });

  it('says which email went last and where it is, in words: "Details sent again: sent", in the page and the CSV', async () => {
    const meeting = await aMeeting();
    const registration = await register(meeting, { name: 'Twice Registered' });
    await register(meeting, { email: registration.email, name: 'Twice Registered' });
    await waitForEmails(registration.email, { count: 2 });
    let html = '';
    for (const stopAt = Date.now() + 15_000; Date.now() < stopAt; await new Promise((r) => setTimeout(r, 200))) {
      html = await (await staffGet(`/staff/meetings/${meeting.id}`)).text();
      if (html.includes('Details sent again: sent')) break;
    }
    expect(html).toContain('<td class="govuk-table__cell">Details sent again: sent</td>');
    expect(html).not.toContain('Details sent again sent');
    const csv = await (await staffGet(`/staff/meetings/${meeting.id}/registrations.csv`)).text();
    expect(csv).toMatch(/,Details sent again,Sent,In person\r\n$/);
    expect(csv).not.toContain('registration-details');
  });

  it('serves the registrations and questions as CSV attachments', async () => {
    const meeting = await aMeeting();
    await register(meeting, { name: 'Ada Lovelace', question: 'Street lighting?' });
    const response = await staffGet(`/staff/meetings/${meeting.id}/registrations.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('Ada Lovelace');

    const questions = await staffGet(`/staff/meetings/${meeting.id}/questions.csv`);
    expect(questions.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(await questions.text()).toContain('Street lighting?');
    const page = await (await staffGet(`/staff/meetings/${meeting.id}/questions`)).text();
    expect(page).toContain('Street lighting?');
    expect(page).toContain('Ada Lovelace');
  });

  it('shows attendance and no-shows once the meeting has ended', async () => {
    const { then, meeting: made } = aPastMeeting({ capacity: 10 });
    const meeting = await made;
    const input = { email: 'one@example.com', name: 'One', places: 1, privacyAccepted: true as const };
    const one = await registerThroughDomain(meeting.id, { ...input, email: `one-${unique('x').slice(-8)}@example.com` }, then);
    await registerThroughDomain(meeting.id, { ...input, email: `two-${unique('x').slice(-8)}@example.com`, name: 'Two' }, then);
    await markAttended(meeting.id, one.registration.id, true, new Date(meeting.startsAt));
    const html = await (await staffGet(`/staff/meetings/${meeting.id}`)).text();
    expect(html).toContain('Finished');
    expect(html).toMatch(/No-shows<\/dt><dd class="govuk-summary-list__value">1</);
    expect(html).toMatch(/No-show rate<\/dt><dd class="govuk-summary-list__value">50%</);
  });

  it('is a 404 for an unknown meeting', async () => {
    expect((await staffGet('/staff/meetings/no-such-meeting')).status).toBe(404);
  });
});

describe('cancelling', () => {
  it('cancels a registration after a confirmation step', async () => {
    const meeting = await aMeeting();
    const registration = await register(meeting, { name: 'Cancel Me' });
    const confirm = await (await staffGet(`/staff/meetings/${meeting.id}/registrations/${registration.id}/cancel`)).text();
    expect(confirm).toContain('Are you sure you want to cancel this registration?');
    expect(confirm).toContain('govuk-button--warning');
    const response = await staffPost(`/staff/meetings/${meeting.id}/registrations/${registration.id}/cancel`, {});
    expect(response.status).toBe(303);
    const html = await (await staffGet(redirectPath(response))).text();
    expect(html).toContain('Registration cancelled');
  });

  it('cancels a meeting after a confirmation step with a warning button, only with a reason, which its pages show', async () => {
    const meeting = await aMeeting();
    const confirm = await (await staffGet(`/staff/meetings/${meeting.id}/cancel`)).text();
    expect(confirm).toContain('Are you sure you want to cancel this meeting?');
    expect(confirm).toContain('govuk-button--warning');
    expect(confirm).toContain('<textarea class="govuk-textarea" id="reason" name="reason"');

    const noReason = await staffPost(`/staff/meetings/${meeting.id}/cancel`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    const refused = await noReason.text();
    expect(refused).toContain('There is a problem');
    expect(refused).toContain('<a href="#reason">Enter the reason: it is emailed to everyone registered</a>');
    expect((await get(`/meetings/${meeting.id}`)).status).toBe(200);
    expect(await (await get(`/meetings/${meeting.id}`)).text()).not.toContain('This meeting has been cancelled');
    const tooLong = await staffPost(`/staff/meetings/${meeting.id}/cancel`, { reason: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('The reason must be 500 characters or fewer');

    const response = await staffPost(`/staff/meetings/${meeting.id}/cancel`, { reason: `The hall has flooded ${XSS}\r\n\r\nWe will arrange another date.` });
    expect(response.status).toBe(303);
    const staffPage = await (await staffGet(redirectPath(response))).text();
    expect(staffPage).toContain('Meeting cancelled');
    expect(staffPage).toContain('<h2 class="govuk-heading-m">Why it was cancelled</h2><p class="govuk-body">The hall has flooded &lt;script&gt;alert(1)&lt;/script&gt;</p><p class="govuk-body">We will arrange another date.</p>');
    const publicPage = await (await get(`/meetings/${meeting.id}`)).text();
    expect(publicPage).toContain('This meeting has been cancelled');
    expect(publicPage).toContain('<h2 class="govuk-heading-m">Why it was cancelled</h2><p class="govuk-body">The hall has flooded &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(publicPage).not.toContain(XSS);
    expect(publicPage).not.toContain('name="privacyAccepted"');
  });
});

describe('check-in at the door', () => {
  it('finds people by name or reference, marks them with one tap, and can undo', async () => {
    const meeting = await aMeeting();
    const person = await register(meeting, { name: `Grace ${XSS} Hopper` });
    const byName = await (await staffGet(`/staff/meetings/${meeting.id}/check-in?search=Grace`)).text();
    expect(byName).toContain('&lt;script&gt;');
    expect(byName).not.toContain(XSS);
    expect(byName).toContain('Mark as attended');
    expect(byName).not.toContain('<table');
    const byReference = await (await staffGet(`/staff/meetings/${meeting.id}/check-in?search=${person.reference}`)).text();
    expect(byReference).toContain(person.reference);

    const marked = await staffPost(`/staff/meetings/${meeting.id}/check-in/${person.id}`, { search: 'Grace', attended: 'yes' });
    expect(marked.status).toBe(303);
    const location = redirectPath(marked);
    expect(location).toContain('search=Grace');
    const after = await (await staffGet(location)).text();
    expect(after).toContain('marked as attended');
    expect(after).toContain('Undo');
    expect(after).toMatch(/<input type="hidden" name="search" value="Grace"\/>/);

    const undone = await staffPost(`/staff/meetings/${meeting.id}/check-in/${person.id}`, { search: 'Grace', attended: 'no' });
    const back = await (await staffGet(redirectPath(undone))).text();
    expect(back).toContain('no longer marked as attended');
    expect(back).toContain('Mark as attended');
  });

  it('says when no one matches', async () => {
    const meeting = await aMeeting();
    const html = await (await staffGet(`/staff/meetings/${meeting.id}/check-in?search=Nobody`)).text();
    expect(html).toContain('No one found');
  });
});

describe('raising actions', () => {
  const action = { what: `Ask for a speed survey ${XSS}`, ownerKind: 'road-safety-team', ownerName: '', theme: '', 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' };

  it('raises an action from a question sent in advance, shown under the question and on the meeting', async () => {
    const meeting = await aMeeting({ areaCode: 'E07000131' });
    const person = await register(meeting, { name: 'Ada Asker', question: 'What about speeding on the A6?' });
    const questions = await (await staffGet(`/staff/meetings/${meeting.id}/questions`)).text();
    const raise = `/staff/meetings/${meeting.id}/questions/${person.id}/actions/new`;
    expect(questions).toContain(`href="${raise}"`);

    const form = await (await staffGet(raise)).text();
    expect(form).toContain('What about speeding on the A6?');
    expect(form).toMatch(/<option value="E07000131" selected/);
    const missing = await staffPost(raise, { ...action, what: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<a href="#what">');

    const raised = await staffPost(raise, { ...action, areaCode: 'E07000131' });
    expect(raised.status).toBe(303);
    expect(redirectPath(raised)).toBe(`/staff/meetings/${meeting.id}/questions?done=action-raised`);
    const after = await (await staffGet(redirectPath(raised))).text();
    expect(after).toContain('Action raised');
    expect(after).toContain(`id="question-${person.id}"`);
    expect(after).toContain('Ask for a speed survey &lt;script&gt;');
    expect(after).not.toContain(XSS);

    const page = await (await staffGet(`/staff/meetings/${meeting.id}`)).text();
    expect(page).toContain('Actions raised from this meeting');
    expect(page).toContain('Ask for a speed survey &lt;script&gt;');
    expect(page).toContain(`href="/staff/meetings/${meeting.id}/questions#question-${person.id}"`);
  });

  it('raises something raised on the night from the meeting page', async () => {
    const meeting = await aMeeting();
    const page = await (await staffGet(`/staff/meetings/${meeting.id}`)).text();
    expect(page).toContain('No actions yet.');
    expect(page).toContain(`href="/staff/meetings/${meeting.id}/actions/new"`);
    const raised = await staffPost(`/staff/meetings/${meeting.id}/actions/new`, { ...action, what: 'Write to the council about the bus stop', areaCode: meeting.areaCode });
    expect(raised.status).toBe(303);
    expect(redirectPath(raised)).toBe(`/staff/meetings/${meeting.id}?done=action-raised`);
    const after = await (await staffGet(redirectPath(raised))).text();
    expect(after).toContain('Action raised');
    expect(after).toContain('Write to the council about the bus stop');
    expect(after).toContain('Raised at the meeting');
  });

  it('is a 404 for a question that is not there', async () => {
    const meeting = await aMeeting();
    const person = await register(meeting, { question: '' });
    expect((await staffGet(`/staff/meetings/${meeting.id}/questions/${person.id}/actions/new`)).status).toBe(404);
    expect((await staffPost(`/staff/meetings/${meeting.id}/questions/NOSUCH/actions/new`, action)).status).toBe(404);
  });
});

describe('GET /staff/meetings/report', () => {
  it('summarises attendance by council area and overall', async () => {
    const html = await (await staffGet('/staff/meetings/report')).text();
    expect(html).toContain('Attendance by council area');
    expect(html).toContain('All areas');
    expect(html).toContain('No-show rate');
  });

  it('filters by dates and reports dates that are not real', async () => {
    const ok = await staffGet('/staff/meetings/report?from-day=1&from-month=4&from-year=2026&to-day=31&to-month=3&to-year=2027');
    expect(ok.status).toBe(200);
    const bad = await staffGet('/staff/meetings/report?from-day=31&from-month=2&from-year=2026');
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<a href="#from">The from date must be a real date</a>');
    expect(html).toMatch(/name="from-day"[^>]*value="31"/);
  });
});
