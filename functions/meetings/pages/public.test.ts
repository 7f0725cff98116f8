/** Residents' pages against the real domain (DynamoDB Local, the SES emulator): what a browser gets. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../model.js';
import { waitForEmails } from '../../../test/support/inbox.js';
import { requestsTo } from '../../../test/support/requests.js';
import { app } from '../app.js';
import { aMeeting, registrationAnswers, unique } from '../fixtures.js';

const { get, post } = requestsTo(app);

const XSS = '<script>alert(1)</script>';

/** The value attribute of an input, as the browser would read it back. */
const inputValue = (html: string, name: string) => html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`))?.[1];

describe('GET /meetings', () => {
  it('lists upcoming meetings with when, where, area and places left', async () => {
    const meeting = await aMeeting({ capacity: 12 });
    const html = await (await get('/meetings')).text();
    expect(html).toContain(meeting.title);
    expect(html).toContain(`href="/meetings/${meeting.id}"`);
    expect(html).toContain('12 places left');
    expect(html).toContain(meeting.venue);
  });

  it('filters by council area with a GET form that keeps the chosen area selected', async () => {
    const rutland = await aMeeting({ areaCode: 'E06000017', title: unique('Oakham meeting') });
    const blaby = await aMeeting({ areaCode: 'E07000129', title: unique('Blaby meeting') });
    const response = await get('/meetings?area=E06000017');
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(rutland.title);
    expect(html).not.toContain(blaby.title);
    expect(html).toContain('<form method="get" action="/meetings"');
    expect(html).toMatch(/<option value="E06000017" selected="">Rutland<\/option>/);
    expect(html).toContain('<option value="">All areas</option>');
    expect(html).toContain('<title>Public meetings in Rutland');
  });

  it('treats an unknown area as all areas', async () => {
    const meeting = await aMeeting();
    const html = await (await get('/meetings?area=nonsense')).text();
    expect(html).toContain(meeting.title);
  });

  it('says when registration opens, and when a meeting is full', async () => {
    const now = Date.now();
    const notYet = await aMeeting({ registrationOpensAt: new Date(now + 2 * 86_400_000).toISOString() });
    const html = await (await get(`/meetings/${notYet.id}`)).text();
    expect(html).toMatch(/Registration opens on \w+day \d+ \w+ \d{4}/);
    expect(html).not.toContain('name="privacyAccepted"');
  });
});

describe('GET /meetings/{id}', () => {
  it('shows the meeting, a plain OpenStreetMap link and the registration form', async () => {
    const meeting = await aMeeting();
    const response = await get(`/meetings/${meeting.id}`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(`<h1 class="govuk-heading-xl">${meeting.title}</h1>`);
    expect(html).toContain(
      `href="https://www.openstreetmap.org/?mlat=${meeting.latitude}&amp;mlon=${meeting.longitude}#map=17/${meeting.latitude}/${meeting.longitude}"`,
    );
    expect(html).toContain(meeting.accessInformation);
    expect(html).toContain(`action="/meetings/${meeting.id}/register"`);
    expect(html).toMatch(/<input[^>]*name="email"[^>]*type="email"[^>]*autocomplete="email"[^>]*spellcheck="false"/);
    expect(html).toMatch(/<input[^>]*name="postcode"[^>]*autocomplete="postal-code"/);
    expect(html).toContain('href="/privacy"');
    // Nothing is loaded from another site.
    expect(html).not.toMatch(/<(script|link|img)[^>]*(src|href)="https?:/);
  });

  it('leaves out the places question when only one place can be booked', async () => {
    const meeting = await aMeeting({ maxPlacesPerRegistration: 1 });
    const html = await (await get(`/meetings/${meeting.id}`)).text();
    expect(html).not.toContain('name="places"');
  });

  it('is the 404 page for an unknown meeting', async () => {
    const response = await get('/meetings/no-such-meeting');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
  });
});

describe('POST /meetings/{id}/register', () => {
  it('shows the form again with every problem listed, linked and kept as typed', async () => {
    const meeting = await aMeeting({ maxPlacesPerRegistration: 2 });
    const response = await post(
      `/meetings/${meeting.id}/register`,
      registrationAnswers({ name: 'Sam "Tiny" O\'Neil', email: 'not-an-email', places: '3', privacyAccepted: '', question: 'Why?' }),
    );
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('There is a problem');
    expect(html).toContain('<a href="#email">Enter an email address in the correct format, like name@example.com</a>');
    expect(html).toContain('<a href="#places">You can ask for up to 2 places for this meeting</a>');
    expect(html).toContain('<a href="#privacyAccepted">Confirm you have read the privacy notice</a>');
    // Inline messages next to each field, in the summary's order.
    expect(html.indexOf('id="email-error"')).toBeGreaterThan(0);
    expect(html.indexOf('href="#email"')).toBeLessThan(html.indexOf('href="#places"'));
    expect(html.indexOf('href="#places"')).toBeLessThan(html.indexOf('href="#privacyAccepted"'));
    expect(html).toMatch(/<input[^>]*aria-describedby="email-hint email-error"/);
    // Answers kept.
    expect(inputValue(html, 'name')).toBe('Sam &quot;Tiny&quot; O&#39;Neil');
    expect(inputValue(html, 'email')).toBe('not-an-email');
    expect(inputValue(html, 'places')).toBe('3');
    expect(html).toContain('>Why?</textarea>');
  });

  it('reports text that is too long next to its field', async () => {
    const meeting = await aMeeting();
    const response = await post(`/meetings/${meeting.id}/register`, registrationAnswers({ question: 'x'.repeat(LIMITS.question + 1) }));
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain(`<a href="#question">Your question must be ${LIMITS.question} characters or fewer</a>`);
    expect(html).toContain(`${'x'.repeat(LIMITS.question + 1)}</textarea>`);
  });

  it('rejects a post from another site', async () => {
    const meeting = await aMeeting();
    const response = await post(`/meetings/${meeting.id}/register`, registrationAnswers(), { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it('answers "check your email", naming the address, with the reference and status only in the email', async () => {
    const meeting = await aMeeting();
    const form = registrationAnswers({ name: XSS, places: '2' });
    const response = await post(`/meetings/${meeting.id}/register`, form);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
    const html = await response.text();
    expect(html).toContain('Check your email');
    expect(html).toContain(`We have sent the details of your registration to<br/><strong>${form.email}</strong>`);
    expect(html).not.toMatch(/[2-9A-Z]{3}-[2-9A-Z]{3}/); // no reference
    expect(html).not.toContain('waiting list</h1>');
    expect(html).not.toContain('alert(1)');

    const [email] = await waitForEmails(form.email);
    expect(email!.subject).toBe(`Your 2 places at ${meeting.title}: confirmed`);
    expect(email!.body.text).toMatch(/Your reference is [2-9A-Z]{3}-[2-9A-Z]{3}/);
  });

  it('puts people on the waiting list when the meeting is full, and tells them by email', async () => {
    const meeting = await aMeeting({ capacity: 1, maxPlacesPerRegistration: 1 });
    await post(`/meetings/${meeting.id}/register`, registrationAnswers());
    const page = await (await get(`/meetings/${meeting.id}`)).text();
    expect(page).toContain('Full – join the waiting list');
    expect(page).toContain('Join the waiting list');

    const form = registrationAnswers();
    const response = await post(`/meetings/${meeting.id}/register`, form);
    expect(await response.text()).toContain('Check your email');
    expect((await waitForEmails(form.email))[0]!.subject).toBe(`You are on the waiting list for ${meeting.title}`);
  });

  it('answers an address already registered exactly as a new one, and sends its details again', async () => {
    const meeting = await aMeeting();
    const form = registrationAnswers();
    const first = await post(`/meetings/${meeting.id}/register`, form);
    const again = await post(`/meetings/${meeting.id}/register`, { ...form, name: 'Someone else', submission: 'another-filling-in-000' });
    const stranger = registrationAnswers();
    const fresh = await post(`/meetings/${meeting.id}/register`, stranger);
    expect([first.status, again.status, fresh.status]).toEqual([200, 200, 200]);
    const page = (html: string, email: string) => html.replaceAll(email, '<address>').replace(/name="submission" value="[^"]*"/g, '');
    expect(page(await again.text(), form.email)).toBe(page(await fresh.text(), stranger.email));
    const emails = await waitForEmails(form.email, { count: 2 });
    expect(emails.map((e) => e.subject)).toEqual([`Your place at ${meeting.title}: confirmed`, `Your place at ${meeting.title}: confirmed`]);
    expect(emails[1]!.body.text).not.toContain('Someone else');
  });

  it('registers once and emails once when the same form is sent twice (a double-click, a refresh)', async () => {
    const meeting = await aMeeting();
    const form = registrationAnswers({ submission: `double-${Date.now()}-click` });
    const [one, two] = await Promise.all([post(`/meetings/${meeting.id}/register`, form), post(`/meetings/${meeting.id}/register`, form)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(await (await post(`/meetings/${meeting.id}/register`, form)).text()).toContain('Check your email');
    await waitForEmails(form.email);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await waitForEmails(form.email)).toHaveLength(1);
  });

  it('explains a registration that could not be made because registration is not open', async () => {
    const meeting = await aMeeting({ registrationOpensAt: new Date(Date.now() + 86_400_000).toISOString() });
    const response = await post(`/meetings/${meeting.id}/register`, registrationAnswers());
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('Your registration was not made');
  });
});
