import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateIssuerKeys, type IssuerKeys } from './issuer-keys.js';
import { createIssuerApp, durationSeconds, localAccounts, mintToken } from './issuer.js';

const issuer = 'http://localhost:3000/local-auth';
const origin = 'http://localhost:3000';
const clientId = 'local-staff-console';
const redirectUri = `${origin}/sign-in/callback`;

let keys: IssuerKeys;
let clock = Date.now();
let app: ReturnType<typeof createIssuerApp>;

beforeAll(async () => {
  keys = await generateIssuerKeys();
  app = createIssuerApp({ issuer, publicBaseUrl: origin, clientId, keys, now: () => clock });
});

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

const authorizeParams = (challenge: string, extra: Record<string, string> = {}) => ({
  response_type: 'code',
  client_id: clientId,
  redirect_uri: redirectUri,
  state: 'state-123',
  scope: 'openid email profile',
  code_challenge: challenge,
  code_challenge_method: 'S256',
  ...extra,
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
  body: new URLSearchParams(fields).toString(),
});

async function signIn(challenge: string, email = 'staff@example.org', password = 'local-staff') {
  return app.request('/oauth2/authorize', form({ ...authorizeParams(challenge), email, password }));
}

async function codeFor(challenge: string, email?: string, password?: string) {
  const res = await signIn(challenge, email, password);
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

const exchange = (fields: Record<string, string>) =>
  app.request('/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: redirectUri, ...fields }).toString(),
  });

describe('local issuer discovery', () => {
  it('describes itself as an OpenID provider at its own URL', async () => {
    const res = await app.request('/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/oauth2/authorize`,
      token_endpoint: `${issuer}/oauth2/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('publishes the public key only', async () => {
    const { keys: published } = (await (await app.request('/.well-known/jwks.json')).json()) as { keys: Record<string, unknown>[] };
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ kty: 'RSA', kid: keys.kid, alg: 'RS256', use: 'sig' });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(published[0]).not.toHaveProperty(secret);
  });
});

describe('local issuer sign-in page', () => {
  it('shows an email and password form that posts back with the request, escaped', async () => {
    const { challenge } = pkce();
    const query = new URLSearchParams(authorizeParams(challenge, { state: '"><script>alert(1)</script>' }));
    const res = await app.request(`/oauth2/authorize?${query}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/local-auth/oauth2/authorize"');
    expect(html).toContain('id="email" name="email" type="email"');
    expect(html).toContain('id="password" name="password" type="password"');
    expect(html).toContain(`name="code_challenge" value="${challenge}"`);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses to send a code to another site, without redirecting there', async () => {
    const { challenge } = pkce();
    const query = new URLSearchParams(authorizeParams(challenge, { redirect_uri: 'https://attacker.example/callback' }));
    const res = await app.request(`/oauth2/authorize?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const posted = await app.request('/oauth2/authorize', form({ ...authorizeParams(challenge, { redirect_uri: 'https://attacker.example/cb' }), email: 'staff@example.org', password: 'local-staff' }));
    expect(posted.status).toBe(400);
    expect(posted.headers.get('location')).toBeNull();
  });

  it('refuses an unknown client and requests without S256 PKCE', async () => {
    const { challenge } = pkce();
    const refused: Record<string, string>[] = [{ client_id: 'someone-else' }, { code_challenge_method: 'plain' }, { code_challenge: 'short' }, { response_type: 'token' }];
    for (const extra of refused) {
      const res = await app.request(`/oauth2/authorize?${new URLSearchParams(authorizeParams(challenge, extra))}`);
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
  });

  it('shows an error summary for a wrong password, keeping the email but not the password', async () => {
    const res = await signIn(pkce().challenge, 'staff@example.org', 'not-the-password');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Error: Sign in');
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('<a href="#email">Enter a correct email address and password</a>');
    expect(html).toContain('value="staff@example.org"');
    expect(html).not.toContain('not-the-password');
  });

  it('names each missing field', async () => {
    const html = await (await signIn(pkce().challenge, '', '')).text();
    expect(html).toContain('<a href="#email">Enter your email address</a>');
    expect(html).toContain('<a href="#password">Enter your password</a>');
  });

  it('accepts sign-in forms only from its own pages', async () => {
    const { challenge } = pkce();
    const fields = new URLSearchParams({ ...authorizeParams(challenge), email: 'staff@example.org', password: 'local-staff' });
    const res = await app.request('/oauth2/authorize', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://attacker.example' },
      body: fields.toString(),
    });
    expect(res.status).toBe(403);
  });

  it('answers a sign-in form it cannot read (a broken multipart body) with 400, not 500', async () => {
    const res = await app.request('/oauth2/authorize', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=nope', origin },
      body: '--wrong\r\nbroken',
    });
    expect(res.status).toBe(400);
  });

  it('sends the person back with a code and the state', async () => {
    const res = await signIn(pkce().challenge, 'Staff@Example.org');
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('local issuer token endpoint', () => {
  it('exchanges a code and its PKCE verifier for tokens shaped like Cognito’s', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge, 'admin@example.org', 'local-admin');
    const res = await exchange({ code, code_verifier: verifier });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const jwks = createLocalJWKSet({ keys: [keys.publicJwk] });
    const { payload } = await jwtVerify(String(body['id_token']), jwks, { issuer, audience: clientId });
    expect(payload).toMatchObject({ sub: 'local-admin', email: 'admin@example.org', name: 'Alex Admin', 'cognito:groups': ['admin'], token_use: 'id' });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(decodeProtectedHeader(String(body['id_token']))).toMatchObject({ alg: 'RS256', kid: keys.kid });
    const access = await jwtVerify(String(body['access_token']), jwks, { issuer });
    expect(access.payload).toMatchObject({ client_id: clientId, token_use: 'access', 'cognito:groups': ['admin'] });
  });

  it('accepts each code once', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect((await exchange({ code, code_verifier: verifier })).status).toBe(200);
    const again = await exchange({ code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a verifier that does not match the challenge, and burns the code', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const wrong = await exchange({ code, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await exchange({ code, code_verifier: verifier })).status).toBe(400);
  });

  it('refuses a code after 5 minutes', async () => {
    const start = clock;
    try {
      const fresh = pkce();
      const early = await codeFor(fresh.challenge);
      clock = start + 5 * 60 * 1000 - 1000;
      expect((await exchange({ code: early, code_verifier: fresh.verifier })).status).toBe(200);
      const late = pkce();
      const code = await codeFor(late.challenge);
      clock += 5 * 60 * 1000;
      const res = await exchange({ code, code_verifier: late.verifier });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    } finally {
      clock = start;
    }
  });

  it('refuses a code presented with another redirect_uri or client', async () => {
    const mismatches: Record<string, string>[] = [{ redirect_uri: `${origin}/elsewhere` }, { client_id: 'someone-else' }];
    for (const extra of mismatches) {
      const { verifier, challenge } = pkce();
      const code = await codeFor(challenge);
      const res = await exchange({ code, code_verifier: verifier, ...extra });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    }
  });

  it('refuses other grants and malformed requests', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect(await (await exchange({ code, code_verifier: verifier, grant_type: 'password' })).json()).toMatchObject({
      error: 'unsupported_grant_type',
    });
    expect(await (await exchange({ code: 'x' })).json()).toMatchObject({ error: 'invalid_request' });
    const json = await app.request('/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
  });
});

describe('mintToken', () => {
  it('makes tokens for each seeded account, expiring when asked', async () => {
    const jwks = createLocalJWKSet({ keys: [keys.publicJwk] });
    for (const account of localAccounts) {
      const role = account.groups[0] ?? 'none';
      const token = await mintToken({ role, keys, issuer, clientId, expiresIn: '15m' });
      const { payload } = await jwtVerify(token, jwks, { issuer, audience: clientId });
      expect(payload).toMatchObject({ email: account.email, 'cognito:groups': account.groups });
      expect(payload.exp! - payload.iat!).toBe(900);
    }
    const expired = await mintToken({ keys, issuer, clientId, expiresIn: -60 });
    await expect(jwtVerify(expired, jwks, { issuer })).rejects.toThrow(/exp/);
  });

  it('reads durations as people write them', () => {
    expect(durationSeconds('90')).toBe(90);
    expect(durationSeconds('90s')).toBe(90);
    expect(durationSeconds('15m')).toBe(900);
    expect(durationSeconds('1h')).toBe(3600);
    expect(durationSeconds('2d')).toBe(172800);
    expect(durationSeconds(-60)).toBe(-60);
    expect(() => durationSeconds('soon')).toThrow('not a duration');
  });
});
