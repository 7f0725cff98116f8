/**
 * DynamoDB goes down in the middle of a rush of registrations: every connection to it cut, requests in
 * flight included, then the process dies and comes back from its data directory. Every answer is either a
 * success or a 503 with Retry-After that says nothing was lost, never a 500; and every registration that
 * was answered with success is there when DynamoDB comes back.
 *
 * Why a relay cuts the connections instead of a SIGKILL of DynamoDB Local mid-rush (which this test
 * did, and failed 3 runs in 11): DynamoDB Local answers a TransactWriteItems before committing it. Its
 * SQLiteDBAccess.commitTransaction queues the SQLite COMMIT without waiting for it, and the answer goes
 * out, so a SIGKILL in between loses a transaction it acknowledged. Measured on the stand-in alone: 200
 * two-item transactions in turn, killed as the last answer arrived, lost that last one in 8 of 9 tries;
 * 20 writers at once, killed at the 60th answer, lost one in 3 of 5; with one awaited PutItem before the
 * kill, or SIGTERM instead, none in 10; plain PutItems never. The registration that went missing here
 * was one of those: its saveRequest transaction answered on its first try, with no retry and no failed
 * condition, and after the restart its registration, email guard and queue entry were all gone.
 * DynamoDB acknowledges only what it has committed, so that kill tested the stand-in, not us.
 *
 * After the restart the decider (woken by hand here, as the stream's retry would) decides them all,
 * nothing half-done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbLocalProcessesUsing, startDynamoDbLocal, type RunningService } from '../../local/dynamodb.js';
import { freePort } from '../../local/ports.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';
import { startRelay, type Relay } from '../support/cut-off.js';
import { app } from '../../functions/meetings/app.js';
import { aMeeting, decideWaiting } from '../../functions/meetings/fixtures.js';
import { getMeeting } from '../../functions/meetings/meetings.js';
import { listRegistrations } from '../../functions/meetings/registrations.js';
import { registrationIdForEmail } from '../../functions/meetings/store/registrations.js';

const dataDir = mkdtempSync(join(tmpdir(), 'outage-'));
let port: number;
let dynamo: RunningService | undefined;
let relay: Relay | undefined;

async function startDynamo() {
  dynamo = await startDynamoDbLocal({ port, dataDir });
}

/**
 * DynamoDB's process dies outright and starts again on its data directory. First one write of our own,
 * awaited: DynamoDB Local runs its SQLite work in turn, so once it is done every COMMIT the stand-in
 * queued after answering is done too (see above), and the kill loses only what it never acknowledged.
 */
async function killAndRestartDynamo() {
  const client = localDynamoClient(dynamo!.endpoint);
  await client.send(new PutItemCommand({ TableName: 'outage', Item: { pk: { S: 'OUTAGE' }, sk: { S: 'FLUSHED' } } }));
  client.destroy();
  for (const pid of dynamoDbLocalProcessesUsing(dataDir)) process.kill(pid, 'SIGKILL');
  await dynamo!.exited;
  await startDynamo();
}

beforeAll(async () => {
  port = await freePort();
  await startDynamo();
  const client = localDynamoClient(dynamo!.endpoint);
  await ensureTable(client, 'outage');
  client.destroy();
  relay = await startRelay(port);
  vi.stubEnv('DYNAMODB_ENDPOINT', relay.endpoint);
  vi.stubEnv('TABLE_NAME', 'outage');
  // As in AWS: a call that cannot get through fails within seconds, and the person is told to try again.
  vi.stubEnv('DYNAMODB_TIMEOUT_MS', '2000');
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await relay?.stop();
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
        // Partway through, with requests in flight, DynamoDB goes: every connection reset, new ones refused.
        if (answers.length === 60) relay!.cut();
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
    await killAndRestartDynamo();
    await relay!.restore();
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
