/**
 * The council list as CSV: an import is checked row by row and previewed, nothing is written while any
 * row is wrong, and an export imports again (updating the same councils). Against DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../core/ui/csv.js';
import { councilRows, importCouncils, previewImport } from './council-import.js';
import { aCouncil, unique, uniqueEmail } from './fixtures.js';
import { getCouncil } from './store/councils.js';
import { listCouncils } from './councils.js';

const header = 'id,name,district,parishes,clerk_name,clerk_email,governance';

describe('importing councils', () => {
  it('lists every row’s problems before anything is written, and writes nothing', async () => {
    const existing = await aCouncil({ name: unique('Braunstone Town Council'), governance: 'town-council' });
    const fresh = unique('Cosby Parish Council');
    const csv = [
      header,
      `,${fresh},Blaby,Cosby,Kim Clerk,kim@example.org,Parish council`,
      `,${fresh},blaby,Cosby,,,parish council`,
      `,<script>alert(1)</script> Parish Council,Nowhere,,,not-an-email,Parish council`,
      `,${existing.name},Blaby,,,,Town council`,
      `no-such-id,Someone,Blaby,,,,Parish meeting`,
      `,,Blaby,,,,Tribal council`,
    ].join('\r\n');
    const preview = await previewImport(csv);
    expect(preview.ok).toBe(false);
    expect(preview.rows.map((r) => [r.line, r.action, r.errors])).toEqual([
      [2, 'add', []],
      [3, 'none', ['The same council is on line 2']],
      [4, 'none', ['“Nowhere” is not a district of Leicestershire or Rutland, or Leicester', 'Enter an email address in the correct format, like name@example.com']],
      [5, 'none', [`${existing.name} is already on the list (id ${existing.id}): put its id in the row to update it`]],
      [6, 'none', ['There is no council with the id no-such-id: leave the id empty to add a new council']],
      [7, 'none', ['“Tribal council” is not a parish council, town council or parish meeting', 'Enter the council’s name']],
    ]);
    await expect(importCouncils(csv)).rejects.toMatchObject({ code: 'import_invalid', kind: 'invalid', fields: expect.arrayContaining([{ field: 'csv.line3', message: 'Line 3: The same council is on line 2' }]) });
    expect((await listCouncils({ districtCode: 'E07000129' })).some((c) => c.name === fresh)).toBe(false);
  });

  it('refuses a file without the columns it needs, or with no councils', async () => {
    expect((await previewImport('council,area\nX,Y')).fileErrors).toEqual(['The header row is missing the columns name, district, governance (expected: id, name, district, parishes, clerk_name, clerk_email, governance)']);
    expect((await previewImport(header)).fileErrors).toEqual(['The file has a header row but no councils']);
    expect((await previewImport('')).fileErrors).toEqual(['The file is empty: it needs a header row and a row for each council']);
  });

  it('adds new councils and updates listed ones; an export imports again unchanged', async () => {
    const listed = await aCouncil({ name: unique('Enderby Parish Council') });
    const added = unique('Whetstone Parish Council');
    const email = uniqueEmail('whetstone');
    const csv = [header, `,${added},E07000129,Whetstone; Cosby,Lee Clerk,${email},parish council`, `${listed.id},${listed.name},Blaby,Enderby,New Clerk,,Parish council`].join('\n');
    const result = await importCouncils(csv);
    expect(result).toMatchObject({ added: 1, updated: 1 });
    const whetstone = (await listCouncils({ districtCode: 'E07000129' })).find((c) => c.name === added)!;
    expect(whetstone).toMatchObject({ parishes: ['Whetstone', 'Cosby'], clerkName: 'Lee Clerk', clerkEmail: email, governance: 'parish-council', status: 'active' });
    expect(await getCouncil(listed.id)).toMatchObject({ clerkName: 'New Clerk', parishes: ['Enderby'], version: 2 });
    expect((await getCouncil(listed.id))!.clerkEmail).toBeUndefined();

    const exported = toCsv(councilRows([whetstone]));
    expect(exported).toContain(`${whetstone.id},${added},Blaby,Whetstone; Cosby,Lee Clerk,${email},Parish council,E07000129,active`);
    const again = await importCouncils(exported);
    expect(again).toMatchObject({ added: 0, updated: 1 });
    expect(await getCouncil(whetstone.id)).toMatchObject({ name: added, parishes: ['Whetstone', 'Cosby'], version: 2 });
  });
});
