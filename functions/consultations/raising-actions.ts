/**
 * What was decided after a consultation, as actions for the office to follow up: raised on a closed
 * consultation's staff page through core's action contract (core/actions), so the action log lists,
 * changes and counts them with every other capability's, its Source filter offering Consultations.
 * The action is written in one transaction with a check that the consultation is there and closed.
 *
 *   const action = await raiseAction(consultation, input, { by: 'A. Officer' });
 *   const raised = await actionsFrom('consultations', consultation.id);
 */
import { newAction } from '../core/actions/actions.js';
import type { Action, ActionSource, NewAction } from '../core/actions/model.js';
import { actionWrites } from '../core/actions/store.js';
import { notFound, Refusal } from '../core/refusal.js';
import { transactWrite } from '../core/store/transactions.js';
import { getConsultation } from './consultations.js';
import { CAPABILITY, phaseOf, type Consultation } from './model.js';
import { closedCheck } from './store/consultations.js';

/** Where an action came from, as the action log shows and links it. */
export const actionSource = (c: Pick<Consultation, 'id' | 'title'>): ActionSource => ({
  capability: CAPABILITY,
  kind: 'consultation',
  id: c.id,
  label: `Consultation: ${c.title}`,
  href: `/staff/consultations/${c.id}`,
});

const notClosed = () => new Refusal('not_closed', 'Actions are raised once the consultation has closed', { kind: 'conflict' });

export async function raiseAction(c: Consultation, input: NewAction, context: { by: string; now?: Date }): Promise<Action> {
  const now = context.now ?? new Date();
  if (phaseOf(c, now) !== 'closed') throw notClosed();
  const action = newAction(input, { by: context.by, source: actionSource(c), now });
  const outcome = await transactWrite([closedCheck(c.id, now), ...actionWrites([action])]);
  if (outcome.ok) return action;
  if (outcome.failed.has('consultation')) throw (await getConsultation(c.id, { consistent: true })) ? notClosed() : notFound('There is no consultation with this id');
  throw new Error(`The action from consultation ${c.id} could not be saved`);
}
