/**
 * The admin role's purpose: the few destructive or organisation-wide actions are an admin's alone
 * (see docs/decisions.md). Staff are refused with 403 and nothing changes, their pages do not offer
 * the action, and an admin is let through to the action's own answer.
 *
 * - taking a consultation's published results page down
 * - deleting a logged community-day visit (page and API)
 * - importing the parish and town council list for surgeries (pages and API)
 */
import { describe, expect, it } from 'vitest';
import { aVisit, places, unique } from '../../functions/community-days/fixtures.js';
import { getVisit } from '../../functions/community-days/visits.js';
import { closeConsultation, getConsultation, publishResults } from '../../functions/consultations/consultations.js';
import { anOpenConsultation, respond } from '../../functions/consultations/fixtures.js';
import { listCouncils } from '../../functions/surgeries/councils.js';
import { createPlatformApp } from '../../local/server.js';
import { ORIGIN } from '../support/requests.js';
import { adminToken, bearer, staffToken } from '../support/tokens.js';

const platform = await createPlatformApp();
const asStaff = { cookie: `session=${await staffToken()}` };
const asAdmin = { cookie: `session=${await adminToken()}` };
const staffApi = bearer(await staffToken());
const adminApi = bearer(await adminToken());

const get = (path: string, who: Record<string, string>) => platform.request(path, { headers: who });
const post = (path: string, who: Record<string, string>, fields: Record<string, string> = {}) =>
  platform.request(path, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...who }, body: new URLSearchParams(fields).toString() });
const json = (method: string, path: string, who: Record<string, string>, body?: unknown) =>
  platform.request(path, { method, headers: { ...who, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const recentDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

describe('taking published consultation results down', () => {
  it('is refused to staff (403, the page stays up) and not offered to them; an admin takes it down', async () => {
    const open = await anOpenConsultation();
    await respond(open);
    await closeConsultation(open.id);
    const consultation = await publishResults(open.id, { includeFlagged: true });
    const decision = `/staff/consultations/${consultation.id}/decision`;

    const staffPage = await (await get(decision, asStaff)).text();
    expect(staffPage).not.toContain('Take the results page down');
    expect(staffPage).toContain('Only an administrator can take the results page down.');
    expect((await post(`/staff/consultations/${consultation.id}/withdraw-results`, asStaff)).status).toBe(403);
    expect((await getConsultation(consultation.id))?.resultsPublishedAt).toBe(consultation.resultsPublishedAt);
    const comingSoon = 'We will publish the results, and what the Commissioner decided, on this page.';
    expect(await (await platform.request(`/consultations/${consultation.id}/results`)).text()).not.toContain(comingSoon);

    expect(await (await get(decision, asAdmin)).text()).toContain('Take the results page down');
    const withdrawn = await post(`/staff/consultations/${consultation.id}/withdraw-results`, asAdmin);
    expect(withdrawn.status).toBe(303);
    expect((await getConsultation(consultation.id))?.resultsPublishedAt).toBeUndefined();
    expect(await (await platform.request(`/consultations/${consultation.id}/results`)).text()).toContain(comingSoon);
  });
});

describe('deleting a logged visit', () => {
  it('is refused to staff on the pages and the API (403, the visit stays) and not offered to them; an admin deletes', async () => {
    const visit = await aVisit({ place: places.ketton, day: recentDay(3) }, { placeName: unique('Ketton') });
    const visitPage = `/staff/community-days/visits/${visit.id}`;

    expect(await (await get(visitPage, asStaff)).text()).not.toContain(`${visitPage}/delete`);
    expect((await get(`${visitPage}/delete?version=1`, asStaff)).status).toBe(403);
    expect((await post(`${visitPage}/delete?version=1`, asStaff)).status).toBe(403);
    expect((await json('DELETE', `/api/community-days/visits/${visit.id}?version=1`, staffApi)).status).toBe(403);
    expect((await getVisit(visit.id))?.deletedAt).toBeUndefined();

    expect(await (await get(visitPage, asAdmin)).text()).toContain(`${visitPage}/delete?version=1`);
    const deleted = await post(`${visitPage}/delete?version=1`, asAdmin);
    expect(deleted.status).toBe(303);
    expect((await getVisit(visit.id))?.deletedAt).toBeDefined();

    const another = await aVisit({ place: places.syston, day: recentDay(3) });
    expect((await json('DELETE', `/api/community-days/visits/${another.id}?version=1`, adminApi)).status).toBe(200);
    expect((await getVisit(another.id))?.deletedAt).toBeDefined();
  });
});

describe('importing the council list', () => {
  it('is refused to staff on the pages and the API (403, nothing imported) and not offered to them; an admin imports', async () => {
    const name = unique('Barrowden Parish Council');
    const csv = `name,district,governance\n${name},Rutland,parish council\n`;
    const imported = async () => (await listCouncils({ districtCode: 'E06000017' })).some((c) => c.name === name);

    expect(await (await get('/staff/surgeries/councils', asStaff)).text()).not.toContain('/staff/surgeries/councils/import');
    expect((await get('/staff/surgeries/councils/import', asStaff)).status).toBe(403);
    expect((await post('/staff/surgeries/councils/import/confirm', asStaff, { csv })).status).toBe(403);
    expect((await json('POST', '/api/surgeries/councils/import', staffApi, { csv })).status).toBe(403);
    expect(await imported()).toBe(false);

    expect(await (await get('/staff/surgeries/councils', asAdmin)).text()).toContain('/staff/surgeries/councils/import');
    expect((await get('/staff/surgeries/councils/import', asAdmin)).status).toBe(200);
    const done = await post('/staff/surgeries/councils/import/confirm', asAdmin, { csv });
    expect(done.status).toBe(303);
    expect(await (await get(done.headers.get('location')!, asAdmin)).text()).toContain('Imported: 1 added, 0 updated');
    expect(await imported()).toBe(true);
    const viaApi = await json('POST', '/api/surgeries/councils/import', adminApi, { csv: `name,district,governance\n${unique('Ayston Parish Meeting')},Rutland,parish meeting\n` });
    expect(viaApi.status).toBe(200);
  });
});
