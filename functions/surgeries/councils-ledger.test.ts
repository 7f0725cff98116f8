/**
 * The councils' ledger behind "councils seen in the last 12 months" (core/period-ledgers.ts) follows
 * the council list: a council is listed in its district when added, counted in its new district when
 * moved, and no longer listed once retired.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { readLedgers } from '../core/period-ledgers.js';
import { editCouncil, setCouncilStatus } from './councils.js';
import { aCouncil, exampleCouncil } from './fixtures.js';

beforeAll(() => useOwnTable('surgery-councils-ledger', { delivery: 'manual' }));

const councilsLedger = async () => (await readLedgers())['surgeries']?.['councils'];

describe('the councils’ ledger', () => {
  it('lists a council in its district, moves it with the council, and marks it retired', async () => {
    const council = await aCouncil({ districtCode: 'E07000129' }, new Date('2026-05-04T10:00:00Z'));
    expect((await councilsLedger())?.group?.[council.id]).toBe('E07000129');
    expect((await councilsLedger())?.listed[council.id]).toBe('2026-05-04');

    await editCouncil(council.id, exampleCouncil({ name: council.name, districtCode: 'E07000130' }), new Date('2026-06-01T10:00:00Z'), council.version);
    expect((await councilsLedger())?.group?.[council.id]).toBe('E07000130');

    await setCouncilStatus(council.id, 'retired', new Date('2026-07-01T10:00:00Z'));
    const ledger = await councilsLedger();
    expect(ledger?.retired[council.id]).toBe('2026-07-01');
    expect(ledger?.group?.[council.id]).toBe('E07000130');
  });
});
