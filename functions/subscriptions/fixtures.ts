/** Examples for subscriptions' tests and form walk: subscribers as a resident would leave them, and their links. */
import { newId } from '../core/ids.js';
import { mintManageLink, saveManageLink } from '../core/manage-links.js';
import { addressHash } from '../core/outbox/suppression.js';
import { CONFIRM_PURPOSE, UNSUBSCRIBE_PURPOSE } from './links.js';
import { CAPABILITY, confirmRequest, getSubscriber, type Area, type Subscriber } from './store/subscribers.js';
import { subscribe } from './subscribing.js';

const YEAR = 365 * 86_400_000;

export const uniqueEmail = (who = 'subscriber') => `${who}-${newId()}@example.org`.toLowerCase();

async function aLink(purpose: string, about: Record<string, string>): Promise<string> {
  const { token, link } = mintManageLink({ capability: CAPABILITY, purpose, about, validUntil: new Date(Date.now() + YEAR).toISOString() });
  await saveManageLink(link);
  return token;
}

/** A request waiting for its confirmation, and the link its email would carry. */
export async function aRequest(area: Area = 'all', email = uniqueEmail()): Promise<{ subscriber: Subscriber; confirmToken: string }> {
  await subscribe({ email, area });
  const subscriber = (await getSubscriber(addressHash(email)))!;
  return { subscriber, confirmToken: await aLink(CONFIRM_PURPOSE, { address: subscriber.address, requestId: subscriber.requestId! }) };
}

/** A confirmed subscriber, and the unsubscribe link an announcement would carry. */
export async function aSubscriber(area: Area = 'all', email = uniqueEmail()): Promise<{ subscriber: Subscriber; unsubscribeToken: string }> {
  const { subscriber } = await aRequest(area, email);
  await confirmRequest(subscriber.address, subscriber.requestId!, new Date());
  return { subscriber, unsubscribeToken: await aLink(UNSUBSCRIBE_PURPOSE, { address: subscriber.address, subscriberId: subscriber.id }) };
}
