/**
 * The local issuer's RS256 key pair, made on first use and kept in `.local/issuer-keys.json`, so tokens
 * and sessions survive a restart of `npm start` and `npm run token` signs with the key `npm start` publishes.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';

export interface IssuerKeys {
  kid: string;
  /** What the JWKS endpoint publishes. */
  publicJwk: JWK;
  privateKey: CryptoKey;
}

const storedKeys = z.object({
  kid: z.string().min(1),
  publicJwk: z.looseObject({ kty: z.literal('RSA'), n: z.string(), e: z.string() }),
  privateJwk: z.looseObject({ kty: z.literal('RSA'), d: z.string() }),
});

/** A fresh key pair that is never written anywhere (tests use one to sign tokens the issuer must reject). */
export async function generateIssuerKeys(kid?: string): Promise<IssuerKeys & { privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const id = kid ?? (await calculateJwkThumbprint(publicJwk));
  return {
    kid: id,
    publicJwk: { ...publicJwk, kid: id, alg: 'RS256', use: 'sig' },
    privateJwk: { ...privateJwk, kid: id, alg: 'RS256' },
    privateKey,
  };
}

async function readKeys(file: string): Promise<IssuerKeys> {
  const stored = storedKeys.parse(JSON.parse(readFileSync(file, 'utf8')));
  const privateKey = await importJWK(stored.privateJwk as JWK, 'RS256');
  if (privateKey instanceof Uint8Array) throw new Error(`${file} does not hold an RSA private key`);
  return { kid: stored.kid, publicJwk: stored.publicJwk as JWK, privateKey };
}

/** Reads the key pair from `file`, making and saving one (readable only by you) the first time. */
export async function loadIssuerKeys(file: string): Promise<IssuerKeys & { created: boolean }> {
  if (existsSync(file)) return { ...(await readKeys(file)), created: false };
  const keys = await generateIssuerKeys();
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ kid: keys.kid, publicJwk: keys.publicJwk, privateJwk: keys.privateJwk }, null, 2), {
    mode: 0o600,
  });
  // Another command may have made the file meanwhile: keep whichever landed first.
  if (existsSync(file)) {
    unlinkSync(temporary);
    return { ...(await readKeys(file)), created: false };
  }
  renameSync(temporary, file);
  return { kid: keys.kid, publicJwk: keys.publicJwk, privateKey: keys.privateKey, created: true };
}
