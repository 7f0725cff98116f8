/**
 * Email reliability. Every email is first an outbox item, written in the same transaction as the change
 * that causes it; whoever wrote it holds a short lease and sends it at once. If SES fails, the change
 * still stands and the email stays pending with a backoff; the scheduled job claims due emails (a
 * conditional update with a lease, so overlapping runs never send one twice) and tries again, up to
 * MAX_ATTEMPTS, then marks it failed. Emails are rendered at send time from current data.
 */
import { randomBytes } from 'node:crypto';
import { config } from '../core/config.js';
import { sendEmail } from '../core/email.js';
import { personalDataExpiry } from '../core/retention.js';
import { carriesManageLink, renderEmail } from './emails/index.js';
import { newId } from './ids.js';
import { mintManageToken } from './manage-token.js';
import type { EmailKind, Meeting, Registration } from './model.js';
import { inPool } from './pool.js';
import * as store from './store.js';
import type { NewEmail, OutboxEmail } from './store.js';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const MINUTE = 60_000;
const FAN_OUT_CHUNK = 25;
/** A staff request fans out what it can in this time (API Lambdas have 15 seconds); the job does the rest. */
const REQUEST_BUDGET_MS = 8_000;

export interface DeliveryCounts {
  sent: number;
  failed: number;
}

const none = (): DeliveryCounts => ({ sent: 0, failed: 0 });
const add = (a: DeliveryCounts, b: DeliveryCounts) => {
  a.sent += b.sent;
  a.failed += b.failed;
};

export const manageUrl = (token: string) => `${config().publicBaseUrl}/manage/${token}`;

/**
 * A new outbox email, leased to its creator. With a registration and a kind that carries the manage
 * link, a fresh token is minted: its hash goes into the same transaction, the token stays in memory.
 * It expires with the registrations (core/retention.ts), from the meeting's end as given.
 */
export function newEmail(
  kind: EmailKind,
  meeting: Pick<Meeting, 'id' | 'endsAt'>,
  registrationId: string | undefined,
  now: Date,
  options: { id?: string; changes?: string[] } = {},
): NewEmail {
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const email: OutboxEmail = {
    id: options.id ?? newId(now),
    kind,
    meetingId: meeting.id,
    ...(registrationId ? { registrationId } : {}),
    status: 'pending',
    attempts: 1,
    nextAttemptAt: leaseUntil,
    leaseUntil,
    createdAt: now.toISOString(),
    ...(options.changes?.length ? { changes: options.changes } : {}),
    expiresAt: personalDataExpiry(meeting.endsAt),
  };
  const leaseToken = randomBytes(16).toString('base64url');
  if (!registrationId || !carriesManageLink(kind)) return { email, leaseToken };
  const { token, link } = mintManageToken(meeting, registrationId);
  return { email, leaseToken, manageLink: link, manageToken: token };
}

/** Is this email still worth sending, given the data as it is now? */
function stillRelevant(email: OutboxEmail, meeting: Meeting, registration: store.StoredRegistration, now: Date): boolean {
  const scheduled = meeting.status === 'scheduled';
  switch (email.kind) {
    case 'confirmation':
    case 'promoted':
      return scheduled && registration.status === 'confirmed';
    case 'waitlisted':
      return scheduled && registration.status === 'waitlisted';
    case 'cancelled':
      return registration.status === 'cancelled';
    case 'meeting-changed':
      return scheduled && registration.status !== 'cancelled';
    case 'meeting-cancelled':
      return registration.status !== 'cancelled';
    case 'reminder-48h':
    case 'reminder-2h': {
      const kind = email.kind === 'reminder-48h' ? '48h' : '2h';
      return scheduled && registration.status === 'confirmed' && now.toISOString() < meeting.startsAt && registration.reminders[kind] === meeting.startsAt;
    }
  }
}

/** Waits longer after each failure (1, 2, 4 ... 60 minutes), with jitter so retries spread out. */
export function retryDelayMs(attempts: number): number {
  const minutes = Math.min(60, 2 ** Math.max(0, attempts - 1));
  return Math.round(minutes * MINUTE * (0.8 + Math.random() * 0.4));
}

/**
 * Sends one email the caller holds the lease on, and records the outcome. `known` saves re-reading what
 * the caller has just written.
 */
export async function deliver(
  held: { email: OutboxEmail; leaseToken: string; manageToken?: string },
  now: Date,
  known: { meeting?: Meeting; registration?: store.StoredRegistration } = {},
  deadline = Date.now() + REQUEST_BUDGET_MS,
): Promise<DeliveryCounts> {
  const { email, leaseToken } = held;
  const at = now.toISOString();
  if (!email.registrationId) return fanOut(held, now, deadline);

  const [meeting, registration] = await Promise.all([
    known.meeting ?? store.getMeeting(email.meetingId, { consistent: true }),
    known.registration ?? store.getRegistration(email.meetingId, email.registrationId, { consistent: true, now }),
  ]);
  if (!meeting || !registration || !stillRelevant(email, meeting, registration, now)) {
    await store.recordEmailAttempt(email, leaseToken, at, { status: 'skipped' });
    return none();
  }
  try {
    let token = held.manageToken;
    if (!token && carriesManageLink(email.kind)) {
      const minted = mintManageToken(meeting, registration.id);
      await store.putManageLink(minted.link);
      token = minted.token;
    }
    const message = renderEmail(email.kind, {
      meeting,
      registration,
      now,
      ...(token ? { manageUrl: manageUrl(token) } : {}),
      ...(email.changes ? { changes: email.changes } : {}),
    });
    await sendEmail(message);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.warn(JSON.stringify({ level: 'warn', message: 'email not sent', emailId: email.id, kind: email.kind, attempts: email.attempts, reason }));
    await store.recordEmailAttempt(
      email,
      leaseToken,
      at,
      email.attempts >= MAX_ATTEMPTS
        ? { status: 'failed', error: reason.slice(0, 500) }
        : { status: 'pending', error: reason.slice(0, 500), retryAt: new Date(now.getTime() + retryDelayMs(email.attempts)).toISOString() },
    );
    return { sent: 0, failed: 1 };
  }
  await store.recordEmailAttempt(email, leaseToken, at, { status: 'sent' });
  return { sent: 1, failed: 0 };
}

/**
 * A notice to everyone registered (meeting changed or cancelled) becomes one email per person, in
 * arrival order, in chunks: after each chunk the notice records its progress and extends its lease.
 * Out of time, it stops and the scheduled job resumes from there once the lease runs out. Each email's
 * id derives from the notice's, so a chunk repeated after a crash creates no duplicates.
 */
async function fanOut(held: { email: OutboxEmail; leaseToken: string }, now: Date, deadline: number): Promise<DeliveryCounts> {
  const notice = held.email;
  const counts = none();
  const startedAt = Date.now();
  const meeting = await store.getMeeting(notice.meetingId, { consistent: true });
  if (meeting && !(notice.kind === 'meeting-changed' && meeting.status !== 'scheduled')) {
    const arrival = (r: Registration) => `${r.createdAt}#${r.id}`;
    const everyone = (await store.listRegistrations(meeting.id, { now })).filter(
      (r) => r.status !== 'cancelled' && (!notice.fannedOutTo || arrival(r) > notice.fannedOutTo),
    );
    for (let i = 0; i < everyone.length; i += FAN_OUT_CHUNK) {
      if (Date.now() > deadline) return counts;
      const chunk = everyone.slice(i, i + FAN_OUT_CHUNK);
      await inPool(chunk, 8, async (registration) => {
        const email = newEmail(notice.kind, meeting, registration.id, now, { id: `${notice.id}-${registration.id}`, changes: notice.changes });
        if (!(await store.saveFannedOutEmail(email))) return;
        add(counts, await deliver(email, now, { meeting, registration }));
      });
      const leaseUntil = new Date(now.getTime() + (Date.now() - startedAt) + LEASE_MS).toISOString();
      if (!(await store.recordFanOutProgress(notice, held.leaseToken, arrival(chunk.at(-1)!), leaseUntil))) return counts;
    }
  }
  await store.recordEmailAttempt(notice, held.leaseToken, now.toISOString(), { status: 'sent' });
  return counts;
}

/** Claims and sends every email whose (next) attempt is due, batch after batch until none or out of time. */
export async function deliverDueEmails(now: Date, deadline = Date.now() + REQUEST_BUDGET_MS): Promise<DeliveryCounts> {
  const counts = none();
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  for (let batch = 0; Date.now() < deadline; batch++) {
    // Claimed emails leave the due range (their next attempt moves to the lease's end), so this ends.
    const due = await store.emailsDue(at, 100);
    if (!due.length) break;
    let claimed = 0;
    await inPool(due, 8, async (candidate) => {
      if (Date.now() > deadline) return;
      const leaseToken = randomBytes(16).toString('base64url');
      const email = await store.claimEmail(candidate.id, at, leaseUntil, leaseToken);
      if (!email) return;
      claimed++;
      add(counts, await deliver({ email, leaseToken }, now, {}, deadline));
    });
    if (!claimed) break; // everything due is leased by another run
  }
  return counts;
}
