/**
 * A local stand-in for Cognito's hosted sign-in: an OpenID Connect issuer with a sign-in page, the
 * authorisation code flow with PKCE, and a JWKS. The staff console signs in against it exactly as it
 * does against Cognito, and every app verifies its tokens through functions/core/auth.ts, the same
 * path as production. Only for `npm start` and tests: it is never deployed.
 *
 *   root.route('/local-auth', createIssuerApp({ issuer, publicBaseUrl, clientId, keys }));
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { handleError, handleNotFound, securityHeaders } from '../functions/core/http/app.js';
import type { Role } from '../functions/core/http/auth.js';
import { Button, ErrorSummary, Table, TextInput, type Errors } from '../functions/core/ui/components.js';
import { readConfig } from '../functions/core/config.js';
import { HttpError, validationError } from '../functions/core/http/errors.js';
import { fieldErrors } from '../functions/core/validation.js';
import { Layout } from '../functions/core/ui/layout.js';
import { loadIssuerKeys, type IssuerKeys } from './issuer-keys.js';
import { localSettings } from './settings.js';

export interface LocalAccount {
  sub: string;
  email: string;
  name: string;
  /** Local only, printed by `npm start`: these accounts exist nowhere else. */
  password: string;
  groups: Role[];
}

/** One account per kind of person: an admin, a member of staff, and someone with no role (for 403s). */
export const localAccounts: readonly LocalAccount[] = [
  { sub: 'local-admin', email: 'admin@example.org', name: 'Alex Admin', password: 'local-admin', groups: ['admin'] },
  { sub: 'local-staff', email: 'staff@example.org', name: 'Sam Staff', password: 'local-staff', groups: ['staff'] },
  { sub: 'local-resident', email: 'resident@example.org', name: 'Robin Resident', password: 'local-none', groups: [] },
];

export type TokenRole = Role | 'none';

export const accountFor = (role: TokenRole): LocalAccount =>
  localAccounts.find((a) => (role === 'none' ? a.groups.length === 0 : a.groups.includes(role)))!;

const TOKEN_LIFETIME_SECONDS = 3600;
const CODE_LIFETIME_MS = 5 * 60 * 1000;

/** `90`, `90s`, `15m`, `1h`, `2d` → seconds. Numbers are seconds, and may be negative (already expired). */
export function durationSeconds(value: string | number): number {
  if (typeof value === 'number') return Math.trunc(value);
  const match = value.trim().match(/^(-?\d+)\s*(s|m|h|d)?$/);
  if (!match) throw new Error(`"${value}" is not a duration: use e.g. 90s, 15m, 1h or 2d`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}

export interface MintTokenOptions {
  /** Whose token: the seeded account with this role (`none`: the account with no role). Default `staff`. */
  role?: TokenRole;
  /** How long until it expires: `1h` (default), `15m`, or seconds (negative for an expired token). */
  expiresIn?: string | number;
  /** Defaults to `.local/issuer-keys.json` (or ISSUER_KEYS_FILE), made if missing. */
  keys?: IssuerKeys;
  /** Defaults to AUTH_ISSUER, as the apps read it. */
  issuer?: string;
  /** Defaults to AUTH_CLIENT_ID. */
  clientId?: string;
  /** `id` (default) carries `aud`; `access` carries `client_id`, as Cognito's do. */
  use?: 'id' | 'access';
  /** Overrides the account's groups, e.g. `['auditor']`. */
  groups?: string[];
  nonce?: string;
  /** Overrides the account, e.g. for a token for someone not seeded. */
  account?: Omit<LocalAccount, 'password'>;
}

/** A signed JWT shaped like Cognito's, for `npm run token`, tests and the issuer's token endpoint. */
export async function mintToken(options: MintTokenOptions = {}): Promise<string> {
  const { auth } = readConfig();
  const keys = options.keys ?? (await loadIssuerKeys(localSettings().issuerKeysFile));
  const account = options.account ?? accountFor(options.role ?? 'staff');
  const lifetime = durationSeconds(options.expiresIn ?? TOKEN_LIFETIME_SECONDS);
  const now = Math.floor(Date.now() / 1000);
  const expires = now + lifetime;
  const issuedAt = lifetime > 0 ? now : expires - TOKEN_LIFETIME_SECONDS;
  const clientId = options.clientId ?? auth.clientId;
  const use = options.use ?? 'id';
  const jwt = new SignJWT({
    email: account.email,
    name: account.name,
    [auth.groupsClaim]: options.groups ?? [...account.groups],
    token_use: use,
    ...(use === 'access' ? { client_id: clientId, scope: 'openid email profile' } : { auth_time: issuedAt }),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer((options.issuer ?? auth.issuer).replace(/\/$/, ''))
    .setSubject(account.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .setJti(randomBytes(16).toString('base64url'));
  if (use === 'id') jwt.setAudience(clientId);
  return jwt.sign(keys.privateKey);
}

export interface IssuerOptions {
  /** The issuer's own URL, where it is mounted, e.g. `http://localhost:3000/local-auth`. */
  issuer: string;
  /** Sign-in may only send people back to this origin. */
  publicBaseUrl: string;
  clientId: string;
  keys: IssuerKeys;
  /** The clock, in milliseconds; tests move it to expire codes. */
  now?: () => number;
}

const authorizeRequest = z.object({
  response_type: z.literal('code', { error: 'Only the authorisation code flow (response_type=code) is supported' }),
  client_id: z.string({ error: 'Name the client (client_id)' }).min(1),
  redirect_uri: z.url({ error: 'Give the address to return to (redirect_uri)' }),
  state: z.string().max(1024).optional(),
  scope: z.string().max(1024).optional(),
  nonce: z.string().max(1024).optional(),
  code_challenge: z
    .string({ error: 'Send a PKCE code challenge (code_challenge)' })
    .regex(/^[A-Za-z0-9_-]{43}$/, 'The PKCE code challenge must be a base64url SHA-256 hash'),
  code_challenge_method: z.literal('S256', { error: 'Use the S256 PKCE method (code_challenge_method=S256)' }),
});
type AuthorizeRequest = z.infer<typeof authorizeRequest>;

const credentials = z.object({
  email: z.string().trim().min(1, 'Enter your email address'),
  password: z.string().min(1, 'Enter your password'),
});

const tokenRequest = z.object({
  grant_type: z.string(),
  code: z.string().min(1),
  redirect_uri: z.string().min(1),
  client_id: z.string().min(1),
  code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/),
});

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  account: LocalAccount;
  expiresAt: number;
}

const sameText = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

function SignInPage(props: { action: string; request: AuthorizeRequest; email?: string; errors: Errors }) {
  const { action, request, email, errors } = props;
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <Layout title="Sign in" hasErrors={hasErrors}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span class="govuk-caption-l">Local sign-in</span>
          <h1 class="govuk-heading-l">Sign in to the staff console</h1>
          <p class="govuk-body">
            This page stands in for the organisation's sign-in service while the platform runs on your computer.
          </p>
          <form method="post" action={action} novalidate>
            {Object.entries(request).map(([name, value]) =>
              value === undefined ? null : <input type="hidden" name={name} value={value} />,
            )}
            <TextInput
              name="email"
              label="Email address"
              type="email"
              autocomplete="username"
              spellcheck={false}
              value={email}
              error={errors['email']}
            />
            <TextInput name="password" label="Password" type="password" autocomplete="current-password" error={errors['password']} />
            <Button>Sign in</Button>
          </form>
          <details class="govuk-details">
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">Local accounts</span>
            </summary>
            <div class="govuk-details__text">
              <Table
                head={['Email address', 'Password', 'Role']}
                rows={localAccounts.map((a) => [a.email, a.password, a.groups.join(', ') || 'none'])}
              />
            </div>
          </details>
        </div>
      </div>
    </Layout>
  );
}

/** A form body, or a 400 when it cannot be read (a malformed multipart body is the client's fault, not ours). */
async function readBody(c: Context): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody();
  } catch {
    throw new HttpError(400, 'malformed_form', 'The form could not be read');
  }
}

/** OAuth errors from the token endpoint use the protocol's own shape (RFC 6749 §5.2), as Cognito's do. */
const oauthError = (c: Context, error: string, description: string) =>
  c.json({ error, error_description: description }, 400, { 'cache-control': 'no-store' });

export function createIssuerApp(options: IssuerOptions): Hono {
  const issuer = options.issuer.replace(/\/$/, '');
  const issuerUrl = new URL(issuer);
  const allowedOrigin = new URL(options.publicBaseUrl).origin;
  const now = options.now ?? Date.now;
  const action = `${issuerUrl.pathname.replace(/\/$/, '')}/oauth2/authorize`;
  const codes = new Map<string, IssuedCode>();

  /** Rejects requests that could send a code anywhere but our own site, without redirecting. */
  function checkAuthorizeRequest(input: Record<string, unknown>): AuthorizeRequest {
    const parsed = authorizeRequest.safeParse(input);
    if (!parsed.success) throw validationError(fieldErrors(parsed.error.issues));
    const request = parsed.data;
    if (request.client_id !== options.clientId) throw new HttpError(400, 'unknown_client', 'This sign-in request names an unknown client');
    if (new URL(request.redirect_uri).origin !== allowedOrigin) {
      throw new HttpError(400, 'redirect_not_allowed', `Sign-in can only return to ${allowedOrigin}`);
    }
    return request;
  }

  const app = new Hono();
  app.use(securityHeaders());
  app.notFound(handleNotFound);
  app.onError(handleError);

  app.get('/.well-known/openid-configuration', (c) =>
    c.json({
      issuer,
      authorization_endpoint: `${issuer}/oauth2/authorize`,
      token_endpoint: `${issuer}/oauth2/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ['openid', 'email', 'profile'],
      claims_supported: ['sub', 'email', 'name', 'cognito:groups'],
    }),
  );

  app.get('/.well-known/jwks.json', (c) => c.json({ keys: [options.keys.publicJwk] }));

  app.get('/oauth2/authorize', (c) => {
    const request = checkAuthorizeRequest(c.req.query());
    return c.html(<SignInPage action={action} request={request} errors={{}} />);
  });

  // The sign-in form posts only from this issuer's own page.
  app.post('/oauth2/authorize', csrf({ origin: issuerUrl.origin }), async (c) => {
    const form = await readBody(c);
    const request = checkAuthorizeRequest(form);
    const given = credentials.safeParse(form);
    const email = typeof form['email'] === 'string' ? form['email'].trim() : undefined;
    if (!given.success) {
      const errors: Errors = {};
      for (const issue of given.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return c.html(<SignInPage action={action} request={request} email={email} errors={errors} />, 400);
    }
    const account = localAccounts.find(
      (a) => sameText(a.email, given.data.email.toLowerCase()) && sameText(a.password, given.data.password),
    );
    if (!account) {
      const errors = { email: 'Enter a correct email address and password' };
      return c.html(<SignInPage action={action} request={request} email={email} errors={errors} />, 400);
    }
    for (const [code, issued] of codes) if (issued.expiresAt <= now()) codes.delete(code);
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      clientId: request.client_id,
      redirectUri: request.redirect_uri,
      challenge: request.code_challenge,
      nonce: request.nonce,
      account,
      expiresAt: now() + CODE_LIFETIME_MS,
    });
    const back = new URL(request.redirect_uri);
    back.searchParams.set('code', code);
    if (request.state !== undefined) back.searchParams.set('state', request.state);
    return c.redirect(back.toString(), 302);
  });

  app.post('/oauth2/token', async (c) => {
    if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) {
      return oauthError(c, 'invalid_request', 'Send the token request as application/x-www-form-urlencoded');
    }
    const parsed = tokenRequest.safeParse(await readBody(c));
    if (!parsed.success) return oauthError(c, 'invalid_request', 'The token request is missing or has invalid parameters');
    const request = parsed.data;
    if (request.grant_type !== 'authorization_code') {
      return oauthError(c, 'unsupported_grant_type', 'Only the authorization_code grant is supported');
    }
    const issued = codes.get(request.code);
    codes.delete(request.code); // A code is good for one attempt, right or wrong.
    if (!issued || issued.expiresAt <= now()) return oauthError(c, 'invalid_grant', 'The code is unknown, used or expired');
    if (issued.clientId !== request.client_id || issued.redirectUri !== request.redirect_uri) {
      return oauthError(c, 'invalid_grant', 'The code was issued to another client or redirect_uri');
    }
    const challenge = createHash('sha256').update(request.code_verifier).digest('base64url');
    if (!sameText(challenge, issued.challenge)) return oauthError(c, 'invalid_grant', 'The PKCE code verifier does not match');
    const common = { keys: options.keys, issuer, clientId: options.clientId, account: issued.account, expiresIn: TOKEN_LIFETIME_SECONDS };
    const [idToken, accessToken] = await Promise.all([
      mintToken({ ...common, use: 'id', nonce: issued.nonce }),
      mintToken({ ...common, use: 'access' }),
    ]);
    return c.json(
      { id_token: idToken, access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS },
      200,
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  });

  return app;
}
