/**
 * The site's public pages, and staff sign-in and sign-out (the session cookie is set and cleared here;
 * the flow itself is signing-in.ts). Signing out is a form post, so another site cannot sign staff out.
 *
 *   GET       /                      home: what residents can do, one section per capability
 *   GET       /privacy, /accessibility   the privacy notice and the accessibility statement
 *   GET       /sign-in?returnTo=…    off to the sign-in service (Cognito, or the local issuer)
 *   GET       /sign-in/callback      back from it: the session cookie, then where they were going
 *   GET/POST  /sign-out              the button; posting it ends the session
 */
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { config } from '../../core/config.js';
import { SESSION_COOKIE, sessionToken, type AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { finishSignIn, parseFlow, signOut, startSignIn } from '../signing-in.js';
import { AccessibilityStatementPage } from './accessibility.js';
import { HomePage } from './home.js';
import { PrivacyNoticePage } from './privacy.js';
import { SignOutPage } from './sign-out.js';

const FLOW_COOKIE = 'sign_in_flow';

export function publicPages(app: Hono<AppEnv>): void {
  app.get('/', (c) => c.html(<HomePage />));
  app.get('/privacy', (c) => c.html(<PrivacyNoticePage />));
  app.get('/accessibility', (c) => c.html(<AccessibilityStatementPage />));

  app.get('/sign-in', (c) => {
    const { flow, authorizeUrl } = startSignIn(c.req.query('returnTo'));
    setCookie(c, FLOW_COOKIE, JSON.stringify(flow), { httpOnly: true, secure: config().secureCookies, sameSite: 'Lax', path: '/sign-in', maxAge: 600 });
    return c.redirect(authorizeUrl, 302);
  });

  app.get('/sign-in/callback', async (c) => {
    const flow = parseFlow(getCookie(c, FLOW_COOKIE));
    const { idToken, expiresIn } = await finishSignIn(flow, { code: c.req.query('code'), state: c.req.query('state') });
    deleteCookie(c, FLOW_COOKIE, { path: '/sign-in' });
    setCookie(c, SESSION_COOKIE, idToken, { httpOnly: true, secure: config().secureCookies, sameSite: 'Lax', path: '/', maxAge: expiresIn });
    return c.redirect(flow!.returnTo, 302);
  });

  app.get('/sign-out', (c) => c.html(<SignOutPage />));

  formRoute(app, '/sign-out', {
    // What it acts on is this request's own session and cookie.
    load: (c) => c,
    act: async (_, c) => {
      await signOut(sessionToken(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config().secureCookies, httpOnly: true, sameSite: 'Lax' });
    },
    done: () => '/',
    again: () => <SignOutPage />,
  });
}
