/**
 * Runs scheduled work on a timer under `npm start`, as EventBridge does in AWS: each capability's
 * timer work, each emailing capability's delivery timer (retries, fan-outs cut short) and the
 * platform's own (retention, the outbox backlog). The next run is timed from the end of
 * the last, so a slow run never overlaps itself, and runs take turns. Each run invokes the Lambda
 * handler AWS invokes, with a scheduled event and a Lambda context (see lambda-invocation.ts), not the
 * work behind it directly.
 *
 *   const { jobs, schedule } = await startPlatformSchedule({ overrideSeconds: 30 });
 */
import { invokeOnSchedule } from './lambda-invocation.js';

export interface Schedule {
  /** Stops the timers and waits for any run in progress. */
  stop(): Promise<void>;
}

export interface ScheduledJob {
  name: string;
  everyMinutes: number;
  run: () => Promise<unknown>;
}

/** How often each job runs: `overrideSeconds` (SCHEDULE_INTERVAL_SECONDS) replaces every job's own interval. */
export const intervalSeconds = (job: Pick<ScheduledJob, 'everyMinutes'>, overrideSeconds?: number) => overrideSeconds ?? job.everyMinutes * 60;

export function startSchedule(jobs: readonly ScheduledJob[], options: { overrideSeconds?: number; log?: (line: string) => void } = {}): Schedule {
  const log = options.log ?? ((line: string) => console.log(line));
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inProgress = new Set<Promise<void>>();
  // One run at a time: in AWS each function has a process (and logger) of its own, here they share
  // one, and a run's logs should carry its own function's context, not the one invoked after it.
  let lane: Promise<void> = Promise.resolve();

  for (const job of jobs) {
    const runOnce = async () => {
      const started = Date.now();
      try {
        const result = await job.run();
        log(`[${job.name}] scheduled run finished in ${Date.now() - started} ms${result === undefined ? '' : `: ${JSON.stringify(result)}`}`);
      } catch (error) {
        log(`[${job.name}] scheduled run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    };
    const next = () => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        const running = (lane = lane.then(runOnce)).finally(() => {
          inProgress.delete(running);
          next();
        });
        inProgress.add(running);
      }, intervalSeconds(job, options.overrideSeconds) * 1000);
      timers.add(timer);
    };
    next();
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(inProgress);
    },
  };
}

const MINUTE_MS = 60_000;

/**
 * Every scheduled Lambda of the platform, as infra/capability-functions.ts deploys them: each
 * capability's `scheduled.ts` handler (timeout up to 5 minutes, 512 MB), each emailing capability's
 * delivery function on its timer and the platform timer (each every 5 minutes, timeout 5 minutes).
 * Imported when called, after `npm start` has set the environment the functions read.
 */
export async function platformJobs(): Promise<ScheduledJob[]> {
  const [{ loadScheduledWork, loadEmailDeliveries }, platformTimer, { DELIVERY_TIMER_MINUTES }] = await Promise.all([
    import('../functions/platform.js'),
    import('../functions/platform-timer.js'),
    import('../functions/core/outbox/delivery.js'),
  ]);
  const capabilityJobs = (await loadScheduledWork()).map(({ capability, everyMinutes, handler }) => ({
    name: capability,
    everyMinutes,
    run: invokeOnSchedule(handler, {
      functionName: `engagement-${capability}-scheduled`,
      ruleName: `${capability}-timer`,
      timeoutMs: Math.min(everyMinutes, 5) * MINUTE_MS,
      memoryMb: 512,
    }),
  }));
  const deliveryJobs = (await loadEmailDeliveries()).map((handler) => ({
    name: `${handler.capability}-delivery`,
    everyMinutes: DELIVERY_TIMER_MINUTES,
    run: invokeOnSchedule(handler, {
      functionName: `engagement-${handler.capability}-delivery`,
      ruleName: `${handler.capability}-delivery-timer`,
      timeoutMs: 5 * MINUTE_MS,
      memoryMb: 512,
    }),
  }));
  const platformJob: ScheduledJob = {
    name: 'platform',
    everyMinutes: 5,
    run: invokeOnSchedule(platformTimer.handler, { functionName: 'engagement-platform-timer', ruleName: 'platform-timer', timeoutMs: 5 * MINUTE_MS, memoryMb: 512 }),
  };
  return [...capabilityJobs, ...deliveryJobs, platformJob];
}

/** The platform's scheduled work on its timers: what `npm start` runs (and its test). */
export async function startPlatformSchedule(options: { overrideSeconds?: number; log?: (line: string) => void } = {}): Promise<{ jobs: ScheduledJob[]; schedule: Schedule }> {
  const jobs = await platformJobs();
  return { jobs, schedule: startSchedule(jobs, options) };
}
