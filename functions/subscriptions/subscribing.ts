/**
 * Residents ask for emails about new public meetings and consultations, confirm from the email, and
 * unsubscribe with one click. Asking answers the same, after the same time, whether or not the address
 * is known (the confirmation goes only to the address); nothing is sent but that confirmation until its
 * link is used.
 */
import { findManageLink } from '../core/manage-links.js';
import { newOutboxEmail } from '../core/outbox/outbox.js';
import { limitEmailsTo } from '../core/rate-limits.js';
import { count } from '../core/log.js';
import { Refusal } from '../core/refusal.js';
import { CONFIRM_PURPOSE, UNSUBSCRIBE_PURPOSE } from './links.js';
import type { SubscribeInput } from './model.js';
import { requestExpiry } from './retention.js';
import { CAPABILITY, confirmRequest, deleteSubscription, getSubscriber, saveRequest, type Subscriber } from './store/subscribers.js';

/** At least this long before the form answers, known address or new. */
export const SUBSCRIBE_ANSWER_FLOOR_MS = 250;


export async function subscribe(input: SubscribeInput, now: Date = new Date()): Promise<void> {
  await limitEmailsTo(input.email);
  await saveRequest(input.email, input.area, now, (about) =>
    newOutboxEmail({ capability: CAPABILITY, kind: 'confirm', about, expiresAt: requestExpiry(now.toISOString()), now }),
  );
  count('SubscriptionsRequested');
}

/** What a confirmation link stands for (used or not); undefined when it is not one, or no longer works. */
export async function confirmLink(token: string, now: Date = new Date()): Promise<{ address: string; requestId: string } | undefined> {
  const link = await findManageLink(token, { capability: CAPABILITY, purpose: CONFIRM_PURPOSE }, now);
  const { address, requestId } = link?.about ?? {};
  return address && requestId ? { address, requestId } : undefined;
}

/** The request this link confirms, while it is still waiting: a link works once. */
export async function waitingRequest(link: { address: string; requestId: string }): Promise<Subscriber | undefined> {
  const subscriber = await getSubscriber(link.address);
  return subscriber?.requestId === link.requestId ? subscriber : undefined;
}

/**
 * Confirms the link's request. Used already (a second click), it changes nothing and the subscription
 * stands; a link replaced by a newer request (the form sent again) no longer confirms anything.
 */
export async function confirm(link: { address: string; requestId: string }, now: Date = new Date()): Promise<void> {
  if (await confirmRequest(link.address, link.requestId, now)) {
    count('SubscriptionsConfirmed');
    return;
  }
  const subscriber = await getSubscriber(link.address);
  if (subscriber?.status === 'confirmed' && subscriber.requestId === undefined) return;
  throw new Refusal('link_replaced', 'This link no longer works: use the link in the latest email we sent you, or ask again', { kind: 'gone' });
}

/** What an unsubscribe link stands for; undefined when it is not one (or no longer works). */
export async function unsubscribeLink(token: string, now: Date = new Date()): Promise<{ address: string; subscriberId: string } | undefined> {
  const link = await findManageLink(token, { capability: CAPABILITY, purpose: UNSUBSCRIBE_PURPOSE }, now);
  const { address, subscriberId } = link?.about ?? {};
  return address && subscriberId ? { address, subscriberId } : undefined;
}

/** Ends the subscription at once; unsubscribing again is harmless. */
export async function unsubscribe(link: { address: string; subscriberId: string }): Promise<void> {
  if (await deleteSubscription(link.address, link.subscriberId)) count('Unsubscribed');
}
