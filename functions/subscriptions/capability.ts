/**
 * Residents kept informed: "email me about new public meetings and consultations", for everywhere or
 * one council area. Double opt-in (nothing is sent until the emailed link is used), a one-click
 * unsubscribe in every email (RFC 8058), and the emails themselves, woken by core's announcement
 * contract when meetings or consultations publish something (core/announcements.ts): it imports neither.
 */
import { defineCapability } from '../core/capability.js';
import { ONE_CLICK_UNSUBSCRIBE_PATH } from '../core/http/one-click.js';
import { WAKING_CONTRACTS } from '../core/streams.js';
import { subscriptionsPersonalData } from './personal-data.js';
import { requestRetention, subscriptionRetention } from './retention.js';
import { subscriptionKeys } from './store/keys.js';

export const subscriptions = defineCapability({
  name: 'subscriptions',
  pagePrefixes: ['/email-updates', ONE_CLICK_UNSUBSCRIBE_PATH],
  home: {
    heading: 'Email updates',
    intro: 'Get an email when we publish a new public meeting or consultation, for everywhere or for your council area.',
    href: '/email-updates',
    linkText: 'Get email updates',
  },
  retention: [subscriptionRetention, requestRetention],
  personalData: subscriptionsPersonalData,
  keyPrefixes: subscriptionKeys,
  emails: true,
  streamConsumers: [
    {
      name: 'announcer',
      description: 'emails subscribers when a meeting or consultation is published (core announcements)',
      inserted: { pkPrefix: WAKING_CONTRACTS.announcement },
      batchSize: 10,
      batchingWindowSeconds: 1,
      retryAttempts: 3,
      timeoutSeconds: 60,
    },
  ],
});
