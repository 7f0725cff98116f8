/** A valid post of each of the site's forms, for the walk that posts every form twice (test/forms). */
import type { FormExample } from '../../test/support/form-examples.js';
import { aPersonWithARegistration } from '../../test/support/people.js';
import { createFeed } from './calendar-feeds.js';

export const formExamples: FormExample[] = [
  // Anyone may post it: with no session there is nothing to end, and it still answers by going home.
  { route: '/sign-out', as: 'public', prepare: async () => ({ path: '/sign-out', fields: {} }) },
  // Looking changes nothing but the access record (each look is recorded, a repeat too): answered in place.
  ...['/staff/people', '/staff/people/export', '/staff/people/export.json'].map(
    (route): FormExample => ({ route, as: 'staff', status: 200, prepare: async () => ({ path: route, fields: { email: (await aPersonWithARegistration()).email } }) }),
  ),
  ...['/staff/people/correction', '/staff/people/erasure'].map(
    (route): FormExample => ({ route, as: 'admin', status: 200, prepare: async () => ({ path: route, fields: { email: (await aPersonWithARegistration()).email } }) }),
  ),
  {
    route: '/staff/people/correct',
    as: 'admin',
    prepare: async () => {
      const { email } = await aPersonWithARegistration();
      return { path: '/staff/people/correct', fields: { email, newEmail: `corrected-${email}`, newName: 'Jo Corrected' } };
    },
  },
  // The feed's address is shown once, in place (it must not travel in a URL).
  { route: '/staff/calendar-feeds', as: 'staff', status: 200, prepare: async () => ({ path: '/staff/calendar-feeds', fields: { label: 'Posted twice', who: 'deputy' } }) },
  {
    route: '/staff/calendar-feeds/:id/revoke',
    as: 'staff',
    prepare: async () => ({ path: `/staff/calendar-feeds/${(await createFeed({ label: 'Revoked twice', who: ['deputy'] }, 'A. Officer')).feed.id}/revoke`, fields: {} }),
  },
  {
    route: '/staff/people/erase',
    as: 'admin',
    prepare: async () => ({ path: '/staff/people/erase', fields: { email: (await aPersonWithARegistration()).email } }),
  },
];
