/**
 * Staff sign-in with the OAuth 2.0 authorisation code flow and PKCE. The same code talks to Cognito's
 * hosted sign-in in AWS and to the local issuer under `npm start`. The ID token becomes an HttpOnly
 * session cookie (pages/public.tsx), verified on every staff request by `requireRole`.
 *
 * Signing out ends the session itself, not only the cookie: the token is recorded as signed out
 * (core/http/signed-out.ts), so a copy of it, as a cookie or a bearer token, gets 401 from then on.
 *
 *   const { flow, authorizeUrl } = startSignIn(returnTo);     // flow kept in a short-lived cookie
 *   const { idToken, expiresIn } = await finishSignIn(flow, { code, state });
 */
import { createHash, randomBytes } from 'node:crypto';
import { verifyStaffToken } from '../core/http/auth.js';
import { config } from '../core/config.js';
import { HttpError } from '../core/http/errors.js';
import { endSession } from '../core/http/signed-out.js';

/** What the browser keeps between leaving for the sign-in service and coming back. */
export interface SignInFlow {
  state: string;
  verifier: string;
  returnTo: string;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** Only local staff paths may be returned to, never another site. */
const safeReturnTo = (value: string | undefined) => (value && /^\/staff(\/|$|\?)/.test(value) ? value : '/staff');

const callbackUrl = () => `${config().publicBaseUrl}/sign-in/callback`;

const failed = () => new HttpError(400, 'sign_in_failed', 'Your sign-in could not be completed. Start again from the sign-in page');

/** A new flow, and the sign-in service's address to send the browser to. */
export function startSignIn(returnTo: string | undefined): { flow: SignInFlow; authorizeUrl: string } {
  const flow = { state: base64url(randomBytes(24)), verifier: base64url(randomBytes(32)), returnTo: safeReturnTo(returnTo) };
  const url = new URL(config().auth.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config().auth.clientId,
    redirect_uri: callbackUrl(),
    scope: 'openid email profile',
    state: flow.state,
    code_challenge: base64url(createHash('sha256').update(flow.verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();
  return { flow, authorizeUrl: url.toString() };
}

/** The flow as the cookie kept it, or undefined if it is missing or not ours. */
export function parseFlow(value: string | undefined): SignInFlow | undefined {
  try {
    const flow = JSON.parse(value ?? '');
    return typeof flow.state === 'string' && typeof flow.verifier === 'string' ? { state: flow.state, verifier: flow.verifier, returnTo: safeReturnTo(flow.returnTo) } : undefined;
  } catch {
    return undefined;
  }
}

/** Exchanges the code the sign-in service sent back for a verified ID token (400 if anything is amiss). */
export async function finishSignIn(flow: SignInFlow | undefined, back: { code?: string; state?: string }): Promise<{ idToken: string; expiresIn: number }> {
  if (!flow || !back.code || back.state !== flow.state) throw failed();
  const { auth } = config();
  const response = await fetch(auth.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code: back.code, redirect_uri: callbackUrl(), code_verifier: flow.verifier }),
  });
  const tokens = (await response.json().catch(() => ({}))) as { id_token?: string; expires_in?: number };
  if (!response.ok || !tokens.id_token) throw failed();
  await verifyStaffToken(tokens.id_token);
  return { idToken: tokens.id_token, expiresIn: tokens.expires_in ?? 3600 };
}

/** Ends the session this token is: from now on it is refused everywhere until it would have expired. */
export async function signOut(token: string | undefined): Promise<void> {
  if (!token) return;
  try {
    const { expiresAt } = await verifyStaffToken(token);
    await endSession(token, expiresAt!);
  } catch (error) {
    // Already expired, signed out or never valid: there is no session left to end.
    if (!(error instanceof HttpError && error.status === 401)) throw error;
  }
}
