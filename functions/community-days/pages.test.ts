/**
 * Community days' pages and API as people use them, with JavaScript off: the public page shows
 * published visits only, each at its ward's centre and never its exact point or notes; staff log, edit
 * (the second of two editors is told), delete and add actions through the forms, every bad field named;
 * the map endpoint answers GeoJSON; `<script>` typed anywhere shows as text on the page, in the SVG, the
 * table, the GeoJSON and the spreadsheets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, bearer, staffToken } from '../../test/support/tokens.js';
import { redirectPath, requestsTo } from '../../test/support/requests.js';
import { actionsFrom } from '../core/actions/store.js';
import { wardByCode } from '../core/geography.js';
import { mapPointWrite } from '../core/map-layers.js';
import { transactWrite } from '../core/store/transactions.js';
import { atLondonTime, formatDay, londonDay } from '../core/time.js';
import { app } from './app.js';
import { quarterCounters } from '../core/period-figures.js';
import { quarterContaining } from '../core/periods.js';
import { aVisit, places, recentDay, unique, visitFormFields, whereIs } from './fixtures.js';
import type { Visit } from './model.js';
import { getVisit } from './visits.js';

const { get, post } = requestsTo(app);
const XSS = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
let auth: Record<string, string>;

beforeAll(async () => {
  auth = bearer(await staffToken());
});

const around = (day: string) => {
  const [y, m, d] = day.split('-');
  return { period: 'dates', 'from-day': d!, 'from-month': m!, 'from-year': y!, 'to-day': d!, 'to-month': m!, 'to-year': y! };
};
const query = (values: Record<string, string>) => new URLSearchParams(values).toString();

/** A form post with the themes repeated, as a browser sends checkboxes. */
function postForm(path: string, fields: Record<string, string>, themes: string[] = []) {
  const body = new URLSearchParams(fields);
  body.delete('themes');
  for (const t of themes) body.append('themes', t);
  return app.request(path, { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded', ...auth }, body: body.toString() });
}

describe('the public page and map', () => {
  let published: Visit;
  let unpublished: Visit;
  const day = recentDay(2);
  beforeAll(async () => {
    published = await aVisit({ place: places.uppingham, day }, { placeName: unique(`Uppingham ${XSS}`), publicSummary: `Summary ${XSS}`, notes: 'A private note about 12 Acacia Avenue' });
    unpublished = await aVisit({ place: places.uppingham, day }, { placeName: unique('Secret Uppingham visit'), published: false, publicSummary: undefined });
  });

  it('shows published visits only, with their summaries, text shown as text, and no notes', async () => {
    const response = await get(`/community-days?${query(around(day))}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(published.placeName.replace(XSS, ESCAPED));
    expect(html).toContain(`Summary ${ESCAPED}`);
    expect(html).not.toContain(XSS);
    expect(html).not.toContain(unpublished.placeName);
    expect(html).not.toContain('Acacia Avenue');
    expect(html).toContain('<svg class="app-choropleth"');
    expect(html).toContain('Contains OS data © Crown copyright');
    expect(html).toMatch(/<td class="govuk-table__cell">Rutland<\/td><td class="govuk-table__cell">\d+<\/td>/);
  });

  it('answers GeoJSON with each published visit at its ward’s centre, never its exact point', async () => {
    const response = await get(`/api/community-days/map?period=dates&from=${day}&to=${day}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/geo+json');
    const map = (await response.json()) as { type: string; features: Array<{ geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }> };
    expect(map.type).toBe('FeatureCollection');
    const visits = map.features.filter((f) => f.properties['kind'] === 'visit');
    const mine = visits.find((f) => f.properties['id'] === published.id)!;
    const centre = wardByCode(published.wardCode)!.centre;
    expect(mine.geometry).toEqual({ type: 'Point', coordinates: [centre.longitude, centre.latitude] });
    expect(mine.properties).toMatchObject({ place: published.placeName, summary: `Summary ${XSS}`, approximate: true });
    expect(mine.properties).not.toHaveProperty('href');
    for (const visit of visits) expect(visit.geometry.coordinates).not.toEqual([places.uppingham.longitude, places.uppingham.latitude]);
    expect(visits.map((f) => f.properties['id'])).not.toContain(unpublished.id);
    expect(JSON.stringify(map)).not.toContain('Acacia Avenue');
    const rutland = map.features.find((f) => f.properties['code'] === 'E06000017')!;
    expect(rutland.geometry.type).toBe('Polygon');
    expect(rutland.properties).toMatchObject({ kind: 'council-area', name: 'Rutland', targetMet: true, target: 1 });
  });

  it('gives staff every visit at its exact point', async () => {
    const response = await get(`/api/community-days/staff-map?period=dates&from=${day}&to=${day}`, auth);
    expect(response.status).toBe(200);
    const map = (await response.json()) as { features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }> };
    const ids = map.features.map((f) => f.properties['id']);
    expect(ids).toEqual(expect.arrayContaining([published.id, unpublished.id]));
    const mine = map.features.find((f) => f.properties['id'] === published.id)!;
    expect(mine.geometry.coordinates).toEqual([places.uppingham.longitude, places.uppingham.latitude]);
    expect(mine.properties).toMatchObject({ href: `/staff/community-days/visits/${published.id}`, published: true, approximate: false });
    expect((await get(`/api/community-days/staff-map?period=dates&from=${day}&to=${day}`)).status).toBe(401);
  });

  it('shows staff the points other capabilities wrote to the table, as layers on the map and as tables, and never to the public', async () => {
    const [meeting, session] = [`meeting-${unique('m').split(' ')[1]}`, `session-${unique('s').split(' ')[1]}`];
    const at = atLondonTime(day, 18).toISOString();
    // As meetings and surgeries write them, in the transaction of the change that places the thing.
    await transactWrite([
      mapPointWrite('meetings', { id: meeting, latitude: 52.766, longitude: -0.887, at, title: `Melton public meeting ${XSS}`, areaCode: 'E07000133', href: `/staff/meetings/${meeting}` }),
      mapPointWrite('surgeries', { id: session, latitude: 52.4556, longitude: -1.2, at, title: 'Lutterworth Town Hall', areaCode: 'E07000131' }),
    ]);
    const api = await get(`/api/community-days/staff-map?period=dates&from=${day}&to=${day}`, auth);
    const map = (await api.json()) as { overlays: Array<Record<string, unknown>>; features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }> };
    expect(map.overlays.map((o) => o['capability'])).toEqual(['meetings', 'surgeries']);
    expect(map.overlays[0]).toMatchObject({ label: 'Public meetings', marker: 'M', unavailable: false });
    const point = map.features.find((f) => f.properties['id'] === meeting)!;
    expect(point.geometry.coordinates).toEqual([-0.887, 52.766]);
    expect(point.properties).toMatchObject({ kind: 'overlay', layer: 'meetings', layerLabel: 'Public meetings', marker: 'M', title: `Melton public meeting ${XSS}`, href: `/staff/meetings/${meeting}` });
    expect(map.features.find((f) => f.properties['id'] === session)!.properties).toMatchObject({ layer: 'surgeries', marker: 'S' });

    const page = await (await get(`/staff/community-days/map?${query(around(day))}`, auth)).text();
    expect(page).toContain('<h2 class="govuk-heading-m">Public meetings</h2>');
    expect(page).toContain(`<a class="govuk-link" href="/staff/meetings/${meeting}">Melton public meeting ${ESCAPED}</a>`);
    expect(page).toContain('Lutterworth Town Hall');
    expect(page).not.toContain(XSS);

    const publicMap = (await (await get(`/api/community-days/map?period=dates&from=${day}&to=${day}`)).json()) as { overlays: unknown[]; features: Array<{ properties: Record<string, unknown> }> };
    expect(publicMap.overlays).toEqual([]);
    expect(publicMap.features.filter((f) => f.properties['kind'] === 'overlay')).toEqual([]);
    expect(await (await get(`/community-days?${query(around(day))}`)).text()).not.toContain('Melton public meeting');
  });

  it('adds a configured tile layer to the map data and lets the map pages load its images', async () => {
    Object.assign(process.env, { MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Example Tiles <b>Ltd</b>' });
    try {
      const page = await get('/community-days');
      expect(page.headers.get('content-security-policy')).toMatch(/img-src 'self' data: https:\/\/tiles\.example\.org;/);
      const map = (await (await get('/api/community-days/map')).json()) as { tiles: unknown };
      expect(map.tiles).toEqual({ url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Example Tiles <b>Ltd</b>' });
    } finally {
      delete process.env['MAP_TILE_URL'];
      delete process.env['MAP_TILE_ATTRIBUTION'];
    }
    expect((await get('/community-days')).headers.get('content-security-policy')).toMatch(/img-src 'self' data: ?;/);
  });

  it('refuses a period it cannot read, naming the field (400), on the page and the API', async () => {
    const api = await get('/api/community-days/map?period=dates&from=2026-05-01&to=2026-04-01');
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { fields: [{ field: 'query.to', message: 'The last day must be the same as or after the first day' }] } });
    expect((await get('/api/community-days/map?theme=bananas')).status).toBe(400);
    const page = await get('/community-days?period=dates&from-day=31&from-month=2&from-year=2026');
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('The first day must be a real date');
    expect(html).toContain('Enter the last day of the period');
  });
});

describe('logging a visit through the form', () => {
  it('asks who attended for the office, and counts the engagement under them for the office’s reports', async () => {
    const day = recentDay(4);
    const quarter = quarterContaining(`${day}T12:00:00Z`).id;
    const counted = async () => (await quarterCounters(quarter))['community-days'] ?? {};
    const before = await counted();
    expect((await postForm('/staff/community-days/visits/new', visitFormFields({ attendedFor: 'deputy' }, day), ['rural-crime'])).status).toBe(303);
    const after = await counted();
    // Other tests' visits are the Commissioner's: the Deputy's moved by this one alone (10am to 3:30pm).
    expect([(after['events|deputy'] ?? 0) - (before['events|deputy'] ?? 0), (after['hours|deputy'] ?? 0) - (before['hours|deputy'] ?? 0)]).toEqual([1, 5.5]);
  });

  it('logs it and shows it, with its notes to staff', async () => {
    const form = visitFormFields({ notes: `Notes ${XSS}`, 'met-businesses-organisations': `Shop ${XSS}` });
    const response = await postForm('/staff/community-days/visits/new', form, ['speeding-road-safety', 'rural-crime']);
    expect(response.status).toBe(303);
    const path = redirectPath(response);
    expect(path).toMatch(/^\/staff\/community-days\/visits\/[a-z0-9]+\?done=logged$/);
    const html = await (await get(path, auth)).text();
    expect(html).toContain('Visit logged');
    expect(html).toContain(form.placeName);
    expect(html).toContain(`Notes ${ESCAPED}`);
    expect(html).toContain(`Shop ${ESCAPED}`);
    expect(html).not.toContain(XSS);
    expect(html).toContain('Speeding and road safety, Rural and wildlife crime');
    expect(html).toContain('10am to 3:30pm');
  });

  it('names every field that is wrong and writes nothing', async () => {
    const placeName = unique('Nowhere');
    const response = await postForm(
      '/staff/community-days/visits/new',
      visitFormFields({ placeName, areaCode: 'E06000017', latitude: '52.9548', longitude: '-1.1581', endTime: '9am', 'met-schools': 'lots', setting: '', published: 'yes', publicSummary: '' }),
      ['not-a-theme'],
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const message of [
      'The end must be after the start',
      'Kegworth is in North West Leicestershire, not Rutland',
      'The location is outside Leicester, Leicestershire and Rutland',
      'Say whether the place is urban or rural',
      'Enter how many schools were met as a whole number',
      'Choose a theme from the list',
      'Enter a public summary to publish the visit',
    ]) {
      expect(html).toContain(message);
    }
    expect(html).toContain('<title>Error: Log a visit');
    const list = await (await get(`/staff/community-days?period=last-12-weeks`, auth)).text();
    expect(list).not.toContain(placeName);
  });

  it('refuses a visit in the future', async () => {
    const tomorrow = londonDay(new Date(Date.now() + 2 * 86_400_000));
    const response = await postForm('/staff/community-days/visits/new', visitFormFields({}, tomorrow), []);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The visit must be today or in the past');
  });
});

describe('editing, deleting and adding actions', () => {
  it('saves an edit, and tells the second person editing the same version', async () => {
    const visit = await aVisit({ place: places.oakham, day: recentDay(5) });
    const edit = (placeName: string) => postForm(`/staff/community-days/visits/${visit.id}/edit`, { ...visitFormFields({ ...whereIs(places.oakham), latitude: '52.67', longitude: '-0.727', placeName, version: '1' }, recentDay(5)) }, ['rural-crime']);
    const first = await edit('Oakham market');
    expect(first.status).toBe(303);
    const second = await edit('Oakham castle');
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('Someone else changed this visit while you were editing it');
    expect(html).toContain('name="version" value="2"');
    expect((await getVisit(visit.id))!.placeName).toBe('Oakham market');
  });

  it('adds an action linked to the visit, naming wrong fields', async () => {
    const visit = await aVisit({ place: places.melton, day: recentDay(6) });
    const bad = await post(`/staff/community-days/visits/${visit.id}/actions/new`, { what: '', ownerKind: 'the-mayor' }, auth);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose who owns the action');
    const ok = await post(`/staff/community-days/visits/${visit.id}/actions/new`, { what: `Speed watch ${XSS}`, ownerKind: 'road-safety-team', areaCode: 'E07000133', theme: '' }, auth);
    expect(ok.status).toBe(303);
    const [action] = await actionsFrom('community-days', visit.id);
    expect(action).toMatchObject({ what: `Speed watch ${XSS}`, areaCode: 'E07000133', source: { id: visit.id } });
    const page = await (await get(`/staff/community-days/visits/${visit.id}`, auth)).text();
    expect(page).toContain(`href="/staff/actions/${action!.id}"`);
    expect(page).toContain(`Speed watch ${ESCAPED}`);
  });

  it('shows an action\'s due date in words, as the action log does, and says when it is overdue', async () => {
    const visit = await aVisit({ place: places.melton, day: recentDay(6) });
    const due = { 'dueOn-day': '3', 'dueOn-month': '12', 'dueOn-year': '2099' };
    expect((await post(`/staff/community-days/visits/${visit.id}/actions/new`, { what: 'Later', ownerKind: 'road-safety-team', ...due }, auth)).status).toBe(303);
    const past = recentDay(10);
    const [y, m, d] = past.split('-').map(Number);
    expect((await post(`/staff/community-days/visits/${visit.id}/actions/new`, { what: 'Late', ownerKind: 'road-safety-team', 'dueOn-day': String(d), 'dueOn-month': String(m), 'dueOn-year': String(y) }, auth)).status).toBe(303);
    const page = await (await get(`/staff/community-days/visits/${visit.id}`, auth)).text();
    expect(page).toContain('<td class="govuk-table__cell">3 December 2099 </td>');
    expect(page).toContain(`<td class="govuk-table__cell">${formatDay(past)} <strong class="govuk-tag govuk-tag--red">Overdue</strong></td>`);
    expect(page).not.toContain('2099-12-03');
    expect(page).not.toContain(past);
  });

  it('deletes after confirming (an admin’s action), and the visit leaves the public page', async () => {
    const admin = bearer(await adminToken());
    const day = recentDay(4);
    const visit = await aVisit({ place: places.ketton, day }, { placeName: unique('Ketton') });
    expect(await (await get(`/community-days?${query(around(day))}`)).text()).toContain(visit.placeName);
    const confirm = await get(`/staff/community-days/visits/${visit.id}/delete?version=1`, admin);
    expect(await confirm.text()).toContain('Are you sure you want to delete this visit?');
    const stale = await post(`/staff/community-days/visits/${visit.id}/delete?version=9`, {}, admin);
    expect(stale.status).toBe(409);
    const deleted = await post(`/staff/community-days/visits/${visit.id}/delete?version=1`, {}, admin);
    expect(deleted.status).toBe(303);
    expect(redirectPath(deleted)).toBe('/staff/community-days?done=deleted');
    expect(await (await get(`/community-days?${query(around(day))}`)).text()).not.toContain(visit.placeName);
    expect(await (await get(`/staff/community-days/visits/${visit.id}`, auth)).text()).toContain('This visit was deleted');
  });
});

describe('the API', () => {
  it('logs a visit with its actions (201), and refuses bad input with 400 naming the field, writing nothing', async () => {
    const startsAt = atLondonTime(recentDay(8), 11).toISOString();
    const body = {
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString(),
      ...whereIs(places.bellFoundry),
      placeName: unique('Bell Foundry'),
      setting: 'urban',
      met: [{ kind: 'businesses', count: 4, organisations: ['Taylor’s Bell Foundry'] }],
      themes: ['business-crime'],
      published: true,
      publicSummary: 'Business crime.',
      actions: [{ what: 'Business crime to the Deputy Commissioner', owner: { kind: 'deputy-commissioner' } }],
    };
    const send = (b: unknown) => app.request('/api/community-days/visits', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(b) });
    const created = await send(body);
    expect(created.status).toBe(201);
    const visit = (await created.json()) as Visit;
    expect(visit).toMatchObject({ areaCode: 'E07000130', actionCount: 1, version: 1 });
    expect(await actionsFrom('community-days', visit.id)).toHaveLength(1);

    const wrongWard = await send({ ...body, placeName: unique('Wrong'), wardCode: whereIs(places.melton).wardCode });
    expect(wrongWard.status).toBe(400);
    expect(await wrongWard.json()).toMatchObject({ error: { fields: [{ field: 'wardCode', message: expect.stringMatching(/is in Melton, not Charnwood$/) }] } });
    const unknownOwner = await send({ ...body, actions: [{ what: 'x', owner: { kind: 'nobody' } }] });
    expect(unknownOwner.status).toBe(400);
    expect(await unknownOwner.json()).toMatchObject({ error: { fields: [{ field: 'actions.0.owner.kind' }] } });
    const extra = await send({ ...body, notAField: 1 });
    expect(extra.status).toBe(400);
  });

  it('edits against the version: 409 with the visit as it is now', async () => {
    const visit = await aVisit({ place: places.syston, day: recentDay(9) });
    const { id: _id, point, version: _v, actionCount: _a, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, history: _h, ...rest } = visit;
    const body = { ...rest, latitude: point!.latitude, longitude: point!.longitude, placeName: 'Syston library', version: 1 };
    const put = (b: unknown) => app.request(`/api/community-days/visits/${visit.id}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(b) });
    expect((await put(body)).status).toBe(200);
    const stale = await put({ ...body, placeName: 'Syston station' });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'visit_changed' }, current: { placeName: 'Syston library', version: 2 } });
    const admin = bearer(await adminToken());
    const gone = await app.request(`/api/community-days/visits/${visit.id}?version=2`, { method: 'DELETE', headers: admin });
    expect(gone.status).toBe(200);
    const again = await app.request(`/api/community-days/visits/${visit.id}?version=3`, { method: 'DELETE', headers: admin });
    expect(again.status).toBe(410);
  });
});

describe('the dashboard', () => {
  it('shows the period’s tables, and each as a spreadsheet with text kept as text', async () => {
    const day = recentDay(10);
    await aVisit({ place: places.asfordby, day }, { met: [{ kind: 'community-groups', count: 3, organisations: ['=cmd|calc', `Group ${XSS}`] }], themes: ['rural-crime'] });
    const q = query(around(day));
    const page = await get(`/staff/community-days/dashboard?${q}`, auth);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Visits by council area against the target');
    expect(html).toContain('Hours of engagement');
    expect(html).toContain(`/staff/community-days/dashboard/coverage.csv?period=dates&amp;from=${day}&amp;to=${day}`);
    const csv = await get(`/staff/community-days/dashboard/groups-met.csv?${q}`, auth);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="community-days-groups-met-${day}-to-${day}.csv"`);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toMatch(/^Who,Number met,Visits where met,Blaby,/);
    expect(text).toMatch(/Community groups,\d+,\d+/);
    const coverage = (await (await get(`/staff/community-days/dashboard/coverage.csv?${q}`, auth)).text()).split('\r\n');
    expect(coverage[0]).toBe('Council area,Visits,Target,Target met,Urban,Rural,Hours of engagement,People and groups met,Last visit,Last visit place');
    expect(coverage.find((row) => row.startsWith('Melton,'))).toMatch(new RegExp(`,${day},[^,]+$`));
    expect(html).not.toContain(`>${day}<`);
    expect((await get(`/staff/community-days/dashboard/nothing.csv?${q}`, auth)).status).toBe(404);
    const api = await get(`/api/community-days/dashboard/themes?period=dates&from=${day}&to=${day}`, auth);
    expect(api.status).toBe(200);
    expect(await api.text()).toContain('Rural and wildlife crime');
  });
});
