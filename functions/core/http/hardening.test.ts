/**
 * What every capability's app gets from core against a hostile or unlucky request: the Origin of every
 * state-changing request that carries the staff cookie is checked whatever its content type; tokens
 * must expire; frames are refused; staff JSON is never cached; a body that cannot be read is a 400;
 * an outage is a 503 with Retry-After and a page that says nothing was lost; a rate limit is a 429.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { bearer, staffToken, tokenWithoutExpiry, yearLongToken } from '../../../test/support/tokens.js';
import { TooManyRequests } from '../rate-limits.js';
import { ServiceUnavailable } from '../refusal.js';
import { readForm } from '../ui/forms.js';
import { ApiRoutes } from './api.js';
import { createApp } from './app.js';

const SITE = 'http://localhost:3000';

function exampleApp() {
  const app = createApp();
  const api = new ApiRoutes(app);
  api.add(
    { method: 'post', path: '/api/things', operationId: 'makeThing', summary: 'Make', role: 'staff', body: z.object({ name: z.string() }), responses: { 200: { description: 'ok' } } },
    (c, { body }) => c.json({ made: body.name }),
  );
  api.add({ method: 'get', path: '/api/things', operationId: 'listThings', summary: 'List', role: 'staff', responses: { 200: { description: 'ok' } } }, (c) => c.json({ things: [] }));
  app.post('/staff/things/delete', (c) => c.text('deleted'));
  app.post('/form', async (c) => c.json(await readForm(c)));
  app.get('/down', () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
  });
  app.get('/api/down', () => {
    throw new ServiceUnavailable('busy', { retryAfterSeconds: 7 });
  });
  app.get('/busy', () => {
    throw new TooManyRequests(42);
  });
  return app as unknown as Hono;
}

const app = exampleApp();
const session = async () => `session=${await staffToken()}`;

describe('the origin check', () => {
  it('refuses a JSON request carrying the staff cookie from another site, though browsers would preflight it', async () => {
    const foreign = await app.request('/api/things', {
      method: 'POST',
      headers: { cookie: await session(), origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(foreign.status).toBe(403);
    const ours = await app.request('/api/things', {
      method: 'POST',
      headers: { cookie: await session(), origin: SITE, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(ours.status).toBe(200);
  });

  it('refuses a staff page post with the cookie and no Origin, or from a sibling site', async () => {
    const headers = { cookie: await session(), 'content-type': 'application/x-www-form-urlencoded' };
    expect((await app.request('/staff/things/delete', { method: 'POST', headers, body: '' })).status).toBe(403);
    expect((await app.request('/staff/things/delete', { method: 'POST', headers: { ...headers, origin: 'null', 'sec-fetch-site': 'same-site' }, body: '' })).status).toBe(403);
    // Our pages send no referrer, so a browser may say `Origin: null` with Sec-Fetch-Site: same-origin.
    expect((await app.request('/staff/things/delete', { method: 'POST', headers: { ...headers, origin: 'null', 'sec-fetch-site': 'same-origin' }, body: '' })).status).toBe(200);
  });

  it('lets a script with a bearer token and no cookie call the API from anywhere', async () => {
    const response = await app.request('/api/things', {
      method: 'POST',
      headers: { ...bearer(await staffToken()), origin: 'https://partner.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('staff tokens', () => {
  it('are refused without an expiry, or with a lifetime longer than a day', async () => {
    for (const token of [await tokenWithoutExpiry(), await yearLongToken()]) {
      const response = await app.request('/api/things', { headers: bearer(token) });
      expect(response.status).toBe(401);
    }
    expect((await app.request('/api/things', { headers: bearer(await staffToken()) })).status).toBe(200);
  });
});

describe('headers', () => {
  it('refuse framing both ways, and keep staff JSON out of every cache', async () => {
    const page = await app.request('/nothing-here');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const staffJson = await app.request('/api/things', { headers: bearer(await staffToken()) });
    expect(staffJson.headers.get('cache-control')).toBe('no-store');
  });
});

describe('bodies', () => {
  it('reads a proper multipart form, and answers a broken one with 400, not 500', async () => {
    const form = new FormData();
    form.set('name', 'Ann');
    const good = await app.request('/form', { method: 'POST', headers: { origin: SITE }, body: form });
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ name: 'Ann' });
    const broken = await app.request('/form', {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'multipart/form-data; boundary=nope' },
      body: '--wrong\r\nContent-Disposition: form-data; name="x"\r\n\r\n',
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('There is a problem');
  });
});

describe('when a service cannot answer', () => {
  it('answers 503 with Retry-After and a page saying try again, nothing lost', async () => {
    const page = await app.request('/down');
    expect(page.status).toBe(503);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await page.text();
    expect(html).toContain('Sorry, the service is busy');
    expect(html).toContain('Nothing you sent has been lost');
    const api = await app.request('/api/down');
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('7');
    expect((await api.json()).error.code).toBe('service_unavailable');
  });

  it('answers a rate limit with 429, Retry-After and a page', async () => {
    const page = await app.request('/busy');
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBe('42');
    expect(await page.text()).toContain('too many attempts');
  });
});
