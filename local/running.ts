/**
 * `running.json` in the local data folder says which process is running the local platform, so a
 * second `npm start` and `npm run reset` can refuse to touch the database it is using. A copy under
 * the repository's `.local/running-on-port/<port>.json` lets `npm run token` find the platform on a
 * port, and the key and issuer it signs with, whatever data folder it uses.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { repoRoot } from './settings.js';

export interface RunningPlatform {
  pid: number;
  port: number;
  startedAt: string;
  /** What `npm run token` needs to mint tokens this platform accepts. */
  issuerUrl?: string;
  clientId?: string;
  issuerKeysFile?: string;
  dataFolder?: string;
}

/** Where the platform on a port is noted, whatever its data folder. */
export const portRecord = (port: number) => `${repoRoot}.local/running-on-port/${port}.json`;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The platform running now, if any; a file left by a process that has gone is ignored. */
export function runningPlatform(file: string): RunningPlatform | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const running = JSON.parse(readFileSync(file, 'utf8')) as RunningPlatform;
    return typeof running.pid === 'number' && running.pid !== process.pid && isAlive(running.pid) ? running : undefined;
  } catch {
    return undefined;
  }
}

export function markRunning(file: string, running: Omit<RunningPlatform, 'pid' | 'startedAt'>): void {
  const record = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ...running }, null, 2);
  for (const path of [file, portRecord(running.port)]) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, record);
  }
}

export function markStopped(file: string, port?: number): void {
  rmSync(file, { force: true });
  if (port !== undefined) rmSync(portRecord(port), { force: true });
}
