/**
 * Staff sign-in end to end: the platform's /sign-in sends the browser to the local issuer (running as its
 * own server, as Cognito would), the person signs in, the callback swaps the code for tokens over HTTP
 * and sets the session cookie, and /staff lets them in.
 */
import { describe, expect, it } from 'vitest';
import { createPlatformApp } from '../../local/server.js';

const platform = await createPlatformApp();
const site = 'http://localhost:3000';

/** Cookies as a browser keeps them, by name. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string) {
    return this.cookies.get(name);
  }
}

/** Requests to our own site go to the platform app in-process; everything else (the issuer) over HTTP. */
async function browse(jar: CookieJar, url: string, init: RequestInit = {}) {
  const target = new URL(url, site);
  const headers = new Headers(init.headers);
  if (target.origin === site) {
    if (jar.header()) headers.set('cookie', jar.header());
    const res = await platform.request(`${target.pathname}${target.search}`, { ...init, headers });
    jar.take(res);
    return res;
  }
  return fetch(target, { ...init, headers, redirect: 'manual' });
}

const hiddenFields = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
    ]),
  );

/** Follows /sign-in to the issuer's page and posts the credentials; returns the issuer's answer. */
async function signIn(jar: CookieJar, email: string, password: string, returnTo = '/staff') {
  const start = await browse(jar, `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${process.env['AUTH_ISSUER']}/oauth2/authorize`);
  const page = await browse(jar, authorize.toString());
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = html.match(/<form method="post" action="([^"]+)"/)![1]!;
  return browse(jar, new URL(action, authorize).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: authorize.origin },
    body: new URLSearchParams({ ...hiddenFields(html), email, password }).toString(),
  });
}

describe('staff sign-in against the local issuer', () => {
  it('signs a member of staff in and lets them into the staff console', async () => {
    const jar = new CookieJar();
    expect((await browse(jar, '/staff')).status).toBe(401);

    const signedIn = await signIn(jar, 'staff@example.org', 'local-staff', '/staff');
    expect(signedIn.status).toBe(302);
    const callback = new URL(signedIn.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${site}/sign-in/callback`);

    const back = await browse(jar, callback.toString());
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/staff');
    const session = back.headers.getSetCookie().find((c) => c.startsWith('session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);

    const staff = await browse(jar, '/staff');
    expect(staff.status).toBe(200);
    expect(await staff.text()).toContain('Signed in as staff@example.org');

    const out = await browse(jar, '/sign-out', { method: 'POST', headers: { origin: site, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
    expect((await browse(jar, '/staff')).status).toBe(401);
  });

  it('signs out for good: the old session value gets 401 at once, as a cookie and as a bearer token', async () => {
    const jar = new CookieJar();
    expect((await browse(jar, (await signIn(jar, 'staff@example.org', 'local-staff')).headers.get('location')!)).status).toBe(302);
    const session = jar.get('session')!;
    expect((await platform.request('/staff', { headers: { cookie: `session=${session}` } })).status).toBe(200);

    const out = await browse(jar, '/sign-out', { method: 'POST', headers: { origin: site, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('session='))).toMatch(/Max-Age=0/i);
    expect(jar.get('session')).toBeUndefined();

    // A copy of the value kept elsewhere (another tab's cookie, a script's bearer token) no longer works.
    const asCookie = await platform.request('/staff', { headers: { cookie: `session=${session}` } });
    expect(asCookie.status).toBe(401);
    expect((await platform.request('/staff/meetings', { headers: { authorization: `Bearer ${session}` } })).status).toBe(401);
    const api = await platform.request('/api/meetings', { method: 'POST', headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    // Signing out again with it changes nothing and still answers.
    expect((await platform.request('/sign-out', { method: 'POST', headers: { origin: site, cookie: `session=${session}` } })).status).toBe(303);
  });

  it('is not signed out by a link or by another site', async () => {
    const jar = new CookieJar();
    expect((await browse(jar, (await signIn(jar, 'staff@example.org', 'local-staff')).headers.get('location')!)).status).toBe(302);
    // Following a link (a GET, which another site can make) only offers the button.
    const link = await browse(jar, '/sign-out');
    expect(link.status).toBe(200);
    expect(await link.text()).toContain('<form method="post" action="/sign-out"');
    // A form on another site posting here is refused.
    const forged = await browse(jar, '/sign-out', { method: 'POST', headers: { origin: 'https://attacker.example', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(forged.status).toBe(403);
    expect((await browse(jar, '/staff')).status).toBe(200);
  });

  it('returns to the staff page the person asked for', async () => {
    const jar = new CookieJar();
    const signedIn = await signIn(jar, 'admin@example.org', 'local-admin', '/staff/meetings');
    const back = await browse(jar, signedIn.headers.get('location')!);
    expect(back.headers.get('location')).toBe('/staff/meetings');
  });

  it('never returns to another site after sign-in', async () => {
    const jar = new CookieJar();
    const signedIn = await signIn(jar, 'staff@example.org', 'local-staff', 'https://attacker.example/');
    const back = await browse(jar, signedIn.headers.get('location')!);
    expect(back.headers.get('location')).toBe('/staff');
  });

  it('shows an error and no code for a wrong password', async () => {
    const jar = new CookieJar();
    const res = await signIn(jar, 'staff@example.org', 'wrong-password');
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('Enter a correct email address and password');
    expect(jar.get('session')).toBeUndefined();
  });

  it('rejects a callback whose state was tampered with', async () => {
    const jar = new CookieJar();
    const signedIn = await signIn(jar, 'staff@example.org', 'local-staff');
    const callback = new URL(signedIn.headers.get('location')!);
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const res = await browse(jar, callback.toString());
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Your sign-in could not be completed');
    expect(jar.get('session')).toBeUndefined();
    expect((await browse(jar, '/staff')).status).toBe(401);
  });

  it('rejects a callback from a browser that did not start the sign-in', async () => {
    const jar = new CookieJar();
    const signedIn = await signIn(jar, 'staff@example.org', 'local-staff');
    const res = await browse(new CookieJar(), signedIn.headers.get('location')!);
    expect(res.status).toBe(400);
  });

  it('does not accept the same code twice', async () => {
    const jar = new CookieJar();
    const signedIn = await signIn(jar, 'staff@example.org', 'local-staff');
    const callback = signedIn.headers.get('location')!;
    const flow = jar.get('sign_in_flow')!;
    expect((await browse(jar, callback)).status).toBe(302);
    const replay = new CookieJar();
    replay.take(new Response(null, { headers: { 'set-cookie': `sign_in_flow=${flow}; Path=/sign-in` } }));
    expect((await browse(replay, callback)).status).toBe(400);
  });

  it('signs in someone with no role, who is then refused the staff console', async () => {
    const jar = new CookieJar();
    const signedIn = await signIn(jar, 'resident@example.org', 'local-none');
    expect((await browse(jar, signedIn.headers.get('location')!)).status).toBe(302);
    expect((await browse(jar, '/staff')).status).toBe(403);
  });
});
