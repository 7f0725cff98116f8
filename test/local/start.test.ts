/**
 * The first of the two commands, for real: `npm start` (tsx local/start.ts) in its own process on free
 * ports and its own data folder. It serves the site with demo data, delivers email, says which data
 * folder it uses, sends 127.0.0.1 to the one address sign-in works on, lets `npm run token` find it on
 * its port, stops everything on Ctrl-C (no DynamoDB Local left listening, no Java process left), adds no
 * duplicate data on a second start, and stops with a message when DynamoDB Local dies under it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports.js';
import { repoRoot } from '../../local/settings.js';

const dataDir = mkdtempSync(join(tmpdir(), 'engagement-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output: () => string;
  baseUrl: string;
  dynamoPort: number;
  port: number;
}

/** `npm run token` as a person runs it: only PORT set, not the data folder npm start was given. */
function npmRunToken(port: number, role = 'staff') {
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['local/token.ts', '--role', role], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], PORT: String(port) },
    encoding: 'utf8',
  });
  return { status: result.status, token: result.stdout.trim(), message: result.stderr };
}

async function npmStart(): Promise<Started> {
  const [port, dynamoPort, sesPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['local/start.ts'], {
    cwd: repoRoot,
    // A person's shell, not the test run's: none of the endpoints the global setup exported.
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], PORT: String(port), DYNAMODB_PORT: String(dynamoPort), SES_PORT: String(sesPort), LOCAL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in 90 s:\n${output}`)), 90_000);
    const check = () => {
      if (output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${child.exitCode}:\n${output}`));
      } else setTimeout(check, 100);
    };
    check();
  });
  return { child, output: () => output, baseUrl: `http://localhost:${port}`, dynamoPort, port };
}

async function ctrlC(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
  started.child.kill('SIGINT');
  return exited;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Java processes whose command line names this test's data folder. */
const javaUsing = (folder: string) =>
  (spawnSync('pgrep', ['-f', folder], { encoding: 'utf8' }).stdout ?? '').split('\n').filter(Boolean);

const demoMeetingIds = async (baseUrl: string) => {
  const body = (await (await fetch(`${baseUrl}/api/meetings`)).json()) as { meetings: { id: string }[] };
  return body.meetings.map((m) => m.id).sort();
};

describe('npm start', () => {
  it('serves the platform with demo data, stops everything on Ctrl-C, and seeds nothing twice', async () => {
    const first = await npmStart();
    const home = await fetch(`${first.baseUrl}/meetings`);
    expect(home.status).toBe(200);
    const firstIds = await demoMeetingIds(first.baseUrl);
    expect(firstIds.length).toBeGreaterThan(0);
    expect(first.output()).toContain(`${first.baseUrl}/staff`);
    // The banner names the data folder it was given, not the default one.
    expect(first.output()).toContain(`data in ${dataDir}/dynamodb`);
    expect(first.output()).not.toContain('.local/dynamodb');
    // Places are decided from the table's stream, as in AWS: the full demo meeting's residents (8 asking
    // for 2 places each, 12 places) fill it, with nothing but the stream's decider to do it.
    expect(first.output()).toMatch(/Reading the table stream for .*meetings-delivery.*meetings-decider/);
    const placesLeft = async () => ((await (await fetch(`${first.baseUrl}/api/meetings/demo-loughborough-student-safety`)).json()) as { placesLeft: number }).placesLeft;
    await expect.poll(placesLeft, { timeout: 20_000 }).toBe(0);

    // npm run token, given only the port, signs with the key this platform uses.
    const { status, token } = npmRunToken(first.port);
    expect(status).toBe(0);
    const staffApi = await fetch(`${first.baseUrl}/api/meetings/${firstIds[0]}/registrations`, { headers: { authorization: `Bearer ${token}` } });
    expect(staffApi.status).toBe(200);

    // 127.0.0.1 is sent to localhost, where sign-in and forms work.
    const other = await fetch(`http://127.0.0.1:${first.port}/sign-in?returnTo=%2Fstaff`, { redirect: 'manual' });
    expect(other.status).toBe(308);
    expect(other.headers.get('location')).toBe(`${first.baseUrl}/sign-in?returnTo=%2Fstaff`);

    expect(await ctrlC(first)).toBe(0);
    expect(await listening(first.dynamoPort)).toBe(false);
    expect(javaUsing(dataDir)).toEqual([]);

    const second = await npmStart();
    try {
      expect(await demoMeetingIds(second.baseUrl)).toEqual(firstIds);
    } finally {
      expect(await ctrlC(second)).toBe(0);
    }
    expect(javaUsing(dataDir)).toEqual([]);
    // With no platform on that port any more, npm run token says what is wrong instead of a token that fails.
    expect(npmRunToken(first.port).message).toMatch(/No platform is running on port/);
  }, 240_000);

  it('stops, saying why, when DynamoDB Local dies under it', async () => {
    const started = await npmStart();
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
    for (const pid of javaUsing(dataDir)) process.kill(Number(pid), 'SIGKILL');
    expect(await exited).toBe(1);
    expect(started.output()).toContain('DynamoDB Local (port');
    expect(started.output()).toContain('has stopped unexpectedly');
    expect(await listening(started.port)).toBe(false);
  }, 150_000);
});
