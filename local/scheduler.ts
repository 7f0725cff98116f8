/**
 * Runs scheduled work on a timer under `npm start`, as EventBridge does in AWS: each capability's
 * timer work and the platform's own (email retries, retention). The next run is timed from the end of
 * the last, so a slow run never overlaps itself.
 */

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
        const running = runOnce().finally(() => {
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
