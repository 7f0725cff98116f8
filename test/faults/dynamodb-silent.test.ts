/**
 * DynamoDB takes the connection and never answers (a network black hole, an overloaded endpoint): the
 * person is told to try again (503 with Retry-After) once the configured timeout has run out for each of
 * the SDK's tries, instead of the request hanging until API Gateway gives up at 29 seconds with an
 * error page of its own. The SDK only warns about a request past its `requestTimeout` unless told to
 * throw (core/store/dynamo.ts).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../local/ports.js';
import { newId } from '../../functions/core/ids.js';
import { app } from '../../functions/meetings/app.js';

let server: Server;
const held = new Set<Socket>();

beforeAll(async () => {
  const port = await freePort();
  server = createServer((socket) => {
    held.add(socket); // read nothing, answer nothing
    socket.on('error', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  vi.stubEnv('DYNAMODB_ENDPOINT', `http://127.0.0.1:${port}`);
  vi.stubEnv('DYNAMODB_TIMEOUT_MS', '1000');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('when DynamoDB stops answering', () => {
  it('answers a registration 503 with Retry-After instead of hanging', async () => {
    const response = await app.request(`/api/meetings/${newId()}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Patient Resident', email: 'patient@example.org', places: 1, privacyAccepted: true }),
    });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
  });
});
