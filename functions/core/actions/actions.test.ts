/**
 * The action log's rules against DynamoDB Local, through the contention proxy: a change is made against
 * the version the person saw, so of two people changing one action at once exactly one succeeds and the
 * other is told and shown the action as it is now; history keeps every change.
 */
import { describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../../test/support/contention.js';
import { ActionChangedMeanwhile, changeActionStatus, recordAction } from './actions.js';
import { newActionInput } from './model.js';
import { actionsFrom, getAction } from './store.js';
import * as z from 'zod/mini';

useContentionProxy();

const source = { capability: 'community-days', kind: 'visit', id: `visit-${Date.now()}`, label: 'Community day: Coalville' };

describe('the action log', () => {
  it('records an open action with its source and first history entry', async () => {
    const input = z.parse(newActionInput, { what: 'Ask for a speed watch on <script>Main Street</script>', owner: { kind: 'road-safety-team' }, theme: 'speeding-road-safety', dueOn: '2027-01-15' });
    const action = await recordAction(input, { by: 'A. Officer', source });
    expect(await getAction(action.id, { consistent: true })).toMatchObject({ status: 'open', version: 1, what: 'Ask for a speed watch on <script>Main Street</script>', history: [{ by: 'A. Officer', summary: 'Action opened' }] });
    expect((await actionsFrom('community-days', source.id)).map((a) => a.id)).toContain(action.id);
  });

  it('asks for the owner’s name where the owner is a person or another organisation', () => {
    const result = z.safeParse(newActionInput, { what: 'Follow up', owner: { kind: 'staff-member' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['owner.name']);
  });

  it('lets exactly one of ten people changing the same version win; the others see the action as it is now', async () => {
    const action = await recordAction({ what: 'Write to the Chief Constable', owner: { kind: 'chief-constable' } }, { by: 'A. Officer' });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => changeActionStatus(action.id, { version: 1, status: i % 2 ? 'done' : 'in-progress', note: `by person ${i}` }, { by: `Person ${i}` })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(ActionChangedMeanwhile);
      expect((reason as ActionChangedMeanwhile).current.version).toBe(2);
    }
    const stored = await getAction(action.id, { consistent: true });
    expect(stored?.version).toBe(2);
    expect(stored?.history).toHaveLength(2);
  });

  it('refuses a change to an action that does not exist', async () => {
    await expect(changeActionStatus('no-such-action', { version: 1, status: 'done' }, { by: 'A. Officer' })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
