/**
 * Staff tokens for tests, signed with the key the test issuer publishes (see global-setup.ts), and the
 * broken ones an attacker or a stale browser would send. Apps verify them through functions/core/auth.ts.
 *
 *   await app.request('/staff', { headers: { authorization: `Bearer ${await staffToken()}` } });
 */
import { generateIssuerKeys, loadIssuerKeys, type IssuerKeys } from '../../local/issuer-keys.js';
import { mintToken, type MintTokenOptions, type TokenRole } from '../../local/issuer.js';
import { localSettings } from '../../local/settings.js';

export const staffToken = (options: MintTokenOptions = {}) => mintToken({ ...options, role: 'staff' });
export const adminToken = (options: MintTokenOptions = {}) => mintToken({ ...options, role: 'admin' });
/** A signed-in person with neither role: every staff route must answer 403. */
export const noRoleToken = (options: MintTokenOptions = {}) => mintToken({ ...options, role: 'none' });

export const tokenFor = (role: TokenRole) => mintToken({ role });

/** Expired a minute ago, otherwise valid. */
export const expiredToken = (role: TokenRole = 'staff') => mintToken({ role, expiresIn: -60 });

let impostor: Promise<IssuerKeys> | undefined;

/** Signed by a different key that claims the issuer's own key id, so only the signature gives it away. */
export async function wronglySignedToken(role: TokenRole = 'staff'): Promise<string> {
  impostor ??= loadIssuerKeys(localSettings().issuerKeysFile).then((real) => generateIssuerKeys(real.kid));
  return mintToken({ role, keys: await impostor });
}

/** Issued for another client of the same issuer. */
export const otherClientToken = (role: TokenRole = 'staff') => mintToken({ role, clientId: 'some-other-client' });

/** Claims to come from another issuer. */
export const otherIssuerToken = (role: TokenRole = 'staff') => mintToken({ role, issuer: 'https://issuer.example.org' });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Signed by the issuer's own key and otherwise valid, but with claims an attacker chose. */
async function forged(claims: { exp?: number; iat?: number }): Promise<string> {
  const { SignJWT } = await import('jose');
  const { readConfig } = await import('../../functions/core/config.js');
  const { auth } = readConfig();
  const keys = await loadIssuerKeys(localSettings().issuerKeysFile);
  const jwt = new SignJWT({ email: 'staff@example.org', [auth.groupsClaim]: ['staff'], token_use: 'id' })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(auth.issuer)
    .setSubject('local-staff')
    .setAudience(auth.clientId);
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(keys.privateKey);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** A staff token that never expires: it has no `exp`. */
export const tokenWithoutExpiry = () => forged({ iat: nowSeconds() });
/** A staff token issued now that claims to last a year. */
export const yearLongToken = () => forged({ iat: nowSeconds(), exp: nowSeconds() + 365 * 24 * 3600 });
