/**
 * The action log's staff pages and API, as staff use them: filter, add, change a status (and the
 * second of two people changing the same version is told and shown the action as it is now),
 * download; text people typed is shown as text everywhere.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, staffToken } from '../../../test/support/tokens.js';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { newAction } from '../../core/actions/actions.js';
import { putAction } from '../../core/actions/store.js';
import { transactWrite } from '../../core/store/transactions.js';
import { app } from '../app.js';
import { getAction } from '../store/actions.js';
import { recordAction } from '../tracking.js';

const { get, post } = requestsTo(app);
const XSS = '<script>alert(1)</script>';
let auth: Record<string, string>;
let other: Record<string, string>;

beforeAll(async () => {
  auth = bearer(await staffToken());
  other = bearer(await staffToken());
});

const unique = (what: string) => `${what} ${randomUUID().slice(0, 8)}`;

describe('the action list', () => {
  it('filters by every field and links each action', async () => {
    const what = unique(`Speed watch ${XSS}`);
    const action = await recordAction({ what, owner: { kind: 'road-safety-team' }, theme: 'speeding-road-safety', areaCode: 'E07000134', dueOn: '2020-01-01' }, { by: 'Opener' });
    const page = await get('/staff/actions?status=open&owner=road-safety-team&theme=speeding-road-safety&source=none&area=E07000134&overdue=yes', auth);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`href="/staff/actions/${action.id}"`);
    expect(html).toContain(what.replace('<script>', '&lt;script&gt;').replace('</script>', '&lt;/script&gt;'));
    expect(html).not.toContain(XSS);
    expect(html).toContain('Overdue');
    expect(await (await get('/staff/actions?status=done&source=none&area=E07000134', auth)).text()).not.toContain(action.id);
  });

  it('offers as sources the capabilities that raise actions, and finds the actions each raised', async () => {
    // Raised as a meeting and a consultation raise them: through core's contract, in their own transactions.
    const raise = async (capability: string, what: string) => {
      const action = newAction({ what, owner: { kind: 'chief-constable' } }, { by: 'Opener', source: { capability, kind: 'item', id: randomUUID(), label: `${capability}: ${what}` } });
      await transactWrite([{ name: 'action', write: putAction(action) }]);
      return action;
    };
    const fromMeeting = await raise('meetings', unique('Answer the question about 101'));
    const fromConsultation = await raise('consultations', unique('Say how the precept answers the survey'));
    const list = await (await get('/staff/actions', auth)).text();
    const select = /<select[^>]*name="source"[^>]*>(.*?)<\/select>/s.exec(list)![1]!;
    const sources = [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(sources).toEqual([': Any source', 'meetings: Meetings', 'surgeries: Surgeries', 'consultations: Consultations', 'community-days: Community days', 'none: None (raised on its own)']);
    expect(list).toContain('Every action arising from meetings, surgeries, consultations and community days, or raised on its own');
    const meetings = await (await get('/staff/actions?source=meetings', auth)).text();
    expect(meetings).toContain(`href="/staff/actions/${fromMeeting.id}"`);
    expect(meetings).not.toContain(fromConsultation.id);
    const consultations = await (await get('/staff/actions?source=consultations', auth)).text();
    expect(consultations).toContain(`href="/staff/actions/${fromConsultation.id}"`);
    expect(consultations).not.toContain(fromMeeting.id);
    expect(await (await get('/staff/actions/new', auth)).text()).toContain('For an action that does not arise from meetings, surgeries, consultations and community days. Actions arising from those are added on their own pages.');
  });

  it('answers 400 naming a filter that is not one of the choices', async () => {
    const page = await get('/staff/actions?status=lost&area=E99999999', auth);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Choose a status from the list');
    expect(html).toContain('Choose a council area from the list');
  });

  it('downloads the filtered actions as a spreadsheet, formulas shown as text', async () => {
    const what = unique('=1+2');
    await recordAction({ what, owner: { kind: 'chief-constable' }, areaCode: 'E06000017' }, { by: 'Opener' });
    const response = await get('/staff/actions/export.csv?area=E06000017', auth);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await response.text();
    expect(csv).toContain(`'${what}`);
    expect(csv.split('\r\n')[0]).toBe('Reference,What,Status,Owner,Theme,Council area,Source,Due,Overdue,Opened,Opened by,Closed,Latest update,Latest note');
  });
});

describe('adding an action', () => {
  it('records it and shows it, or names each field that is wrong', async () => {
    const bad = await post('/staff/actions/new', { what: '', ownerKind: 'staff-member', ownerName: '', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027' }, auth);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Enter what needs to be done');
    expect(html).toContain('Enter the name of the owner');
    expect(html).toContain('The due date must be a real date');

    const what = unique('Write to the Corporate Governance Board');
    const created = await post('/staff/actions/new', { what, ownerKind: 'corporate-governance-board', ownerName: '', theme: 'police-visibility', areaCode: '', 'dueOn-day': '1', 'dueOn-month': '6', 'dueOn-year': '2030' }, auth);
    expect(created.status).toBe(303);
    const path = redirectPath(created);
    expect(path).toMatch(/^\/staff\/actions\/[a-z0-9]+\?done=created$/);
    const page = await (await get(path, auth)).text();
    expect(page).toContain('Action added');
    expect(page).toContain(what);
    expect(page).toContain('1 June 2030');
  });
});

describe('changing a status', () => {
  it('saves a change with a note, and tells the second person who changed the same version, showing the action as it is now', async () => {
    const action = await recordAction({ what: unique('Ask for a PCSO patrol'), owner: { kind: 'npa-commander', name: 'Melton NPA' } }, { by: 'Opener' });
    const [first, second] = await Promise.all([
      post(`/staff/actions/${action.id}/status`, { version: '1', status: 'in-progress', note: `Asked the commander ${XSS}` }, auth),
      post(`/staff/actions/${action.id}/status`, { version: '1', status: 'done', note: 'Patrols started' }, other),
    ].sort(() => 0));
    const statuses = [first!.status, second!.status].sort();
    expect(statuses).toEqual([303, 409]);
    const refused = first!.status === 409 ? first! : second!;
    const html = await refused.text();
    expect(html).toContain('Someone else changed this action');
    expect(html).toContain('name="version" value="2"');
    const stored = await getAction(action.id, { consistent: true });
    expect(stored!.version).toBe(2);
    expect(stored!.history).toHaveLength(2);

    const page = await (await get(`/staff/actions/${action.id}`, auth)).text();
    if (stored!.status === 'in-progress') {
      expect(page).toContain('Asked the commander &lt;script&gt;');
      expect(page).not.toContain(XSS);
    }
  });

  it('through the API: 200 with the action, then 409 with the action as it is now for a stale version', async () => {
    const action = await recordAction({ what: unique('Road safety'), owner: { kind: 'road-safety-team' } }, { by: 'Opener' });
    const send = (body: unknown) => app.request(`/api/actions/${action.id}/status`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await send({ version: 1, status: 'done', note: 'Done' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'done', version: 2 });
    const stale = await send({ version: 1, status: 'open' });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'action_changed' }, current: { id: action.id, status: 'done', version: 2 } });
    const invalid = await send({ version: 2, status: 'finished' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { fields: [{ field: 'status' }] } });
  });
});

describe('passing an action on or giving it more time', () => {
  it('changes the owner and due date from the action page, showing each from and to in the history as text', async () => {
    const action = await recordAction({ what: unique('Ask about a crossing'), owner: { kind: 'road-safety-team' }, dueOn: '2031-03-01' }, { by: 'Opener' });
    const page = await (await get(`/staff/actions/${action.id}`, auth)).text();
    expect(page).toContain(`action="/staff/actions/${action.id}/owner"`);
    const missingName = await post(`/staff/actions/${action.id}/owner`, { version: '1', ownerKind: 'other-organisation', ownerName: '', 'dueOn-day': '1', 'dueOn-month': '3', 'dueOn-year': '2031' }, auth);
    expect(missingName.status).toBe(400);
    expect(await missingName.text()).toContain('<a href="#ownerName">Enter the name of the owner</a>');
    const same = await post(`/staff/actions/${action.id}/owner`, { version: '1', ownerKind: 'road-safety-team', ownerName: '', 'dueOn-day': '1', 'dueOn-month': '3', 'dueOn-year': '2031' }, auth);
    expect(same.status).toBe(400);
    expect(await same.text()).toContain('Choose a different owner or due date');
    const moved = await post(`/staff/actions/${action.id}/owner`, { version: '1', ownerKind: 'other-organisation', ownerName: `Highways ${XSS}`, 'dueOn-day': '30', 'dueOn-month': '6', 'dueOn-year': '2031', changeNote: 'The county’s road' }, auth);
    expect(moved.status).toBe(303);
    expect(redirectPath(moved)).toBe(`/staff/actions/${action.id}?done=owner-changed`);
    const shown = await (await get(redirectPath(moved), auth)).text();
    expect(shown).toContain('Owner: Road safety team → Another organisation: Highways &lt;script&gt;alert(1)&lt;/script&gt;; Due: 1 March 2031 → 30 June 2031');
    expect(shown).toContain('The county’s road');
    expect(shown).not.toContain(XSS);
    expect(await getAction(action.id, { consistent: true })).toMatchObject({ version: 2, owner: { kind: 'other-organisation', name: `Highways ${XSS}` }, dueOn: '2031-06-30' });
  });

  it('through the API: 200 with the action, 409 for a stale version, 400 naming a field', async () => {
    const action = await recordAction({ what: unique('Noise at night'), owner: { kind: 'chief-constable' } }, { by: 'Opener' });
    const send = (body: unknown) => app.request(`/api/actions/${action.id}/owner`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await send({ version: 1, owner: { kind: 'deputy-commissioner' }, dueOn: '2031-02-01' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ version: 2, owner: { kind: 'deputy-commissioner' }, dueOn: '2031-02-01', history: [{}, { changes: [{ field: 'owner', from: 'Chief Constable', to: 'Deputy Commissioner' }, { field: 'due', from: 'No due date', to: '1 February 2031' }] }] });
    const stale = await send({ version: 1, owner: { kind: 'road-safety-team' } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'action_changed' }, current: { version: 2 } });
    const invalid = await send({ version: 2, owner: { kind: 'staff-member' } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { fields: [{ field: 'owner.name' }] } });
  });
});
