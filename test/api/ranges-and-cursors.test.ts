/**
 * Dates outside the platform's years and page cursors the platform did not issue are the caller's
 * mistake, in every capability: a 400 that names the field, never a 500 (`RangeError: Invalid time
 * value` from a day after 9999-12-31, `ValidationException` from a start key DynamoDB rejects).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anOpenConsultation, exampleAnswers, respond } from '../../functions/consultations/fixtures.js';
import type { Consultation } from '../../functions/consultations/model.js';
import { createPlatformApp } from '../../local/server.js';
import { bearer, staffToken } from '../support/tokens.js';

const platform = await createPlatformApp();
const staff = { ...bearer(await staffToken()) };
const session = { cookie: `session=${await staffToken()}` };

async function fields(response: Response): Promise<string[]> {
  const body = (await response.json()) as { error: { code: string; fields?: Array<{ field: string }> } };
  return (body.error.fields ?? []).map((f) => f.field);
}

const toYear9999 = 'period=dates&from=2026-01-01&to=9999-12-31';

describe('dates outside the platform’s years', () => {
  it.each([
    ['/api/community-days/map', {}],
    ['/api/community-days/staff-map', staff],
    ['/api/community-days/visits', staff],
    ['/api/community-days/dashboard', staff],
    ['/api/community-days/dashboard/coverage', staff],
  ])('GET %s?…to=9999-12-31 is a 400 naming query.to', async (path, headers) => {
    const response = await platform.request(`${path}?${toYear9999}`, { headers });
    expect(response.status).toBe(400);
    expect(await fields(response)).toEqual(['query.to']);
  });

  it.each([
    ['/api/community-days/map?period=dates&from=0001-01-01&to=2026-01-01', {}, 'query.from'],
    ['/api/reports/attendance?from=2026-01-01&to=9999-12-31', staff, 'query.to'],
    ['/api/surgeries/themes?from=2026-01-01&to=9999-12-31', staff, 'query.to'],
    ['/api/actions/figures?from=2026-01&to=9999-12', staff, 'query.to'],
    ['/api/actions/figures?from=0001-01&to=2026-12', staff, 'query.from'],
  ])('GET %s is a 400 naming the field', async (path, headers, field) => {
    const response = await platform.request(path, { headers });
    expect(response.status).toBe(400);
    expect(await fields(response)).toEqual([field]);
  });

  it.each(['9999-99-99', '9999-12-31', '2026-02-30'])('an action due on %s is refused (400 naming dueOn), not stored to break the action log', async (dueOn) => {
    const response = await platform.request('/api/actions', {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({ what: `Due ${dueOn}`, owner: { kind: 'chief-constable' }, dueOn }),
    });
    expect(response.status).toBe(400);
    expect(await fields(response)).toEqual(['dueOn']);
    expect((await platform.request('/staff/actions', { headers: session })).status).toBe(200);
  });

  const typedTo9999 = 'from-day=1&from-month=1&from-year=2026&to-day=31&to-month=12&to-year=9999';
  it.each([
    ['/community-days', `period=dates&${typedTo9999}`],
    ['/staff/community-days', `period=dates&${typedTo9999}`],
    ['/staff/community-days/map', `period=dates&${typedTo9999}`],
    ['/staff/community-days/dashboard', `period=dates&${typedTo9999}`],
    ['/staff/meetings/report', typedTo9999],
    ['/staff/surgeries/coverage', typedTo9999],
    ['/staff/actions/figures', typedTo9999],
  ])('the page %s with a year of 9999 typed is shown again with the error (400)', async (path, query) => {
    const response = await platform.request(`${path}?${query}`, { headers: session });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('There is a problem');
    expect(html).toMatch(/must be in a year from 2000 to 2100/);
    expect(html).toContain('href="#to"');
  });
});

describe('page cursors', () => {
  let consultation: Consultation;
  let other: Consultation;
  let next: string;
  const comments = (c: Consultation, after: string) => platform.request(`/staff/consultations/${c.id}/comments?question=q6&after=${encodeURIComponent(after)}`, { headers: session });

  beforeAll(async () => {
    [consultation, other] = await Promise.all([anOpenConsultation(), anOpenConsultation()]);
    for (const c of [consultation, other]) {
      for (let i = 0; i < 21; i++) await respond(c, exampleAnswers({ q6: { text: `Comment ${i} on ${c.id}` } }));
    }
    const first = await platform.request(`/staff/consultations/${consultation.id}/comments?question=q6`, { headers: session });
    expect(first.status).toBe(200);
    next = decodeURIComponent((await first.text()).match(/comments\?question=q6&amp;after=([^"&]+)"/)![1]!);
  }, 60_000);

  it('a cursor the platform issued opens the next page', async () => {
    const response = await comments(consultation, next);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`on ${consultation.id}`);
  });

  it.each([
    ['changed by hand', () => `${next.slice(0, 5)}${next[5] === 'A' ? 'B' : 'A'}${next.slice(6)}`],
    ['made up (an unsigned start key)', () => Buffer.from(JSON.stringify({ pk: { S: 'X' }, sk: { S: 'Y' } })).toString('base64url')],
    ['made up, with a signature of the right shape', () => `${next.split('.')[0]}.${'A'.repeat(43)}`],
    ['not base64 at all', () => '%%%'],
  ])('a cursor %s is a 400 naming the field', async (_, cursor) => {
    const response = await comments(consultation, cursor());
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('This link to a page of the list is not valid');
  });

  it('a cursor issued for another consultation’s comments is refused, not used to read them', async () => {
    const response = await comments(other, next);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(`on ${consultation.id}`);
  });
});
