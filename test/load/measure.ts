/** Measuring helpers shared by the bench's sections: percentiles, a pool, CPU by process, AWS calls by command. */
import { readdirSync, readFileSync } from 'node:fs';
import { SESClient } from '@aws-sdk/client-ses';

const benchStarted = performance.now();
/** A line of progress on stderr (stdout carries only the report), with the minutes and seconds since the bench began. */
export function progress(message: string): void {
  const s = Math.floor((performance.now() - benchStarted) / 1000);
  console.error(`[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${message}`);
}

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `work` for 0..count-1 with at most `limit` in flight; stops starting new ones after `budgetMs`. */
export async function pool(count: number, limit: number, budgetMs: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const stopAt = Date.now() + budgetMs;
  const worker = async () => {
    while (next < count && Date.now() < stopAt) await work(next++);
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return next;
}

// ---------------------------------------------------------------------------------------------------
// CPU by process

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** The DynamoDB Local JVM this process started (a child whose command line names it). */
export function dynamoDbLocalPid(): number | undefined {
  try {
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.split(') ')[1]!.split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('DynamoDBLocal')) return Number(entry);
    }
  } catch {
    // not Linux
  }
  return undefined;
}

export interface Pids {
  dynamo?: number;
  ses?: number;
  delivery?: number;
}

/** CPU seconds each process of the stack spent during a phase. */
export interface CpuUse {
  dynamoDbLocal?: number;
  sesEmulator?: number;
  /** This process: the API server and the load generator (and, for the delivery steps alone, the delivery code). */
  apiServerAndLoad?: number;
  /** The delivery process: stream poller and delivery function. */
  delivery?: number;
}

/** Runs `work` and reports the CPU seconds each process of the stack spent meanwhile. */
export async function withCpu<T>(pids: Pids, work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const before = { d: cpuSeconds(pids.dynamo), s: cpuSeconds(pids.ses), e: cpuSeconds(pids.delivery), n: process.cpuUsage() };
  const result = await work();
  const after = { d: cpuSeconds(pids.dynamo), s: cpuSeconds(pids.ses), e: cpuSeconds(pids.delivery), n: process.cpuUsage(before.n) };
  const diff = (a?: number, b?: number) => (a !== undefined && b !== undefined ? round(a - b, 2) : undefined);
  return {
    result,
    cpu: {
      dynamoDbLocal: diff(after.d, before.d),
      sesEmulator: diff(after.s, before.s),
      apiServerAndLoad: round((after.n.user + after.n.system) / 1e6, 2),
      delivery: diff(after.e, before.e),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// AWS calls by command, and steps timed alone

export type CallTotals = Record<string, { calls: number; totalMs: number }>;

/**
 * Wall time of each AWS call, by command, while `recording`. The clients' `send` is wrapped from here
 * (the DynamoDB client instance, and SESClient's prototype since email.ts keeps its client to itself);
 * production code is untouched.
 */
export class CallTimes {
  recording = false;
  readonly byCommand = new Map<string, number[]>();
  /** The platform's own SES client, caught on its first send, so steps can be timed alone on it. */
  ses?: SESClient;
  /** Called as each call settles, recording or not. */
  afterCall?: (command: object, ok: boolean) => void;

  wrap<C extends { send: (...args: never[]) => Promise<unknown> }>(target: C): void {
    const original = target.send;
    const times = this;
    target.send = function (this: unknown, ...args: never[]) {
      if (this instanceof SESClient) times.ses ??= this;
      const t0 = performance.now();
      const command = args[0] as unknown as object;
      const name = command.constructor.name.replace(/Command$/, '');
      const result = original.apply(this, args);
      const done = (ok: boolean) => () => {
        times.afterCall?.(command, ok);
        if (!times.recording) return;
        const list = times.byCommand.get(name) ?? [];
        list.push(performance.now() - t0);
        times.byCommand.set(name, list);
      };
      result.then(done(true), done(false));
      return result;
    } as C['send'];
  }

  totals(): CallTotals {
    return Object.fromEntries([...this.byCommand].map(([name, ms]) => [name, { calls: ms.length, totalMs: ms.reduce((a, b) => a + b, 0) }]));
  }
}

export type PerUnit = Record<string, { callsPerUnit: number; meanMsPerCall: number; msPerUnit: number }>;

/** Per command: calls per registration (or email), mean wall ms per call, and wall ms per registration (or email). */
export function perUnit(totals: CallTotals, units: number): PerUnit {
  return Object.fromEntries(
    Object.entries(totals).map(([name, t]) => [name, { callsPerUnit: round(t.calls / units, 2), meanMsPerCall: round(t.totalMs / t.calls), msPerUnit: round(t.totalMs / units) }]),
  );
}

export interface StepCost {
  /** Mean wall ms per call, one call at a time. */
  wallMs: number;
  /** CPU ms per call in each process. */
  benchProcessCpuMs?: number;
  dynamoDbLocalCpuMs?: number;
  sesEmulatorCpuMs?: number;
}

/** Runs `work` n times, one at a time, and reports the mean wall time and CPU per call in each process. */
export async function alone(pids: Pids, n: number, work: (i: number) => Promise<unknown> | unknown): Promise<StepCost> {
  const t0 = performance.now();
  const { cpu } = await withCpu(pids, async () => {
    for (let i = 0; i < n; i++) await work(i);
  });
  const per = (seconds?: number) => (seconds === undefined ? undefined : round((seconds * 1000) / n, 3));
  return { wallMs: round((performance.now() - t0) / n, 3), benchProcessCpuMs: per(cpu.apiServerAndLoad), dynamoDbLocalCpuMs: per(cpu.dynamoDbLocal), sesEmulatorCpuMs: per(cpu.sesEmulator) };
}

/** A step timed as one batch of `n` calls, as per-call figures. */
export function perCall(batch: StepCost, n: number): StepCost {
  const per = (v?: number) => (v === undefined ? undefined : round(v / n, 3));
  return { wallMs: round(batch.wallMs / n, 3), benchProcessCpuMs: per(batch.benchProcessCpuMs), dynamoDbLocalCpuMs: per(batch.dynamoDbLocalCpuMs), sesEmulatorCpuMs: per(batch.sesEmulatorCpuMs) };
}

