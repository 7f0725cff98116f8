/** A valid post of each of the action log's forms, for the walk that posts every form twice (test/forms). */
import type { FormExample } from '../../test/support/form-examples.js';
import { recordAction } from './tracking.js';

const anAction = () => recordAction({ what: 'Write to the Chief Constable about 101 waiting times', owner: { kind: 'chief-constable' } }, { by: 'Form examples' });

export const formExamples: FormExample[] = [
  {
    route: '/staff/actions/new',
    as: 'staff',
    prepare: async () => ({ path: '/staff/actions/new', fields: { what: 'Ask the road safety team about a speed watch', ownerKind: 'road-safety-team', ownerName: '', theme: 'speeding-road-safety', areaCode: 'E07000134' } }),
  },
  {
    route: '/staff/actions/:id/status',
    as: 'staff',
    prepare: async () => {
      const action = await anAction();
      return { path: `/staff/actions/${action.id}/status`, fields: { version: String(action.version), status: 'done', note: 'Letter sent' } };
    },
  },
  {
    route: '/staff/actions/:id/owner',
    as: 'staff',
    prepare: async () => {
      const action = await anAction();
      return { path: `/staff/actions/${action.id}/owner`, fields: { version: String(action.version), ownerKind: 'deputy-commissioner', ownerName: '', 'dueOn-day': '1', 'dueOn-month': '3', 'dueOn-year': '2031', changeNote: 'The Deputy will take it up' } };
    },
  },
];
