/**
 * Responding, against DynamoDB Local: what is stored and counted, what is refused (and that nothing is
 * written then), duplicates flagged but kept, a double submission stored once, and the questions locked
 * once there is a response.
 */
import { describe, expect, it } from 'vitest';
import { replaceQuestions, closeConsultation, publishConsultation, updateDetails } from './consultations.js';
import { aConsultation, anOpenConsultation, exampleAnswers, examplePages, exampleConsultation, respond } from './fixtures.js';
import { resultsOf } from './reading-results.js';
import { findResponse, submitResponse } from './responding.js';
import { responseCount } from './store/consultations.js';
import { allResponses } from './store/responses.js';
import { Refusal } from '../core/refusal.js';
import { withinSubmission } from '../core/submissions.js';
import { app } from './app.js';
import { randomUUID } from 'node:crypto';

const refusalOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof Refusal) return { code: error.code, kind: error.kind, fields: error.fields };
    throw error;
  }
  throw new Error('Expected a refusal');
};

describe('a response', () => {
  it('is stored anonymously with its receipt reference, and counted', async () => {
    const consultation = await anOpenConsultation();
    const result = await respond(consultation, exampleAnswers({ 'about-postcode': { outwardCode: 'LE2' }, 'about-area': { choice: 'E07000135' } }));
    expect(result.outcome).toBe('submitted');
    expect(result.reference).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const stored = (await findResponse(consultation.id, result.responseId))!;
    expect(stored).toMatchObject({ channel: 'online', area: 'E07000135', ageBand: '35-44', flags: [] });
    expect(Object.keys(stored)).not.toContain('email');
    const results = await resultsOf(consultation);
    expect(results.responses.count).toBe(1);
    expect(results.questions.find((q) => q.id === 'q1')!.options.find((o) => o.id === 'increase-1000')!.all.count).toBe(1);
    expect(await responseCount(consultation.id)).toBe(1);
  });

  it.each([
    ['a consultation that does not exist', () => Promise.resolve({ id: 'no-such-consultation' }), 'no_such_consultation', 'not-found'],
    ['a draft', () => aConsultation(), 'no_such_consultation', 'not-found'],
    ['a consultation not yet open', () => anOpenConsultation({ details: { opensAt: new Date(Date.now() + 86_400_000).toISOString() } }), 'consultation_not_open', 'conflict'],
    ['a closed consultation', async () => closeConsultation((await anOpenConsultation()).id), 'consultation_closed', 'conflict'],
  ])('is refused for %s, and nothing is stored', async (_case, make, code, kind) => {
    const consultation = await make();
    expect(await refusalOf(respond(consultation))).toMatchObject({ code, kind });
    if (consultation.id !== 'no-such-consultation') expect(await allResponses(consultation.id)).toEqual([]);
  });

  it('is refused when an answer does not fit the questions, naming it, with nothing stored or counted', async () => {
    const consultation = await anOpenConsultation();
    const refusal = await submitResponse(consultation.id, { answers: exampleAnswers({ q3: { choices: ['o1', 'o2', 'o3', 'o4'] }, q9: { text: 'x' } }), channel: 'online', strict: true }).catch((e: Refusal) => e);
    expect(refusal).toBeInstanceOf(Refusal);
    expect((refusal as Refusal).fields).toEqual([
      { field: 'answers.q9', message: 'There is no question with this id in this consultation' },
      { field: 'answers.q3', message: 'Select up to 3 options' },
    ]);
    expect(await allResponses(consultation.id)).toEqual([]);
    expect((await resultsOf(consultation)).responses.count).toBe(0);
  });

  it('from paper, an event or the telephone is accepted after closing, and counted by channel; online is not', async () => {
    const consultation = await closeConsultation((await anOpenConsultation()).id);
    const paper = await respond(consultation, exampleAnswers(), { channel: 'paper', enteredBy: 'staff-1' });
    expect(paper.outcome).toBe('submitted');
    expect((await respond(consultation, exampleAnswers(), { channel: 'telephone', enteredBy: 'staff-1' })).outcome).toBe('submitted');
    expect(await refusalOf(respond(consultation))).toMatchObject({ code: 'consultation_closed' });
    const results = await resultsOf(consultation);
    expect(results.byChannel.map((c) => [c.id, c.count.count])).toEqual([
      ['online', 0],
      ['paper', 1],
      ['event', 0],
      ['telephone', 1],
    ]);
  });
});

describe('duplicates', () => {
  it('are flagged, never dropped: the same browser, and the same address on the same day', async () => {
    const consultation = await anOpenConsultation();
    const browser = `browser-${randomUUID()}`;
    const first = await respond(consultation, exampleAnswers(), { browserTokenHash: browser, clientAddress: '203.0.113.9' });
    const sameBrowser = await respond(consultation, exampleAnswers(), { browserTokenHash: browser, clientAddress: '198.51.100.20' });
    const sameAddress = await respond(consultation, exampleAnswers(), { browserTokenHash: `other-${randomUUID()}`, clientAddress: '203.0.113.9' });
    const tomorrow = new Date(Date.now() + 86_400_000);
    const sameAddressNextDay = await respond(consultation, exampleAnswers(), { browserTokenHash: `third-${randomUUID()}`, clientAddress: '203.0.113.9' }, tomorrow);
    expect([first.flags, sameBrowser.flags, sameAddress.flags, sameAddressNextDay.flags]).toEqual([[], ['same-browser'], ['same-address'], []]);
    const stored = await allResponses(consultation.id);
    expect(stored).toHaveLength(4);
    const results = await resultsOf(consultation, { includeFlagged: true });
    expect([results.responses.count, results.flaggedResponses]).toEqual([4, 2]);
    expect((await resultsOf(consultation, { includeFlagged: false })).responses.count).toBe(2);
  });

  it('keeps no address: the mark is a keyed hash whose key changes every day', async () => {
    const consultation = await anOpenConsultation();
    await respond(consultation, exampleAnswers(), { clientAddress: '203.0.113.77' });
    const stored = JSON.stringify(await allResponses(consultation.id));
    expect(stored).not.toContain('203.0.113.77');
  });

  it('a double submission (the same key, sent twice at once) stores one response with one reference', async () => {
    const consultation = await anOpenConsultation();
    const key = `double-${randomUUID()}`;
    const send = () =>
      app.request(`/api/consultations/${consultation.id}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ answers: exampleAnswers() }),
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [first, second] = [await a.json(), await b.json()];
    expect(first.reference).toBe(second.reference);
    // The one that lost the race is the first's answer again, and says so.
    expect([a, b].filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
    expect(await allResponses(consultation.id)).toHaveLength(1);
    expect((await (await send()).json()).reference).toBe(first.reference);
    expect((await resultsOf(consultation)).responses.count).toBe(1);
  });

  it('counts every try of one submission once: a try that stored nothing, tried again, is not flagged as a duplicate of itself', async () => {
    const consultation = await anOpenConsultation();
    const taken = await respond(consultation, exampleAnswers(), { clientAddress: '198.51.100.77' });
    const submission = { scope: `test ${randomUUID()}`, key: `try-${randomUUID()}` };
    // The first try stores nothing (its id is taken); the same submission tried again is stored, unflagged.
    const tried = await withinSubmission(submission, () => respond(consultation, exampleAnswers(), { clientAddress: '203.0.113.78', responseId: taken.responseId }));
    expect(tried.outcome).toBe('repeated');
    const again = await withinSubmission(submission, () => respond(consultation, exampleAnswers(), { clientAddress: '203.0.113.78' }));
    expect(again).toMatchObject({ outcome: 'submitted', flags: [] });
    // Another submission from that address the same day is flagged.
    expect((await respond(consultation, exampleAnswers(), { clientAddress: '203.0.113.78' })).flags).toEqual(['same-address']);
  });
});

describe('the questions lock once answered', () => {
  it('lets staff change questions while there are no responses, and refuses once there is one', async () => {
    const consultation = await anOpenConsultation();
    const changed = await replaceQuestions(consultation.id, examplePages().slice(0, 2));
    expect(changed.definitionVersion).toBe(consultation.definitionVersion + 1);
    await respond(consultation, { q1: { choice: 'increase-0' } });
    expect(await refusalOf(replaceQuestions(consultation.id, examplePages()))).toMatchObject({ code: 'consultation_has_responses', kind: 'conflict' });
    expect(await refusalOf(updateDetails(consultation.id, { ...exampleConsultation().details, aboutYou: [] }))).toMatchObject({ code: 'consultation_has_responses' });
    // Details that are not questions can still change.
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString();
    expect((await updateDetails(consultation.id, { ...exampleConsultation().details, closesAt: later })).closesAt).toBe(later);
  });

  it('checks a response again against questions changed while it was being sent', async () => {
    const consultation = await anOpenConsultation();
    // The response read the old questions; they change before it is stored: it is checked against the new ones.
    const stale = { ...consultation };
    await replaceQuestions(consultation.id, examplePages().map((p, i) => (i === 0 ? { ...p, title: 'The police precept next year' } : p)));
    const result = await submitResponse(stale.id, { answers: exampleAnswers(), channel: 'online' });
    expect((await findResponse(consultation.id, result.responseId))!.definitionVersion).toBe(consultation.definitionVersion + 1);
  });

  it('publishing needs a question, and happens once', async () => {
    const empty = await aConsultation({ pages: [] });
    expect(await refusalOf(publishConsultation(empty.id))).toMatchObject({ code: 'no_questions' });
    const draft = await aConsultation();
    await publishConsultation(draft.id);
    expect(await refusalOf(publishConsultation(draft.id))).toMatchObject({ code: 'already_published' });
  });
});
