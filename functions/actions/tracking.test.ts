/**
 * Tracking an action against DynamoDB Local, through the contention proxy: raised on its own it is one
 * transaction; a change is made against the version the person saw, so of ten people changing one
 * action at once exactly one succeeds and the others are told and shown the action as it is now;
 * history keeps every change.
 */
import { describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../test/support/contention.js';
import { getAction } from './store/actions.js';
import { ActionChangedMeanwhile, changeActionStatus, recordAction } from './tracking.js';

useContentionProxy();

describe('tracking an action', () => {
  it('raises an open action on its own, with its first history entry', async () => {
    const action = await recordAction({ what: 'Ask for a speed watch on <script>Main Street</script>', owner: { kind: 'road-safety-team' }, dueOn: '2027-01-15' }, { by: 'A. Officer' });
    expect(await getAction(action.id, { consistent: true })).toMatchObject({ status: 'open', version: 1, what: 'Ask for a speed watch on <script>Main Street</script>', history: [{ by: 'A. Officer', summary: 'Action opened' }] });
    expect(action).not.toHaveProperty('source');
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
    // What the winner was given back is the action as stored.
    expect((won[0] as PromiseFulfilledResult<unknown>).value).toEqual(stored);
  });

  it('records when an action is finished, and forgets it when it is opened again', async () => {
    const action = await recordAction({ what: 'Reply to the parish council', owner: { kind: 'deputy-commissioner' } }, { by: 'A. Officer' });
    const done = await changeActionStatus(action.id, { version: 1, status: 'done' }, { by: 'B. Officer', now: new Date('2026-05-01T09:00:00Z') });
    expect(done).toMatchObject({ status: 'done', version: 2, finishedAt: '2026-05-01T09:00:00.000Z' });
    const reopened = await changeActionStatus(action.id, { version: 2, status: 'open', note: 'They wrote again' }, { by: 'B. Officer' });
    expect(reopened).not.toHaveProperty('finishedAt');
    expect(await getAction(action.id, { consistent: true })).toEqual(reopened);
  });

  it('refuses a change to an action that does not exist', async () => {
    await expect(changeActionStatus('no-such-action', { version: 1, status: 'done' }, { by: 'A. Officer' })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
