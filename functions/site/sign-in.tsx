/**
 * Staff sign-in with the OAuth 2.0 authorisation code flow and PKCE. The same code talks to Cognito's
 * hosted sign-in in AWS and to the local issuer under `npm start`. The ID token becomes an HttpOnly
 * session cookie, verified on every staff request by `requireRole`.
 *
 * Sign-out is a form post (so the origin check stops another site signing staff out) that ends the
 * session itself, not only the cookie: the token is recorded as signed out (core/http/signed-out.ts),
 * so a copy of it, as a cookie or a bearer token, gets 401 from then on.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE, sessionToken, verifyStaffToken, type AppEnv } from '../core/http/auth.js';
import { config } from '../core/config.js';
import { HttpError } from '../core/http/errors.js';
import { endSession } from '../core/http/signed-out.js';
import { Layout } from '../core/ui/layout.js';

const FLOW_COOKIE = 'sign_in_flow';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** Only local staff paths may be returned to, never another site. */
const safeReturnTo = (value: string | undefined) => (value && /^\/staff(\/|$|\?)/.test(value) ? value : '/staff');

const callbackUrl = () => `${config().publicBaseUrl}/sign-in/callback`;

export function signInRoutes(app: Hono<AppEnv>) {
  app.get('/sign-in', (c) => {
    const { auth, secureCookies } = config();
    const state = base64url(randomBytes(24));
    const verifier = base64url(randomBytes(32));
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    setCookie(c, FLOW_COOKIE, JSON.stringify({ state, verifier, returnTo: safeReturnTo(c.req.query('returnTo')) }), {
      httpOnly: true,
      secure: secureCookies,
      sameSite: 'Lax',
      path: '/sign-in',
      maxAge: 600,
    });
    const url = new URL(auth.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: auth.clientId,
      redirect_uri: callbackUrl(),
      scope: 'openid email profile',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return c.redirect(url.toString(), 302);
  });

  app.get('/sign-in/callback', async (c) => {
    const { auth, secureCookies } = config();
    const flow = parseFlow(getCookie(c, FLOW_COOKIE));
    const code = c.req.query('code');
    if (!flow || !code || c.req.query('state') !== flow.state) {
      throw new HttpError(400, 'sign_in_failed', 'Your sign-in could not be completed. Start again from the sign-in page');
    }
    const response = await fetch(auth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: auth.clientId,
        code,
        redirect_uri: callbackUrl(),
        code_verifier: flow.verifier,
      }),
    });
    const tokens = (await response.json().catch(() => ({}))) as { id_token?: string; expires_in?: number };
    if (!response.ok || !tokens.id_token) {
      throw new HttpError(400, 'sign_in_failed', 'Your sign-in could not be completed. Start again from the sign-in page');
    }
    await verifyStaffToken(tokens.id_token);
    deleteCookie(c, FLOW_COOKIE, { path: '/sign-in' });
    setCookie(c, SESSION_COOKIE, tokens.id_token, {
      httpOnly: true,
      secure: secureCookies,
      sameSite: 'Lax',
      path: '/',
      maxAge: tokens.expires_in ?? 3600,
    });
    return c.redirect(flow.returnTo, 302);
  });

  app.post('/sign-out', async (c) => {
    const token = sessionToken(c);
    if (token) {
      try {
        const { expiresAt } = await verifyStaffToken(token);
        await endSession(token, expiresAt!);
      } catch (error) {
        // Already expired, signed out or never valid: there is no session left to end.
        if (!(error instanceof HttpError && error.status === 401)) throw error;
      }
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config().secureCookies, httpOnly: true, sameSite: 'Lax' });
    return c.redirect('/', 303);
  });

  // Following an old link or bookmark signs no one out: it offers the button.
  app.get('/sign-out', (c) =>
    c.html(
      <Layout title="Sign out">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h1 class="govuk-heading-l">Sign out</h1>
            <p class="govuk-body">Sign out of the staff console on this device.</p>
            <form method="post" action="/sign-out" novalidate>
              <button type="submit" class="govuk-button" data-module="govuk-button">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </Layout>,
    ),
  );
}

function parseFlow(value: string | undefined): { state: string; verifier: string; returnTo: string } | undefined {
  try {
    const flow = JSON.parse(value ?? '');
    return typeof flow.state === 'string' && typeof flow.verifier === 'string'
      ? { state: flow.state, verifier: flow.verifier, returnTo: safeReturnTo(flow.returnTo) }
      : undefined;
  } catch {
    return undefined;
  }
}
