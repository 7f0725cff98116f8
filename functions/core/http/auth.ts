/**
 * Staff authentication: a bearer JWT (scripts, the API) or the `session` cookie (the staff console),
 * verified against the issuer's JWKS with `jose`. In AWS the issuer is Cognito; under `npm start` it is
 * the local issuer in `local/issuer.tsx`. Both go through `verifyStaffToken`, which also refuses a
 * session that has been signed out (signed-out.ts).
 *
 *   app.get('/staff/meetings', requireRole('staff'), (c) => ...)
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { config } from '../config.js';
import { forbidden, unauthorised } from './errors.js';
import { hasSignedOut } from './signed-out.js';

/**
 * `staff` runs the platform day to day; `admin` can do everything staff can, and alone takes the few
 * destructive or organisation-wide actions (taking down published results, deleting a logged visit,
 * importing the council list): see docs/decisions.md.
 */
export const roles = ['staff', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface StaffUser {
  id: string;
  email?: string;
  name?: string;
  roles: Role[];
  /** When the token expires (epoch seconds). */
  expiresAt?: number;
}

export interface AppEnv {
  Variables: { user?: StaffUser };
}

export const SESSION_COOKIE = 'session';

const MAX_TOKEN_SECONDS = 24 * 3600;
const MAX_TOKEN_AGE = '24h';

let jwks: { url: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;

function keySet() {
  const url = config().auth.jwksUrl;
  if (jwks?.url !== url) jwks = { url, keys: createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000 }) };
  return jwks.keys;
}

/**
 * Verifies signature, issuer, expiry (required, at most a day) and audience (`aud` on ID tokens,
 * `client_id` on Cognito access tokens), then that the session has not been signed out.
 */
export async function verifyStaffToken(token: string): Promise<StaffUser> {
  const { issuer, clientId, groupsClaim } = config().auth;
  let payload: JWTPayload;
  try {
    // A token must say when it was issued and when it expires, and may not live longer than a day
    // (Cognito's longest ID token); one with no `exp` would otherwise never expire.
    ({ payload } = await jwtVerify(token, keySet(), { issuer, algorithms: ['RS256'], requiredClaims: ['exp', 'iat'], maxTokenAge: MAX_TOKEN_AGE }));
    if (payload.exp! - payload.iat! > MAX_TOKEN_SECONDS) throw new Error('lifetime too long');
  } catch {
    throw unauthorised('Your sign-in is not valid or has expired');
  }
  const audiences = [payload.aud, payload['client_id']].flat().filter(Boolean);
  if (!audiences.includes(clientId)) throw unauthorised('Your sign-in is not valid for this service');
  // Only a token that would otherwise be accepted costs a read.
  if (await hasSignedOut(token)) throw unauthorised('You have signed out. Sign in again');
  const groups = payload[groupsClaim];
  const granted = Array.isArray(groups) ? roles.filter((role) => groups.includes(role)) : [];
  return {
    id: String(payload.sub),
    email: typeof payload['email'] === 'string' ? payload['email'] : undefined,
    name: typeof payload['name'] === 'string' ? payload['name'] : undefined,
    roles: granted,
    expiresAt: payload.exp!,
  };
}

/** Admins can do everything staff can. */
export function hasRole(user: StaffUser, role: Role): boolean {
  return user.roles.includes('admin') || user.roles.includes(role);
}

/** The token a request carries: a bearer token, else the session cookie. */
export function sessionToken(c: Context): string | undefined {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? getCookie(c, SESSION_COOKIE);
}

/**
 * Rejects with 401 (no or bad token) or 403 (signed in, wrong role); otherwise sets `c.var.user`.
 * The middleware says which role it demands (`requiredRole`), so the auth walk finds admin-only pages.
 */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> & { requiredRole: Role } {
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    // A guard earlier in this request (e.g. createApp's on /staff/*) has verified the token already.
    let user = c.get('user');
    if (!user) {
      const token = sessionToken(c);
      if (!token) throw unauthorised();
      user = await verifyStaffToken(token);
    }
    if (!hasRole(user, role)) throw forbidden();
    c.set('user', user);
    await next();
  };
  return Object.assign(guard, { requiredRole: role });
}

/** The role a route handler (a requireRole guard) demands, if it is one. */
export const requiredRoleOf = (handler: unknown): Role | undefined => (handler as { requiredRole?: Role } | undefined)?.requiredRole;

/**
 * Whether the person signed in may take the admin-only actions (see docs/decisions.md): pages offer
 * those actions only to them.
 */
export function isAdmin(c: Context<AppEnv>): boolean {
  const user = c.get('user');
  return user !== undefined && user.roles.includes('admin');
}
