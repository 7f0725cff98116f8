/** The manage link from residents' emails: see, change and cancel a registration with only the token. */
import { describe, expect, it } from 'vitest';
import { manageTokenFor } from '../../../test/support/inbox.js';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { app } from '../app.js';
import { aMeeting, registrationAnswers } from '../fixtures.js';

const { get, post } = requestsTo(app);

const XSS = '<script>alert(1)</script>';

async function registered(fields: Record<string, string> = {}, meetingOverrides = {}) {
  const meeting = await aMeeting(meetingOverrides);
  const form = registrationAnswers(fields);
  const response = await post(`/meetings/${meeting.id}/register`, form);
  expect(response.status).toBe(200);
  return { meeting, form, token: await manageTokenFor(form.email) };
}

describe('GET /manage/{token}', () => {
  it('shows the registration, escaped, and is never cached or sent as a referrer', async () => {
    const { meeting, token } = await registered({ name: XSS, places: '2' });
    const response = await get(`/manage/${token}`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain(XSS);
    expect(html).toContain(meeting.title);
    expect(html).toContain('2 places');
    expect(html).toContain('Confirmed');
    expect(html).toContain(`action="/manage/${token}/places"`);
    expect(html).toContain(`href="/manage/${token}/cancel"`);
  });

  it('offers no places form when only one place can be booked', async () => {
    const { token } = await registered({}, { maxPlacesPerRegistration: 1 });
    const html = await (await get(`/manage/${token}`)).text();
    expect(html).not.toContain('/places"');
    expect(html).toContain('Cancel my place');
  });

  it.each(['not-a-real-token-at-all-000000000000', 'short', '%3Cscript%3E'])(
    'answers a wrong token (%s) with a plain invalid-link page that says nothing about registrations',
    async (token) => {
      const response = await get(`/manage/${token}`);
      const html = await response.text();
      expect(response.status).toBe(404);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(html).toContain('This link is not valid');
      expect(html).not.toMatch(/cancelled|expired|no registration|not found/i);
      for (const path of ['cancel', 'cancelled']) expect((await get(`/manage/${token}/${path}`)).status).toBe(404);
      expect((await post(`/manage/${token}/cancel`, {})).status).toBe(404);
      expect((await post(`/manage/${token}/places`, { places: '2' })).status).toBe(404);
    },
  );
});

describe('changing places', () => {
  it('changes the number of places and says so', async () => {
    const { token } = await registered({ places: '1' });
    const response = await post(`/manage/${token}/places`, { places: '3' });
    expect(response.status).toBe(303);
    expect(redirectPath(response)).toBe(`/manage/${token}?changed=places`);
    const html = await (await get(redirectPath(response))).text();
    expect(html).toContain('You now have 3 places');
  });

  it('shows the form again with the error linked when over the maximum', async () => {
    const { token } = await registered({ places: '1' });
    const response = await post(`/manage/${token}/places`, { places: '9' });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('<a href="#places">You can ask for up to 4 places for this meeting</a>');
    expect(html).toMatch(/<input[^>]*name="places"[^>]*value="9"/);
  });
});

describe('cancelling', () => {
  it('asks first, then frees the place and confirms it', async () => {
    const { meeting, token } = await registered({ places: '2' });
    const confirm = await (await get(`/manage/${token}/cancel`)).text();
    expect(confirm).toContain('Are you sure you want to cancel your place?');
    expect(confirm).toContain(`action="/manage/${token}/cancel"`);

    const response = await post(`/manage/${token}/cancel`, {});
    expect(response.status).toBe(303);
    expect(redirectPath(response)).toBe(`/manage/${token}/cancelled`);
    const done = await get(`/manage/${token}/cancelled`);
    expect(done.headers.get('cache-control')).toBe('no-store');
    const html = await done.text();
    expect(html).toContain('Your place has been cancelled');
    expect(html).toContain(`2 places at ${meeting.title} can now go to someone else`);

    // Cancelling again is harmless, and the manage page no longer offers it.
    expect((await post(`/manage/${token}/cancel`, {})).status).toBe(303);
    const manage = await (await get(`/manage/${token}`)).text();
    expect(manage).not.toContain('Cancel my place');
  });
});
