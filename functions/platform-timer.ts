/**
 * The platform's own timer function: the work that needs no capability's code.
 *
 * - Retention tasks a request could not finish (core/retention.ts), resumed where they stopped.
 * - How the outbox stands (emails waiting, the oldest one's age), over every capability that sends
 *   email, published as metrics for the alarms on every run, 0 included, so silence means it stopped.
 *
 * Email itself is each capability's: its own delivery function (functions/<name>/delivery.ts) sends it
 * from the table's stream and retries it on its own timer. This function knows the capabilities only
 * as data (the manifests built into it, core/platform.ts), so its bundle holds no capability's module.
 */
import type { Deadline } from './core/deadline.js';
import { jobHandler } from './core/http/lambda.js';
import { logger } from './core/log.js';
import { outboxBacklog, recordOutboxBacklog, type PendingEmails } from './core/outbox/backlog.js';
import { platformCapabilities } from './core/platform.js';
import { resumeRetentionTasks } from './core/retention.js';

/** The timer runs every 5 minutes: stop starting new work after 4. */
const TIMER_BUDGET_MS = 4 * 60_000;

export interface PlatformTimerResult {
  expiriesMoved: number;
  /** Emails waiting after this run, over every capability, and how long the oldest has waited. */
  emailsPending: number;
  oldestPendingEmailAgeSeconds: number;
  /** The same for each capability that sends email. */
  emailsPendingBy: Record<string, PendingEmails>;
}

/** The names of the capabilities that send email, from the manifests. */
export const emailingCapabilities = () => platformCapabilities().filter((c) => c.emails).map((c) => c.name);

export async function runPlatformTimer(now = new Date(), deadline: Deadline = Date.now() + TIMER_BUDGET_MS): Promise<PlatformTimerResult> {
  const startedAt = Date.now();
  const expiriesMoved = await resumeRetentionTasks(now, deadline);
  // Measured at the run's clock (`now` moved on by the time it took).
  const backlog = await outboxBacklog(new Date(now.getTime() + (Date.now() - startedAt)), emailingCapabilities());
  recordOutboxBacklog(backlog);
  if (!backlog.complete) logger.warn('more emails are waiting than the backlog count reads; the figures are a floor', { emailsPending: backlog.pending });
  return { expiriesMoved, emailsPending: backlog.pending, oldestPendingEmailAgeSeconds: backlog.oldestAgeSeconds, emailsPendingBy: backlog.byCapability };
}

/** Invoked by EventBridge on the timer (a scheduled event). */
export const handler = jobHandler(async () => {
  const result = await runPlatformTimer();
  logger.info('platform timer work done', { ...result });
  return result;
});
