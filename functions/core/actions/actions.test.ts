/**
 * The actions contract against DynamoDB Local: a capability raises an action in its own transaction
 * and reads back the actions of one of its items, or all it raised, never another capability's; the
 * fields are checked as any capability's form reads them; overdue means the same everywhere.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { transactWrite } from '../store/transactions.js';
import { newAction } from './actions.js';
import { isOverdue, newActionInput } from './model.js';
import { actionsFrom, actionsRaisedBy, putAction } from './store.js';

const stamp = Date.now();
const source = (capability: string, id: string) => ({ capability, kind: 'item', id, label: `${capability} item ${id}` });

async function raise(what: string, from?: ReturnType<typeof source>, now = new Date()) {
  const action = newAction(z.parse(newActionInput, { what, owner: { kind: 'road-safety-team' } }), { by: 'A. Officer', now, ...(from ? { source: from } : {}) });
  expect(await transactWrite([{ name: 'action', write: putAction(action) }])).toEqual({ ok: true });
  return action;
}

describe('raising actions', () => {
  it('writes an open action with its source and first history entry, found from its item', async () => {
    const visit = source('community-days', `visit-${stamp}`);
    const input = z.parse(newActionInput, { what: 'Ask for a speed watch on <script>Main Street</script>', owner: { kind: 'road-safety-team' }, theme: 'speeding-road-safety', dueOn: '2027-01-15' });
    const action = newAction(input, { by: 'A. Officer', source: visit });
    await transactWrite([{ name: 'action', write: putAction(action) }]);
    const [found, ...rest] = await actionsFrom('community-days', visit.id);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ id: action.id, status: 'open', version: 1, what: 'Ask for a speed watch on <script>Main Street</script>', source: visit, history: [{ by: 'A. Officer', summary: 'Action opened' }] });
  });

  it('gives each capability the actions it raised, newest first, and no one else’s', async () => {
    const mine = `test-raiser-${stamp}`;
    const first = await raise('First', source(mine, 'a'), new Date(stamp - 60_000));
    const second = await raise('Second', source(mine, 'b'), new Date(stamp));
    const other = await raise('Not mine', source(`${mine}-other`, 'a'));
    await raise('On its own');
    const raised = (await actionsRaisedBy(mine)).map((a) => a.id);
    expect(raised).toEqual([second.id, first.id]);
    expect(raised).not.toContain(other.id);
  });

  it('asks for the owner’s name where the owner is a person or another organisation', () => {
    const result = z.safeParse(newActionInput, { what: 'Follow up', owner: { kind: 'staff-member' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['owner.name']);
  });

  it('calls an action overdue only once its due day has passed and while it is not finished', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: 'in-progress', dueOn: '2026-03-01' }, '2026-03-01')).toBe(false);
    expect(isOverdue({ status: 'done', dueOn: '2026-03-01' }, '2026-04-01')).toBe(false);
    expect(isOverdue({ status: 'open' }, '2026-04-01')).toBe(false);
  });
});
