/** The action log's demo data: the demo actions other capabilities raised, moved on into every status, and owners' contacts; twice is the same as once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { newAction } from '../core/actions/actions.js';
import { isOverdue } from '../core/actions/model.js';
import { putAction } from '../core/actions/store.js';
import { transactWrite } from '../core/store/transactions.js';
import { londonDay } from '../core/time.js';
import { listActions } from './log.js';
import { DEMO_BY, demoContacts, seedDemoData } from './seed.js';
import { everyContact } from './store/contacts.js';

beforeAll(() => useOwnTable('action-log-seed', { delivery: 'manual' }));

const DAY = 86_400_000;

describe('demo actions', () => {
  it('are moved on into every status, some left overdue, once however often it runs', async () => {
    const now = new Date();
    // As community days' demo data raises them: in the visit's transaction, opened by "Demo data".
    for (let i = 0; i < 12; i++) {
      const opened = new Date(now.getTime() - (300 - i * 20) * DAY);
      const action = newAction(
        { what: `Demo data: action ${i}`, owner: { kind: 'road-safety-team' }, dueOn: londonDay(new Date(opened.getTime() + 28 * DAY)) },
        { by: DEMO_BY, now: opened, source: { capability: 'community-days', kind: 'visit', id: `demo-visit-${i}`, label: `Community day ${i}` } },
      );
      await transactWrite([{ name: 'action', write: putAction(action) }]);
    }
    const mine = await listActions({ source: 'community-days' }, now);
    const onItsOwn = newAction({ what: 'Not demo data', owner: { kind: 'chief-constable' } }, { by: 'A. Officer' });
    await transactWrite([{ name: 'action', write: putAction(onItsOwn) }]);

    await seedDemoData(now);
    const once = await listActions({}, now);
    await seedDemoData(now);
    await seedDemoData(new Date(now.getTime() + DAY));
    expect(await listActions({}, now)).toEqual(once);

    const demo = once.filter((a) => a.createdBy === DEMO_BY);
    expect(demo).toHaveLength(mine.length);
    expect(new Set(demo.map((a) => a.status))).toEqual(new Set(['open', 'in-progress', 'done', 'closed-no-action']));
    expect(demo.filter((a) => a.version > 2)).toEqual([]);
    expect(demo.filter((a) => a.version === 2).every((a) => a.history.at(-1)!.by === DEMO_BY && a.updatedAt <= now.toISOString())).toBe(true);
    expect(demo.filter((a) => isOverdue(a, londonDay(now))).length).toBeGreaterThan(0);
    expect(once.find((a) => a.id === onItsOwn.id)).toMatchObject({ status: 'open', version: 1 });
    // Owners' contacts, added once.
    expect((await everyContact()).map((c) => [c.ownerKind, c.email, c.version])).toEqual(demoContacts.map((c) => [c.ownerKind, c.email, 1]));
  });
});
