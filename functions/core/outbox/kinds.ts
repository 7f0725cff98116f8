/**
 * What a capability tells the outbox about each kind of email it sends: how to read what the email is
 * about, whether it is still worth sending, who it goes to, whether it carries a manage link, and how
 * to render it. Rendering happens at send time from current data, so a retried email shows things as
 * they are now. A capability's `emails/index.ts` exports its `CapabilityEmails`, and its `delivery.ts`
 * makes its delivery function of them (delivery.ts `emailDelivery`): no other function holds them.
 *
 *   export const emails: CapabilityEmails = { capability: 'meetings', kinds: { confirmation: { load, stillRelevant, to, manageLink, render } } };
 */
import type { OutgoingEmail } from './email.js';
import type { OutboxEmail } from './outbox.js';
import type { NamedWrite } from '../store/transactions.js';

export type EmailContent = Omit<OutgoingEmail, 'to'>;

export interface RenderExtras {
  now: Date;
  /** Present when the kind carries a manage link: a freshly minted one. */
  manageUrl?: string;
}

export interface EmailKind<Ctx> {
  /** Reads what the email is about; undefined when it no longer exists (the email is skipped). */
  load(email: OutboxEmail, now: Date): Promise<Ctx | undefined>;
  /** Whether it is still worth sending, given the data now (e.g. not a confirmation for a cancelled place). */
  stillRelevant(ctx: Ctx, email: OutboxEmail, now: Date): boolean;
  /** The address it goes to. */
  to(ctx: Ctx): string;
  /** When present, the email carries a link to this (minted at send time, stored hashed). */
  manageLink?(ctx: Ctx): { purpose: string; about: Record<string, string>; validUntil: string; path: string };
  render(ctx: Ctx, email: OutboxEmail, extras: RenderExtras): EmailContent;
  /**
   * Called once the email is settled (sent, skipped, or failed for good), to delete personal data kept
   * only to send it (e.g. an address given for a receipt and stored nowhere else). Failures are logged;
   * such data should also carry a short `expiresAt`.
   */
  forget?(email: OutboxEmail): Promise<void>;
}

export interface Recipient {
  /** Unique among the notice's recipients and stable: orders the fan-out and names each email. */
  key: string;
  about: Record<string, string>;
  /** Written in the same transaction as this person's email, e.g. recording it as their latest email. */
  alsoWrite?: NamedWrite[];
}

/** A notice to many (a meeting changed): its recipients, each of whom gets their own email of the same kind. */
export interface FanOut {
  recipients(notice: OutboxEmail, now: Date): Promise<Recipient[]>;
}

export interface CapabilityEmails {
  capability: string;
  // Each kind's context type is its own; delivery only passes it between a kind's own functions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kinds: Record<string, EmailKind<any>>;
  /** Kinds that are sent as notices to many people. */
  fanOut?: Record<string, FanOut>;
}

/** A kind's handler with its context type, so a capability declares each one type-checked. */
export const emailKind = <Ctx>(kind: EmailKind<Ctx>): EmailKind<Ctx> => kind;
