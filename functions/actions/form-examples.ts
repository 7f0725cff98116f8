/** A valid post of each of the action log's forms, for the walk that posts every form twice (test/forms). */
import type { FormExample } from '../../test/support/form-examples.js';
import { newAction } from '../core/actions/actions.js';
import { putAction } from '../core/actions/store.js';
import { newId } from '../core/ids.js';
import { transactWrite } from '../core/store/transactions.js';
import { addContact } from './contacts.js';
import { recordAction } from './tracking.js';

/** A contact of its own each time: one per owner (a named partnership here, so each example's is new). */
const aContact = () =>
  addContact({ ownerKind: 'community-safety-partnership', bodyName: `Example Partnership ${newId()}`, contactName: 'Alex Example', email: 'alex.example@example.org' }, { by: 'Form examples' });

/** A finished action raised at a public meeting (a page that shows what happened next), written as meetings writes it. */
async function aFinishedActionFromAMeeting() {
  const action = newAction(
    { what: 'Ask the council about street lighting on the High Street', owner: { kind: 'road-safety-team' } },
    { by: 'Form examples', source: { capability: 'meetings', kind: 'meeting', id: newId(), label: 'Public meeting: Street lighting' } },
  );
  const done = { ...action, status: 'done' as const };
  await transactWrite([{ name: 'action', write: putAction(done) }]);
  return done;
}

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
  {
    route: '/staff/actions/contacts',
    as: 'staff',
    prepare: async () => ({
      path: '/staff/actions/contacts',
      fields: { ownerKind: 'community-safety-partnership', bodyName: `Example Partnership ${newId()}`, contactName: 'Sam Example', email: 'sam.example@example.org' },
    }),
  },
  {
    route: '/staff/actions/contacts/:id',
    as: 'staff',
    prepare: async () => {
      const contact = await aContact();
      return { path: `/staff/actions/contacts/${contact.id}`, fields: { version: String(contact.version), bodyName: contact.bodyName, contactName: 'Alex Example-Jones', email: 'alex.jones@example.org' } };
    },
  },
  {
    route: '/staff/actions/contacts/:id/remove',
    as: 'staff',
    prepare: async () => {
      const contact = await aContact();
      return { path: `/staff/actions/contacts/${contact.id}/remove`, fields: { version: String(contact.version) } };
    },
  },
  {
    route: '/staff/actions/:id/public',
    as: 'staff',
    prepare: async () => {
      const action = await aFinishedActionFromAMeeting();
      return { path: `/staff/actions/${action.id}/public`, fields: { version: String(action.version), public: 'yes', outcome: 'The council replaced six street lights in March.' } };
    },
  },
];
