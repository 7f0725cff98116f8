/** A valid post of each of the site's forms, for the walk that posts every form twice (test/forms). */
import type { FormExample } from '../../test/support/form-examples.js';

export const formExamples: FormExample[] = [
  // Anyone may post it: with no session there is nothing to end, and it still answers by going home.
  { route: '/sign-out', as: 'public', prepare: async () => ({ path: '/sign-out', fields: {} }) },
];
