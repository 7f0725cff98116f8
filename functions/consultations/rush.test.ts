/**
 * A burst of responses through the contention proxy (DynamoDB's real TransactionConflict behaviour):
 * 200 in flight at once, each a transaction over one of 16 shards. Every one is stored and answered
 * 201 (no 5xx), and the counters equal what is stored, total by total and answer by answer. And one
 * draft sent from three windows at once becomes one response.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../test/support/contention.js';
import { cookiesFrom, redirectPath, requestsTo } from '../../test/support/requests.js';
import { app } from './app.js';
import { getConsultation, replaceQuestions } from './consultations.js';
import { anOpenConsultation, exampleAnswers, examplePages } from './fixtures.js';
import { Refusal } from '../core/refusal.js';
import { resultsOf } from './reading-results.js';
import { responseCount } from './store/consultations.js';
import { allResponses } from './store/responses.js';

const contention = useContentionProxy();
const IN_FLIGHT = 200;

beforeAll(() => {
  process.env['CLIENT_ADDRESS_HEADER'] = 'x-test-client';
});
afterAll(() => {
  delete process.env['CLIENT_ADDRESS_HEADER'];
});

const choices = ['increase-0', 'increase-1000', 'increase-1300', 'increase-1400', 'dont-know'];

describe('a burst of 200 responses at once', () => {
  it('stores every one, answers none with 5xx, and the counters equal the stored responses', async () => {
    const consultation = await anOpenConsultation();
    contention.proxy().resetStats();
    const statuses = await Promise.all(
      Array.from({ length: IN_FLIGHT }, async (_, i) => {
        const response = await app.request(`/api/consultations/${consultation.id}/responses`, {
          method: 'POST',
          // Every tenth shares an address with another: flagged, and counted apart.
          headers: { 'content-type': 'application/json', 'idempotency-key': `rush-${randomUUID()}`, 'x-test-client': i % 10 === 0 ? '203.0.113.1' : `198.51.100.${i}` },
          body: JSON.stringify({ answers: exampleAnswers({ q1: { choice: choices[i % choices.length]! }, 'about-postcode': { outwardCode: i % 2 ? 'LE11' : 'LE1' } }) }),
        });
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(contention.proxy().stats().transactionsCancelled).toBeGreaterThan(0);

    const stored = await allResponses(consultation.id);
    expect(stored).toHaveLength(IN_FLIGHT);
    expect(await responseCount(consultation.id)).toBe(IN_FLIGHT);
    const results = await resultsOf(consultation, { includeFlagged: true });
    expect(results.responses.count).toBe(IN_FLIGHT);
    const flagged = stored.filter((r) => r.flags.length > 0).length;
    expect(flagged).toBe(IN_FLIGHT / 10 - 1);
    expect(results.flaggedResponses).toBe(flagged);
    expect((await resultsOf(consultation, { includeFlagged: false })).responses.count).toBe(IN_FLIGHT - flagged);
    const q1 = results.questions.find((q) => q.id === 'q1')!;
    for (const choice of choices) expect(q1.options.find((o) => o.id === choice)!.all.count, choice).toBe(stored.filter((r) => r.answers['q1']?.choice === choice).length);
    const byArea = q1.breakdowns.find((b) => b.dimension === 'area')!;
    expect(byArea.columns.find((c) => c.id === 'E06000016')!.answered.count).toBe(stored.filter((r) => r.area === 'E06000016').length);
  }, 120_000);
});

describe('a change to the questions during a burst', () => {
  it('either lands before every response (which are then checked against it) or is refused: no response is counted against questions that changed after it', async () => {
    const consultation = await anOpenConsultation();
    const send = (i: number) =>
      app.request(`/api/consultations/${consultation.id}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test-client': `198.51.100.${i}` },
        body: JSON.stringify({ answers: exampleAnswers() }),
      });
    const renamed = examplePages().map((p, i) => (i === 0 ? { ...p, title: 'Council tax next year' } : p));
    const [statuses, change] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, async (_, i) => (await send(i)).status)),
      replaceQuestions(consultation.id, renamed).then(
        () => 'changed',
        (error: unknown) => (error instanceof Refusal ? error.code : 'failed'),
      ),
    ]);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(['changed', 'consultation_has_responses']).toContain(change);
    const final = (await getConsultation(consultation.id, { consistent: true }))!;
    const stored = await allResponses(consultation.id);
    expect(stored).toHaveLength(40);
    expect(new Set(stored.map((r) => r.definitionVersion))).toEqual(new Set([final.definitionVersion]));
    expect(final.definitionVersion).toBe(consultation.definitionVersion + (change === 'changed' ? 1 : 0));
  }, 120_000);
});

describe('one draft sent from three windows at once', () => {
  it('stores one response, unflagged, and answers all three (and a later fourth) with its confirmation', async () => {
    const consultation = await anOpenConsultation();
    const { get, post } = requestsTo(app);
    const first = await get(`/consultations/${consultation.id}/questions/p1`);
    const cookie = cookiesFrom(first);
    for (const [pageId, fields] of [['p1', { q1: 'increase-1000', q2: 'agree' }], ['p3', { q4: 'o2' }]] as const) {
      expect((await post(`/consultations/${consultation.id}/questions/${pageId}`, fields, { cookie })).status).toBe(303);
    }
    // Three windows on "Check your answers", each with its own form (its own submission key).
    const keys = await Promise.all(
      [1, 2, 3].map(async () => {
        const check = await get(`/consultations/${consultation.id}/check-answers`, { cookie });
        expect(check.status).toBe(200);
        return (await check.text()).match(/name="submission" value="([^"]+)"/)![1]!;
      }),
    );
    expect(new Set(keys).size).toBe(3);
    contention.proxy().resetStats();
    const sends = await Promise.all(keys.map((submission) => post(`/consultations/${consultation.id}/check-answers`, { submission, receiptEmail: '' }, { cookie, 'x-test-client': '203.0.113.50' })));
    expect(sends.map((r) => r.status)).toEqual([303, 303, 303]);
    const confirmation = redirectPath(sends[0]!);
    expect(confirmation).toMatch(new RegExp(`^/consultations/${consultation.id}/confirmation/`));
    expect(sends.map(redirectPath)).toEqual([confirmation, confirmation, confirmation]);

    const stored = await allResponses(consultation.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.flags).toEqual([]);
    expect(confirmation).toBe(`/consultations/${consultation.id}/confirmation/${stored[0]!.reference}`);
    expect((await resultsOf(consultation, { includeFlagged: true })).responses.count).toBe(1);
    // A fourth window sends later: the same confirmation, still one response.
    const check = await get(`/consultations/${consultation.id}/check-answers`, { cookie });
    expect(redirectPath(check)).toBe(confirmation);
    const late = await post(`/consultations/${consultation.id}/check-answers`, { submission: `late-${randomUUID()}` }, { cookie });
    expect(redirectPath(late)).toBe(confirmation);
    expect(await allResponses(consultation.id)).toHaveLength(1);
  }, 120_000);
});
