/**
 * The JSON API: staff build and publish with JSON, residents respond with answers keyed by question id
 * (checked strictly against the definition), the same Idempotency-Key stores one response, live results
 * for staff, published results (suppressed) for anyone.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { app } from './app.js';
import { closeConsultation, publishResults } from './consultations.js';
import { anOpenConsultation, exampleAnswers, exampleConsultation, respond } from './fixtures.js';
import { allResponses } from './store/responses.js';

let staff: Record<string, string>;
beforeAll(async () => {
  staff = { ...bearer(await staffToken()), 'content-type': 'application/json' };
});
const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const fieldsOf = async (response: Response) => ((await response.json()).error.fields ?? []).map((f: { field: string }) => f.field);

describe('staff build and publish with JSON', () => {
  it('creates, publishes and reads a consultation, refusing input of the wrong types by name', async () => {
    const input = exampleConsultation();
    const bad = await json('POST', '/api/consultations', { details: { ...input.details, suppressionThreshold: '10', weighting: 'yes' }, pages: input.pages }, staff);
    expect(bad.status).toBe(400);
    expect(await fieldsOf(bad)).toEqual(['details.suppressionThreshold', 'details.weighting']);
    const badQuestion = await json('POST', '/api/consultations', { details: input.details, pages: [{ title: 'x', questions: [{ type: 'precept', text: 'How much?', bandDPence: 300.37, increasesPence: [0, 1000] }] }] }, staff);
    expect(await fieldsOf(badQuestion)).toEqual(['pages.0.questions.0.bandDPence']);
    const created = await json('POST', '/api/consultations', input, staff);
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await json('GET', `/api/consultations/${id}`)).status).toBe(404);
    expect((await json('POST', `/api/consultations/${id}/publish`, undefined, staff)).status).toBe(200);
    const published = await (await json('GET', `/api/consultations/${id}`)).json();
    expect(published.phase).toBe('open');
    const precept = published.pages[0].questions[0];
    expect(precept.bands.find((b: { band: string }) => b.band === 'A')).toMatchObject({ nowPence: 20025, increases: [{ yearPence: 666, monthPence: 56, totalPence: 20691 }, expect.anything(), expect.anything()] });
    expect(published.pages.map((p: { id: string }) => p.id)).toContain('about-postcode');
  });
});

describe('responding through the API', () => {
  it('stores a response with a reference; the same Idempotency-Key answers the same reference and stores nothing more', async () => {
    const c = await anOpenConsultation();
    const key = `api-${randomUUID()}`;
    const headers = { 'content-type': 'application/json', 'idempotency-key': key };
    const first = await json('POST', `/api/consultations/${c.id}/responses`, { answers: exampleAnswers() }, headers);
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toEqual({ reference: expect.stringMatching(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/), status: 'submitted' });
    const again = await json('POST', `/api/consultations/${c.id}/responses`, { answers: exampleAnswers() }, headers);
    // Answered as the first call was (core's Idempotency-Key contract, documented once in the OpenAPI document).
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);
    expect(await allResponses(c.id)).toHaveLength(1);
  });

  it.each([
    ['a choice that is not an option', { q1: { choice: 'increase-5' } }, ['answers.q1']],
    ['a number where an option id belongs', { q1: { choice: 5 } }, ['answers.q1.choice']],
    ['a field answers do not have', { q1: { choice: 'increase-0', colour: 'red' } }, ['answers.q1']],
    ['an answer to a question that does not show', { q5: { choice: 'o1' } }, ['answers.q5']],
    ['text over its limit', { q6: { text: 'x'.repeat(2001) } }, ['answers.q6']],
  ])('refuses %s, naming it, and stores nothing', async (_case, change, fields) => {
    const c = await anOpenConsultation();
    const response = await json('POST', `/api/consultations/${c.id}/responses`, { answers: { ...exampleAnswers(), ...change } });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(fields);
    expect(await allResponses(c.id)).toEqual([]);
  });

  it('refuses a closed consultation with 409 and an unknown one with 404', async () => {
    const c = await closeConsultation((await anOpenConsultation()).id);
    const closed = await json('POST', `/api/consultations/${c.id}/responses`, { answers: exampleAnswers() });
    expect(closed.status).toBe(409);
    expect((await closed.json()).error.code).toBe('consultation_closed');
    expect((await json('POST', '/api/consultations/no-such-one/responses', { answers: exampleAnswers() })).status).toBe(404);
  });

  it('takes paper responses from staff after closing, and not from anyone else', async () => {
    const c = await closeConsultation((await anOpenConsultation()).id);
    expect((await json('POST', `/api/consultations/${c.id}/paper-responses`, { channel: 'paper', answers: exampleAnswers() })).status).toBe(401);
    const stored = await json('POST', `/api/consultations/${c.id}/paper-responses`, { channel: 'paper', answers: exampleAnswers() }, staff);
    expect(stored.status).toBe(201);
    expect((await allResponses(c.id))[0]!.channel).toBe('paper');
  });
});

describe('results through the API', () => {
  it('gives staff every number, marked, and everyone else the published results with small numbers removed', async () => {
    const c = await anOpenConsultation();
    for (let i = 0; i < 3; i++) await respond(c, exampleAnswers());
    const live = await (await json('GET', `/api/consultations/${c.id}/live-results`, undefined, staff)).json();
    const option = live.questions.find((q: { id: string }) => q.id === 'q1').options.find((o: { id: string }) => o.id === 'increase-1000');
    expect(option.all).toMatchObject({ count: 3, share: 1, suppressed: true });
    expect((await json('GET', `/api/consultations/${c.id}/results`)).status).toBe(404);
    await closeConsultation(c.id);
    await publishResults(c.id, { includeFlagged: true });
    const published = await (await json('GET', `/api/consultations/${c.id}/results`)).json();
    const shown = published.results.questions.find((q: { id: string }) => q.id === 'q1').options.find((o: { id: string }) => o.id === 'increase-1000');
    expect(shown.all).toEqual({ count: null, suppressed: true });
    expect(published.results.responses).toEqual({ count: null, suppressed: true });
  });
});
