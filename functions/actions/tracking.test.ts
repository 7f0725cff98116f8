/**
 * Tracking an action against DynamoDB Local, through the contention proxy: raised on its own it is one
 * transaction; a change is made against the version the person saw, so of ten people changing one
 * action at once exactly one succeeds and the others are told and shown the action as it is now;
 * history keeps every change.
 */
import { describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../test/support/contention.js';
import { getAction } from './store/actions.js';
import { ACTION_FIGURES } from '../core/actions/store.js';
import { quarterCounters } from '../core/period-figures.js';
import { quarterContaining } from '../core/periods.js';

const quarterOf = (at: string) => quarterContaining(at).id;
import { ActionChangedMeanwhile, changeActionOwner, changeActionStatus, recordAction } from './tracking.js';

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

  it('passes an action on and moves its due date, each change in the history from and to; an older version is refused', async () => {
    const action = await recordAction({ what: 'Ask about street lighting', owner: { kind: 'chief-constable' }, dueOn: '2027-01-15' }, { by: 'A. Officer' });
    const moved = await changeActionOwner(action.id, { version: 1, owner: { kind: 'community-safety-partnership', name: 'Charnwood <CSP>' }, dueOn: '2027-05-20', note: 'Theirs, not the force’s' }, { by: 'B. Officer' });
    expect(moved).toMatchObject({ version: 2, owner: { kind: 'community-safety-partnership', name: 'Charnwood <CSP>' }, dueOn: '2027-05-20' });
    expect(moved.history.at(-1)).toMatchObject({
      by: 'B. Officer',
      summary: 'Owner: Chief Constable → A community safety partnership: Charnwood <CSP>; Due: 15 January 2027 → 20 May 2027',
      changes: [
        { field: 'owner', from: 'Chief Constable', to: 'A community safety partnership: Charnwood <CSP>' },
        { field: 'due', from: '15 January 2027', to: '20 May 2027' },
      ],
      note: 'Theirs, not the force’s',
    });
    expect(await getAction(action.id, { consistent: true })).toEqual(moved);
    const noDue = await changeActionOwner(action.id, { version: 2, owner: { kind: 'community-safety-partnership', name: 'Charnwood <CSP>' } }, { by: 'B. Officer' });
    expect(noDue).not.toHaveProperty('dueOn');
    expect(noDue.history.at(-1)!.summary).toBe('Due: 20 May 2027 → No due date');
    await expect(changeActionOwner(action.id, { version: 2, owner: { kind: 'road-safety-team' } }, { by: 'C. Officer' })).rejects.toBeInstanceOf(ActionChangedMeanwhile);
    await expect(changeActionOwner(action.id, { version: 3, owner: { kind: 'community-safety-partnership', name: 'Charnwood <CSP>' } }, { by: 'C. Officer' })).rejects.toMatchObject({ code: 'nothing_changed', kind: 'invalid' });
    const done = await changeActionStatus(action.id, { version: 3, status: 'done' }, { by: 'C. Officer' });
    await expect(changeActionOwner(action.id, { version: done.version, owner: { kind: 'road-safety-team' } }, { by: 'C. Officer' })).rejects.toMatchObject({ code: 'action_finished', kind: 'conflict' });
  });

  it('moves the due count to the new date’s quarter, and counts a closed action’s days and timeliness under its owner', async () => {
    const owner = 'npa-commander' as const;
    // Due dates are counted by day (`due|<day>`), so a quarter still running counts as overdue only what is already due.
    const due = async (quarter: string) => Object.entries((await quarterCounters(quarter))[ACTION_FIGURES] ?? {}).reduce((n, [key, value]) => (key.startsWith('due|') ? n + Number(value) : n), 0);
    const [from, to] = [quarterOf('2031-05-01T12:00:00Z')!, quarterOf('2031-11-01T12:00:00Z')!];
    const [fromBefore, toBefore] = [await due(from), await due(to)];
    const action = await recordAction({ what: 'Patrols near the school', owner: { kind: 'chief-constable' }, dueOn: '2031-05-01' }, { by: 'A. Officer', now: new Date('2031-04-01T09:00:00Z') });
    expect([await due(from), await due(to)]).toEqual([fromBefore + 1, toBefore]);
    await changeActionOwner(action.id, { version: 1, owner: { kind: owner, name: 'Hinckley NPA' }, dueOn: '2031-11-01' }, { by: 'A. Officer', now: new Date('2031-04-02T09:00:00Z') });
    expect([await due(from), await due(to)]).toEqual([fromBefore, toBefore + 1]);
    const closedIn = quarterOf('2031-04-11T09:00:00Z')!;
    const before = (await quarterCounters(closedIn))[ACTION_FIGURES] ?? {};
    await changeActionStatus(action.id, { version: 2, status: 'done' }, { by: 'A. Officer', now: new Date('2031-04-11T09:00:00Z') });
    const after = (await quarterCounters(closedIn))[ACTION_FIGURES] ?? {};
    expect((after[`days-to-close-by-${owner}|10`] ?? 0) - (before[`days-to-close-by-${owner}|10`] ?? 0)).toBe(1);
    expect((after[`on-time-by|${owner}`] ?? 0) - (before[`on-time-by|${owner}`] ?? 0)).toBe(1);
    expect((after['on-time-by|chief-constable'] ?? 0) - (before['on-time-by|chief-constable'] ?? 0)).toBe(0);
  });
});
