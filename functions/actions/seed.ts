/**
 * The action log's demo data for `npm start`: the demo actions the other capabilities raised ("Demo
 * data" opened them; community days raises about thirty) are moved on as staff would have moved them,
 * so the log and its figures show every status, some overdue. It runs after the others' demo data (it
 * is listed last in functions/capabilities.ts) and meets their actions in the table, never their code.
 *
 * Idempotent: an action is moved only while it is still as first raised (version 1), and to the same
 * status each time (by its place among the demo actions, oldest first). Two owners' contacts are added
 * (once), so an action passed to them is emailed (to example.org addresses, in the local SES emulator).
 */
import type { ActionStatus } from '../core/actions/model.js';
import { Refusal } from '../core/refusal.js';
import { addContact, type NewContactInput } from './contacts.js';
import { everyAction } from './store/actions.js';
import { changeActionStatus } from './tracking.js';

const DAY = 86_400_000;
export const DEMO_BY = 'Demo data';

/** What happens to the demo actions in turn: how long after opening, and the note. Some stay open. */
const statusCycle: Array<{ status: ActionStatus; afterDays: number; note?: string }> = [
  { status: 'open', afterDays: 0 },
  { status: 'in-progress', afterDays: 6, note: 'Demo data: meeting booked.' },
  { status: 'done', afterDays: 40, note: 'Demo data: done, later than planned.' },
  { status: 'closed-no-action', afterDays: 10, note: 'Demo data: already in hand by the council.' },
  { status: 'open', afterDays: 0 },
  { status: 'done', afterDays: 14, note: 'Demo data: done and the residents told.' },
];

export const demoContacts: NewContactInput[] = [
  { ownerKind: 'chief-constable', bodyName: 'Leicestershire Police', contactName: 'Demo: Chief Constable’s staff officer', email: 'chief-constable-office@example.org' },
  { ownerKind: 'road-safety-team', bodyName: 'Leicestershire Road Safety Partnership', contactName: 'Demo: road safety lead', email: 'road-safety@example.org' },
];

export async function seedDemoData(now: Date = new Date()): Promise<void> {
  for (const contact of demoContacts) {
    await addContact(contact, { by: DEMO_BY, now }).catch((error: unknown) => {
      // Added by an earlier run.
      if (!(error instanceof Refusal && error.code === 'contact_exists')) throw error;
    });
  }
  const demo = (await everyAction()).filter((a) => a.createdBy === DEMO_BY).reverse();
  for (const [n, action] of demo.entries()) {
    const planned = statusCycle[n % statusCycle.length]!;
    if (action.version !== 1 || planned.status === 'open') continue;
    const at = new Date(Math.min(Date.parse(action.createdAt) + planned.afterDays * DAY, now.getTime()));
    await changeActionStatus(action.id, { version: 1, status: planned.status, ...(planned.note ? { note: planned.note } : {}) }, { by: DEMO_BY, now: at });
  }
}
