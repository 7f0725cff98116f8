/**
 * The local platform knows who is calling: through the real node server `npm start` runs, requests
 * from two loopback addresses (127.0.0.1 and 127.0.0.2) are two clients, each with its own rate limit,
 * and a second response from one address is flagged as the same address while the other's is not.
 * Its own table, so the rate-limit counters start from nothing.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformApp } from '../../local/server.js';
import { useOwnTable } from '../support/own-table.js';
import { anOpenConsultation, exampleAnswers } from '../../functions/consultations/fixtures.js';
import { allResponses } from '../../functions/consultations/store/responses.js';

let server: ServerType;
let port: number;
const saved = { RATE_LIMITS: process.env['RATE_LIMITS'], RATE_LIMIT_PER_CLIENT: process.env['RATE_LIMIT_PER_CLIENT'] };

beforeAll(async () => {
  await useOwnTable('client-address', { delivery: 'manual' });
  Object.assign(process.env, { RATE_LIMITS: 'on', RATE_LIMIT_PER_CLIENT: '2/600' });
  const app = await createPlatformApp();
  server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise<void>((done) => {
    server?.close(() => done());
    if (server && 'closeAllConnections' in server) server.closeAllConnections();
  });
});

/** A JSON POST to the local server over a socket bound to `from`. */
function postFrom(from: string, path: string, body: unknown): Promise<{ status: number; body: { reference?: string; error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

describe('the local server and the caller’s address', () => {
  it('keys rate limits and duplicate flags by the socket address', async () => {
    const consultation = await anOpenConsultation();
    const path = `/api/consultations/${consultation.id}/responses`;
    const answer = () => ({ answers: exampleAnswers() });

    const first = await postFrom('127.0.0.1', path, answer());
    const second = await postFrom('127.0.0.1', path, answer());
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await postFrom('127.0.0.1', path, answer());
    expect([third.status, third.body.error?.code]).toEqual([429, 'too_many_requests']);

    // Another client is not held back by the first one's limit, and is not its duplicate.
    const other = await postFrom('127.0.0.2', path, answer());
    expect(other.status).toBe(201);

    const flags = new Map((await allResponses(consultation.id)).map((r) => [r.reference, r.flags]));
    expect([flags.get(first.body.reference!), flags.get(second.body.reference!), flags.get(other.body.reference!)]).toEqual([[], ['same-address'], []]);
  });
});
