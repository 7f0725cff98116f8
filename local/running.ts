/**
 * `.local/running.json` says which process is running the local platform, so a second `npm start`
 * and `npm run reset` can refuse to touch the database it is using.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RunningPlatform {
  pid: number;
  port: number;
  startedAt: string;
}

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
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ...running }, null, 2));
}

export function markStopped(file: string): void {
  rmSync(file, { force: true });
}
