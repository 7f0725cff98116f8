/**
 * DynamoDB dies in the middle of a rush of registrations (its own DynamoDB Local, killed outright).
 * Every answer is either a success or a 503 with Retry-After that says nothing was lost, never a 500;
 * every registration that was answered with success is there when DynamoDB comes back, and the
 * decider (woken by hand here, as the stream's retry would) decides them all, nothing half-done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dynamoDbLocalProcessesUsing, startDynamoDbLocal, type RunningService } from '../../local/dynamodb.js';
import { freePort } from '../../local/ports.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';
import { app } from '../../functions/meetings/app.js';
import { aMeeting, decideWaiting } from '../../functions/meetings/fixtures.js';
import { getMeeting } from '../../functions/meetings/meetings.js';
import { listRegistrations } from '../../functions/meetings/registrations.js';
import { registrationIdForEmail } from '../../functions/meetings/store/registrations.js';

const dataDir = mkdtempSync(join(tmpdir(), 'outage-'));
let port: number;
let dynamo: RunningService | undefined;

async function startDynamo() {
  dynamo = await startDynamoDbLocal({ port, dataDir });
}

beforeAll(async () => {
  port = await freePort();
  await startDynamo();
  const client = localDynamoClient(dynamo!.endpoint);
  await ensureTable(client, 'outage');
  client.destroy();
  vi.stubEnv('DYNAMODB_ENDPOINT', dynamo!.endpoint);
  vi.stubEnv('TABLE_NAME', 'outage');
  // As in AWS: a call that cannot get through fails within seconds, and the person is told to try again.
  vi.stubEnv('DYNAMODB_TIMEOUT_MS', '2000');
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await dynamo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const register = async (meetingId: string, email: string) => {
  const response = await app.request(`/api/meetings/${meetingId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Rush Resident', email, places: 1, privacyAccepted: true }),
  });
  return { email, status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
};

describe('when DynamoDB dies during a rush', () => {
  it('answers 503, never 500, and keeps every registration it answered with success', async () => {
    const meeting = await aMeeting({ capacity: 1000 });
    const emails = Array.from({ length: 240 }, (_, i) => `outage-${i}-${meeting.id}@example.org`);
    const answers: Awaited<ReturnType<typeof register>>[] = [];
    let next = 0;
    const worker = async () => {
      while (next < emails.length) {
        const email = emails[next++]!;
        answers.push(await register(meeting.id, email));
        // Partway through, with requests in flight, DynamoDB goes: killed, not stopped.
        if (answers.length === 60) for (const pid of dynamoDbLocalProcessesUsing(dataDir)) process.kill(pid, 'SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));

    const statuses = answers.map((a) => a.status);
    expect(statuses).not.toContain(500);
    expect(new Set(statuses)).toEqual(new Set([202, 503]));
    for (const refused of answers.filter((a) => a.status === 503)) {
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(refused.body).error).toMatchObject({ code: 'service_unavailable', message: expect.stringContaining('nothing you sent has been lost') });
    }

    // DynamoDB comes back with its data: everyone told "accepted" is registered.
    await startDynamo();
    const accepted = answers.filter((a) => a.status === 202);
    expect(accepted.length).toBeGreaterThanOrEqual(60);
    for (const { email } of accepted) expect(await registrationIdForEmail(meeting.id, email), email).toBeDefined();

    // Places are decided once DynamoDB is back: everyone accepted (and anyone saved whose answer was lost) confirmed, the counters equal to the items.
    await decideWaiting(meeting.id);
    const registrations = await listRegistrations(meeting.id);
    expect(registrations.filter((r) => r.status !== 'confirmed')).toEqual([]);
    const confirmed = new Set(registrations.map((r) => r.email));
    expect(accepted.filter((a) => !confirmed.has(a.email))).toEqual([]);
    expect(await getMeeting(meeting.id)).toMatchObject({ confirmedCount: registrations.length, placesLeft: 1000 - registrations.length });
  }, 180_000);
});
