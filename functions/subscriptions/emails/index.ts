/**
 * Every email subscriptions sends, as the outbox delivers it: the confirmation of a request (while that
 * request still waits), and each announcement to each confirmed subscriber whose area it is in (while
 * they are still subscribed, and the meeting has not started or the consultation closed). An
 * announcement is a notice fanned out to one email per subscriber, each carrying a freshly minted
 * one-click unsubscribe link (List-Unsubscribe, RFC 8058).
 */
import type { Announcement } from '../../core/announcements.js';
import { emailKind, type CapabilityEmails } from '../../core/outbox/kinds.js';
import type { OutboxEmail } from '../../core/outbox/outbox.js';
import { CONFIRM_DAYS } from '../retention.js';
import { CAPABILITY, confirmedSubscribers, getSubscriber, type Subscriber } from '../store/subscribers.js';
import { CONFIRM_PURPOSE, UNSUBSCRIBE_PURPOSE } from '../links.js';
import { announcementEmail } from './announcement.js';
import { confirmEmail } from './confirm.js';

const DAY = 86_400_000;
/** How long an unsubscribe link in an email works. */
const UNSUBSCRIBE_LINK_DAYS = 400;

const subscriberOf = (email: OutboxEmail) => (email.about['address'] ? getSubscriber(email.about['address']) : Promise.resolve(undefined));

const confirm = emailKind<Subscriber>({
  load: subscriberOf,
  stillRelevant: (subscriber, email) => subscriber.requestId === email.about['requestId'],
  to: (subscriber) => subscriber.email,
  manageLink: (subscriber) => ({
    purpose: CONFIRM_PURPOSE,
    about: { address: subscriber.address, requestId: subscriber.requestId ?? '' },
    validUntil: new Date(Date.parse(subscriber.requestedAt) + CONFIRM_DAYS * DAY).toISOString(),
    path: '/email-updates/confirm',
  }),
  render: (subscriber, _email, { manageUrl }) => confirmEmail(subscriber, manageUrl ?? ''),
});

interface Informed {
  subscriber: Subscriber;
  announcement: Announcement;
  now: Date;
}

const announcementOf = (email: OutboxEmail) => email.data as unknown as Announcement | undefined;

const announcement = emailKind<Informed>({
  load: async (email, now) => {
    const [subscriber, about] = [await subscriberOf(email), announcementOf(email)];
    return subscriber && about ? { subscriber, announcement: about, now } : undefined;
  },
  stillRelevant: ({ subscriber, announcement: a }, email, now) => {
    const at = now.toISOString();
    const inArea = !subscriber.areaCode || !a.areaCode || subscriber.areaCode === a.areaCode;
    const stillAhead = !(a.startsAt && a.startsAt <= at) && !(a.closesAt && a.closesAt <= at);
    return subscriber.status === 'confirmed' && subscriber.id === email.about['subscriberId'] && inArea && stillAhead;
  },
  to: ({ subscriber }) => subscriber.email,
  manageLink: ({ subscriber, now }) => ({
    purpose: UNSUBSCRIBE_PURPOSE,
    about: { address: subscriber.address, subscriberId: subscriber.id },
    validUntil: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY).toISOString(),
    path: '/unsubscribe',
  }),
  render: ({ announcement: a }, _email, { manageUrl }) => announcementEmail(a, manageUrl ?? ''),
});

export const emails: CapabilityEmails = {
  capability: CAPABILITY,
  kinds: { confirm, announcement },
  fanOut: {
    announcement: {
      recipients: async (notice) => {
        const areaCode = announcementOf(notice)?.areaCode;
        const subscribers = await confirmedSubscribers(areaCode);
        return subscribers.map(({ address, id }) => ({ key: id, about: { address, subscriberId: id } }));
      },
    },
  },
};

