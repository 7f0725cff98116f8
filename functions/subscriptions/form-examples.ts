/**
 * A valid post for each of subscriptions' forms, for the walk that posts every form the platform has
 * twice (test/forms/double-post.test.ts) and proves the second changes nothing.
 */
import type { FormExample } from '../../test/support/form-examples.js';
import { aRequest, aSubscriber, uniqueEmail } from './fixtures.js';

export const formExamples: FormExample[] = [
  { route: '/email-updates', as: 'public', status: 200, prepare: async () => ({ path: '/email-updates', fields: { email: uniqueEmail('walk'), area: 'E07000129' } }) },
  {
    route: '/email-updates/confirm/:token',
    as: 'public',
    prepare: async () => ({ path: `/email-updates/confirm/${(await aRequest()).confirmToken}`, fields: {} }),
  },
  {
    route: '/unsubscribe/:token',
    as: 'public',
    status: 200,
    prepare: async () => ({ path: `/unsubscribe/${(await aSubscriber()).unsubscribeToken}`, fields: { 'List-Unsubscribe': 'One-Click' } }),
  },
];
