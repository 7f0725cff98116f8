/**
 * Runs each capability's scheduled work on a timer under `npm start`, as EventBridge does in AWS.
 * The next run is timed from the end of the last, so a slow run never overlaps itself.
 */
import type { Capability } from '../functions/core/capability.js';

export interface Schedule {
  /** Stops the timers and waits for any run in progress. */
  stop(): Promise<void>;
}

export interface ScheduledJob {
  capability: string;
  everySeconds: number;
}

/** What will run and how often: `overrideSeconds` (SCHEDULE_INTERVAL_SECONDS) replaces every job's own interval. */
export function scheduledJobs(capabilities: readonly Capability[], overrideSeconds?: number): ScheduledJob[] {
  return capabilities.flatMap((cap) =>
    cap.scheduled ? [{ capability: cap.name, everySeconds: overrideSeconds ?? cap.scheduled.everyMinutes * 60 }] : [],
  );
}

export function startSchedule(
  capabilities: readonly Capability[],
  options: { overrideSeconds?: number; log?: (line: string) => void } = {},
): Schedule {
  const log = options.log ?? ((line: string) => console.log(line));
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inProgress = new Set<Promise<void>>();

  for (const job of scheduledJobs(capabilities, options.overrideSeconds)) {
    const run = capabilities.find((cap) => cap.name === job.capability)!.scheduled!.run;
    const runOnce = async () => {
      const started = Date.now();
      try {
        const result = await run();
        log(`[${job.capability}] scheduled run finished in ${Date.now() - started} ms${result === undefined ? '' : `: ${JSON.stringify(result)}`}`);
      } catch (error) {
        log(`[${job.capability}] scheduled run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
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
      }, job.everySeconds * 1000);
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
