/**
 * The action log against DynamoDB Local, on a table of this file's own so the whole log is known:
 * filters (actions raised by any capability through core's contract, or on their own), figures (opened
 * and closed per month, overdue now, median days to close, share on time) and the spreadsheet's rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { newAction } from '../core/actions/actions.js';
import type { Action, ActionSource, NewAction } from '../core/actions/model.js';
import { putAction } from '../core/actions/store.js';
import { transactWrite } from '../core/store/transactions.js';
import { actionFigures, median } from './figures.js';
import { actionRows, listActions } from './log.js';
import { changeActionStatus, recordAction } from './tracking.js';

beforeAll(async () => {
  await useOwnTable('action-log', { delivery: 'manual' });
});

const at = (iso: string) => new Date(iso);
const visitSource = { capability: 'community-days', kind: 'visit', id: 'visit-1', label: 'Community day: Coalville, Tuesday 3 March 2026' };

/** On its own through the log, or raised by a capability in its own transaction (core's contract). */
async function anAction(input: NewAction, openedAt: string, source?: ActionSource): Promise<Action> {
  if (!source) return recordAction(input, { by: 'Opener', now: at(openedAt) });
  const action = newAction(input, { by: 'Opener', now: at(openedAt), source });
  await transactWrite([{ name: 'action', write: putAction(action) }]);
  return action;
}

let actions: Record<string, Action>;

beforeAll(async () => {
  actions = {
    // Opened in January, done in February, due in March: on time, 31 days.
    speedWatch: await anAction({ what: 'Speed watch in Coalville', owner: { kind: 'road-safety-team' }, theme: 'speeding-road-safety', areaCode: 'E07000134', dueOn: '2026-03-01' }, '2026-01-10T10:00:00Z', visitSource),
    // Opened in January, closed with no action in April, due in February: late, 80 days.
    businessCrime: await anAction({ what: 'Business crime to the <b>Deputy</b>', owner: { kind: 'deputy-commissioner' }, theme: 'business-crime', dueOn: '2026-02-01' }, '2026-01-20T10:00:00Z', visitSource),
    // Opened in February, still open, due in the past: overdue.
    letter: await anAction({ what: '=HYPERLINK("http://evil.example")', owner: { kind: 'chief-constable' }, dueOn: '2026-02-15' }, '2026-02-01T10:00:00Z'),
    // Opened in March, in progress, due far ahead.
    commander: await anAction({ what: 'One-to-one with the Hinckley NPA commander', owner: { kind: 'npa-commander', name: 'Hinckley NPA' }, areaCode: 'E07000132', dueOn: '2099-01-01' }, '2026-03-05T10:00:00Z'),
  };
  await changeActionStatus(actions.speedWatch!.id, { version: 1, status: 'done', note: 'Two speed watches set up' }, { by: 'Closer', now: at('2026-02-10T10:00:00Z') });
  await changeActionStatus(actions.businessCrime!.id, { version: 1, status: 'closed-no-action' }, { by: 'Closer', now: at('2026-04-10T10:00:00Z') });
  await changeActionStatus(actions.commander!.id, { version: 1, status: 'in-progress' }, { by: 'Closer', now: at('2026-03-06T10:00:00Z') });
});

const ids = (list: Action[]) => list.map((a) => a.id).sort();
const now = at('2026-05-01T12:00:00Z');

describe('the action log', () => {
  it('lists every action newest first, and filters by status, owner, theme, source, council area and overdue', async () => {
    expect((await listActions({}, now)).map((a) => a.what)).toEqual([
      'One-to-one with the Hinckley NPA commander',
      '=HYPERLINK("http://evil.example")',
      'Business crime to the <b>Deputy</b>',
      'Speed watch in Coalville',
    ]);
    expect(ids(await listActions({ status: 'done' }, now))).toEqual([actions.speedWatch!.id]);
    expect(ids(await listActions({ owner: 'npa-commander' }, now))).toEqual([actions.commander!.id]);
    expect(ids(await listActions({ theme: 'business-crime' }, now))).toEqual([actions.businessCrime!.id]);
    expect(ids(await listActions({ source: 'community-days' }, now))).toEqual(ids([actions.speedWatch!, actions.businessCrime!]));
    expect(ids(await listActions({ source: 'none' }, now))).toEqual(ids([actions.letter!, actions.commander!]));
    expect(ids(await listActions({ areaCode: 'E07000132' }, now))).toEqual([actions.commander!.id]);
    expect(ids(await listActions({ overdue: true }, now))).toEqual([actions.letter!.id]);
    expect(ids(await listActions({ overdue: true, source: 'community-days' }, now))).toEqual([]);
  });

  it('counts opened and closed per month, overdue now, the median days to close and the share closed on time', async () => {
    const figures = actionFigures(await listActions({}, now), { firstMonth: '2026-01', lastMonth: '2026-04', today: '2026-05-01' });
    expect(figures.months).toEqual([
      { month: '2026-01', opened: 2, closed: 0 },
      { month: '2026-02', opened: 1, closed: 1 },
      { month: '2026-03', opened: 1, closed: 0 },
      { month: '2026-04', opened: 0, closed: 1 },
    ]);
    expect(figures).toMatchObject({ openNow: 2, overdueNow: 1, medianDaysToClose: (31 + 80) / 2, onTimeShare: 0.5, closedWithDueDate: 2, closedOnTime: 1 });
    expect(actionFigures(await listActions({}, now), { firstMonth: '2026-03', lastMonth: '2026-03', today: '2026-05-01' })).toMatchObject({ closedWithDueDate: 0 });
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeUndefined();
  });

  it('gives a spreadsheet row per action, with its latest note and text kept as text', async () => {
    const rows = actionRows(await listActions({ source: 'community-days' }, now), '2026-05-01');
    expect(rows[0]).toContain('Latest note');
    const speedWatch = rows.find((r) => r[1] === 'Speed watch in Coalville')!;
    expect(speedWatch).toEqual([
      actions.speedWatch!.id, 'Speed watch in Coalville', 'Done', 'Road safety team', 'Speeding and road safety', 'North West Leicestershire',
      'Community day: Coalville, Tuesday 3 March 2026', '2026-03-01', 'No', '2026-01-10', 'Opener', '2026-02-10', '2026-02-10 Closer: Status: Done', 'Two speed watches set up',
    ]);
  });
});
