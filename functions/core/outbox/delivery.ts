/**
 * Sending what is in the outbox, off the request path. One path for every capability's email, run by
 * each capability's own delivery function (`emailDelivery(emails)` in its functions/<name>/delivery.ts),
 * which holds its own email kinds and no other capability's:
 *
 * 1. Claim: a conditional update takes a lease on the item, so overlapping runs (the stream and the
 *    timer, or two timer runs) never send one email twice.
 * 2. A notice to many (`fanOut`) becomes one outbox item per recipient, in chunks, recording progress
 *    and extending its lease after each, so a run cut short resumes where it stopped. Each item's id
 *    derives from the notice's, so a repeated chunk creates nothing twice; each new item reaches the
 *    stream like any other.
 * 3. Otherwise the capability's handler reads the data, says whether it is still worth sending, and
 *    renders it (with a freshly minted manage link when the kind carries one); it goes through SES,
 *    within the capability's share of the account's send rate (send-rate.ts).
 *    Not to an address that bounced or complained before (suppression.ts): that email is recorded as
 *    `suppressed`, neither sent nor retried nor failed, and staff see why on the person's record.
 * 4. The outcome is recorded: sent, skipped, suppressed, or pending again with backoff (1, 2, 4 ... 60
 *    minutes) until MAX_ATTEMPTS, then failed. An SES outage delays email; it never loses it. Sent and
 *    suppressed emails are counted by week (email-weeks.ts) for the rates SES watches.
 *
 * `deliverNew` is what the stream calls for each new item; `deliverDue` is the timer's safety net.
 *
 *   export const handler = emailDelivery(emails);   // functions/<name>/delivery.ts
 */
import type { Context as LambdaContext, ScheduledEvent } from 'aws-lambda';
import { config } from '../config.js';
import { outOfTime, type Deadline } from '../deadline.js';
import { jobHandler } from '../http/lambda.js';
import { newSecret } from '../ids.js';
import { count, logger, reasonOf } from '../log.js';
import { mintManageLink, saveManageLink } from '../manage-links.js';
import { platformCapabilities } from '../platform.js';
import { inPool } from '../pool.js';
import { transactWrite } from '../store/transactions.js';
import { sendEmail } from './email.js';
import { countEmails } from './email-weeks.js';
import { suppressionOf } from './suppression.js';
import { outboxIdPrefix } from './keys.js';
import type { CapabilityEmails, EmailKind } from './kinds.js';
import {
  claimEmail,
  emailsDue,
  newOutboxEmail,
  outboxWrite,
  recordEmailAttempt,
  recordFanOutProgress,
  siteUrl,
  type OutboxEmail,
} from './outbox.js';
import { SendRate, sendRateShare } from './send-rate.js';
import { DELIVERY_TIMER_MINUTES, insertedOutboxIds, type StreamRecord } from './stream.js';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const MINUTE = 60_000;
const FAN_OUT_CHUNK = 25;


export interface DeliveryCounts {
  sent: number;
  failed: number;
  /** Not sent: no longer relevant, or to an address email has stopped for (the outbox item says which). */
  skipped: number;
  /** Emails written for each recipient of a notice (sent in turn as they reach the stream). */
  fannedOut: number;
}

export const noDeliveries = (): DeliveryCounts => ({ sent: 0, failed: 0, skipped: 0, fannedOut: 0 });
const none = noDeliveries;
const add = (a: DeliveryCounts, b: DeliveryCounts) => {
  a.sent += b.sent;
  a.failed += b.failed;
  a.skipped += b.skipped;
  a.fannedOut += b.fannedOut;
};

/** Waits longer after each failure (1, 2, 4 ... 60 minutes), with jitter so retries spread out. */
export function retryDelayMs(attempts: number): number {
  const minutes = Math.min(60, 2 ** Math.max(0, attempts - 1));
  return Math.round(minutes * MINUTE * (0.8 + Math.random() * 0.4));
}

/** Each capability's token bucket, at its share of the account's rate (one per process, as each delivery function has). */
const rates = new Map<string, SendRate>();
function sendRate(capability: string): SendRate {
  let rate = rates.get(capability);
  if (!rate) {
    const emailing = platformCapabilities().filter((c) => c.emails).length;
    rates.set(capability, (rate = new SendRate(sendRateShare(config().emailSendRate, emailing))));
  }
  return rate;
}

/** Claims one email by id (new or due) and delivers it; undefined if someone else has it or it is done. */
async function claimAndDeliver(id: string, emails: CapabilityEmails, now: Date, deadline: Deadline): Promise<DeliveryCounts | undefined> {
  const leaseToken = newSecret();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const email = await claimEmail(id, now.toISOString(), leaseUntil, leaseToken);
  if (!email) return undefined;
  return email.fanOut ? fanOut(email, leaseToken, emails, now, deadline) : deliverClaimed(email, leaseToken, emails, now);
}

/** What the stream calls with the ids of new outbox items of this capability (another's are left alone). */
export async function deliverNew(ids: readonly string[], emails: CapabilityEmails, now: Date, deadline: Deadline): Promise<DeliveryCounts> {
  const counts = none();
  const mine = (id: string) => id.startsWith(outboxIdPrefix(emails.capability));
  const others = ids.filter((id) => !mine(id));
  if (others.length) logger.error('outbox items of another capability reached this delivery; left for their own', { capability: emails.capability, emailIds: others });
  await inPool(ids.filter(mine), 4, async (id) => {
    const result = await claimAndDeliver(id, emails, now, deadline);
    if (result) add(counts, result);
  });
  return counts;
}

/** The timer's safety net: every email of this capability whose (next) attempt is due, batch after batch until none or out of time. */
export async function deliverDue(emails: CapabilityEmails, now: Date, deadline: Deadline): Promise<DeliveryCounts> {
  const counts = none();
  while (!outOfTime(deadline)) {
    // Claimed emails leave the due range (their next attempt moves to the lease's end), so this ends.
    const due = await emailsDue(emails.capability, now.toISOString(), 100);
    let claimed = 0;
    await inPool(due, 4, async (candidate) => {
      if (outOfTime(deadline)) return;
      const result = await claimAndDeliver(candidate.id, emails, now, deadline);
      if (!result) return;
      claimed++;
      add(counts, result);
    });
    if (!claimed) break; // nothing due, or everything due is leased by another run
  }
  return counts;
}

async function deliverClaimed(email: OutboxEmail, leaseToken: string, emails: CapabilityEmails, now: Date): Promise<DeliveryCounts> {
  const at = now.toISOString();
  const kind = email.capability === emails.capability ? emails.kinds[email.kind] : undefined;
  if (!kind) {
    logger.error('no handler for this email kind', { emailId: email.id, capability: email.capability, kind: email.kind });
    await recordEmailAttempt(email, leaseToken, at, { status: 'failed', error: `No handler for ${email.capability}/${email.kind}` });
    count('EmailsFailed');
    return { ...none(), failed: 1 };
  }
  try {
    const ctx = await kind.load(email, now);
    // An erased person's record keeps no address (core/people/changing.ts): there is no one to send it to.
    if (ctx === undefined || !kind.stillRelevant(ctx, email, now) || !kind.to(ctx).trim()) {
      await recordEmailAttempt(email, leaseToken, at, { status: 'skipped' });
      await forget(kind, email);
      return { ...none(), skipped: 1 };
    }
    const to = kind.to(ctx);
    if (await suppressionOf(to, now)) {
      await recordEmailAttempt(email, leaseToken, at, { status: 'suppressed' });
      await forget(kind, email);
      await countAfter('suppressed', now);
      count('EmailsSuppressed');
      return { ...none(), skipped: 1 };
    }
    const link = kind.manageLink?.(ctx);
    let manageUrl: string | undefined;
    if (link) {
      const minted = mintManageLink({ capability: email.capability, purpose: link.purpose, about: link.about, validUntil: link.validUntil });
      await saveManageLink(minted.link);
      manageUrl = siteUrl(`${link.path}/${minted.token}`);
    }
    const content = kind.render(ctx, email, { now, ...(manageUrl ? { manageUrl } : {}) });
    await sendRate(emails.capability).take();
    await sendEmail({ to, ...content });
  } catch (error) {
    const reason = reasonOf(error).slice(0, 500);
    const givingUp = email.attempts >= MAX_ATTEMPTS;
    logger.warn('email not sent', { emailId: email.id, capability: email.capability, kind: email.kind, attempts: email.attempts, reason });
    await recordEmailAttempt(
      email,
      leaseToken,
      at,
      givingUp ? { status: 'failed', error: reason } : { status: 'pending', error: reason, retryAt: new Date(now.getTime() + retryDelayMs(email.attempts)).toISOString() },
    );
    count(givingUp ? 'EmailsFailed' : 'EmailsRetried');
    if (givingUp) await forget(kind, email);
    return { ...none(), failed: 1 };
  }
  await recordEmailAttempt(email, leaseToken, at, { status: 'sent' });
  await forget(kind, email);
  await countAfter('sent', now);
  count('EmailsSent');
  return { ...none(), sent: 1 };
}

/** The week's figure, once the email's outcome is recorded; a failure to count is logged, never retried as a send. */
async function countAfter(figure: 'sent' | 'suppressed', now: Date): Promise<void> {
  try {
    await countEmails(figure, now);
  } catch (error) {
    logger.warn('email not counted in the week\'s figures', { figure, reason: reasonOf(error) });
  }
}

/** A kind's `forget`, once its email is settled; a failure is logged (the data's own expiry is the safety net). */
async function forget(kind: Pick<EmailKind<unknown>, 'forget'>, email: OutboxEmail): Promise<void> {
  if (!kind.forget) return;
  try {
    await kind.forget(email);
  } catch (error) {
    logger.warn('personal data kept only to send an email was not deleted; it expires on its own', { emailId: email.id, kind: email.kind, reason: reasonOf(error) });
  }
}

/**
 * A notice to many people becomes one outbox item per recipient (in the capability's order), in
 * chunks; after each chunk the notice records its progress and extends its lease. Out of time, it
 * stops and the timer resumes it from there once the lease runs out.
 */
async function fanOut(notice: OutboxEmail, leaseToken: string, emails: CapabilityEmails, now: Date, deadline: Deadline): Promise<DeliveryCounts> {
  const counts = none();
  const handler = notice.capability === emails.capability ? emails.fanOut?.[notice.kind] : undefined;
  if (!handler) {
    await recordEmailAttempt(notice, leaseToken, now.toISOString(), { status: 'failed', error: `No fan-out for ${notice.capability}/${notice.kind}` });
    return { ...none(), failed: 1 };
  }
  const startedAt = Date.now();
  const everyone = (await handler.recipients(notice, now)).filter((r) => !notice.fannedOutTo || r.key > notice.fannedOutTo).sort((a, b) => (a.key < b.key ? -1 : 1));
  for (let i = 0; i < everyone.length; i += FAN_OUT_CHUNK) {
    if (outOfTime(deadline)) return counts;
    const chunk = everyone.slice(i, i + FAN_OUT_CHUNK);
    await inPool(chunk, 8, async (recipient) => {
      const email = newOutboxEmail({
        id: `${notice.id}-${recipient.key}`,
        capability: notice.capability,
        kind: notice.kind,
        about: recipient.about,
        ...(notice.data ? { data: notice.data } : {}),
        ...(notice.expiresAt ? { expiresAt: notice.expiresAt } : {}),
        now,
      });
      // Not ok when it is already there: an earlier run wrote it before it was cut short.
      if ((await transactWrite([outboxWrite(email), ...(recipient.alsoWrite ?? [])])).ok) counts.fannedOut++;
    });
    const leaseUntil = new Date(now.getTime() + (Date.now() - startedAt) + LEASE_MS).toISOString();
    if (!(await recordFanOutProgress(notice, leaseToken, chunk.at(-1)!.key, leaseUntil))) return counts;
  }
  await recordEmailAttempt(notice, leaseToken, now.toISOString(), { status: 'sent' });
  return counts;
}

/** A stream batch as Lambda hands it over: this capability's new outbox items (keys only). */
export interface StreamBatch {
  Records: StreamRecord[];
}

/** A capability's delivery function: its Lambda handler, and what the handler does, for tests and `npm start`. */
export interface EmailDelivery {
  /** Invoked by the table's stream (a batch of its new outbox items) or by EventBridge on its timer (a scheduled event). */
  (event: StreamBatch | ScheduledEvent, context: LambdaContext): Promise<DeliveryCounts>;
  readonly capability: string;
  /** Its email kinds (what it sends, and how). */
  readonly emails: CapabilityEmails;
  /** A stream batch: each of its new items claimed and sent at once. */
  deliverStreamBatch(records: readonly StreamRecord[], now?: Date): Promise<DeliveryCounts>;
  /** A timer run: retries now due and fan-outs cut short, until none is left or time is up. */
  deliverDue(now?: Date, deadline?: Deadline): Promise<DeliveryCounts>;
}

/** A stream batch gets a minute; the function's timeout leaves room to record what happened. */
const STREAM_BUDGET_MS = 60_000;
/** The timer runs every 5 minutes: stop starting new work after 4. */
export const TIMER_BUDGET_MS = 4 * 60_000;
export { DELIVERY_TIMER_MINUTES };

/** One capability's email delivery: `export const handler = emailDelivery(emails)`. */
export function emailDelivery(emails: CapabilityEmails): EmailDelivery {
  const { capability } = emails;
  const deliverStreamBatch = async (records: readonly StreamRecord[], now = new Date()) => {
    const ids = insertedOutboxIds(records, capability);
    return ids.length ? deliverNew(ids, emails, now, Date.now() + STREAM_BUDGET_MS) : none();
  };
  const due = (now = new Date(), deadline: Deadline = Date.now() + TIMER_BUDGET_MS) => deliverDue(emails, now, deadline);
  const handler = jobHandler(async (event: StreamBatch | ScheduledEvent) => {
    if (event && 'Records' in event && Array.isArray(event.Records)) return deliverStreamBatch(event.Records);
    const result = await due();
    logger.info('email retries done', { capability, ...result });
    return result;
  });
  return Object.assign(handler, { capability, emails, deliverStreamBatch, deliverDue: due });
}
