/**
 * Every kind of consultations page, as the server sends it, passes the W3C Nu HTML Checker with no
 * errors or warnings: the questionnaire's pages of each question type, with and without errors, check
 * your answers, the confirmation, the public results, and every staff page, with `<script>` in the data.
 */
import { describe, expect, it } from 'vitest';
import { htmlProblems } from '../../../test/support/html-checker.js';
import { ORIGIN } from '../../../test/support/requests.js';
import { staffToken } from '../../../test/support/tokens.js';
import { app } from '../app.js';
import { closeConsultation, getConsultation, publishResults, recordDecision } from '../consultations.js';
import { aConsultation, anOpenConsultation, exampleAnswers, respond, unique } from '../fixtures.js';
import { raiseAction } from '../raising-actions.js';

const XSS = '<script>alert(1)</script>';

describe('HTML', () => {
  it('every consultations page passes the Nu HTML Checker', async () => {
    const session = { cookie: `session=${await staffToken()}` };
    const form = (fields: Record<string, string>, cookie?: string): RequestInit => ({
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : session) },
      body: new URLSearchParams(fields).toString(),
    });
    const page = async (name: string, path: string, init: RequestInit = {}) => {
      const response = await app.request(path, init);
      expect(`${name}: ${response.headers.get('content-type')}`).toMatch(/: text\/html/);
      return { name, html: await response.text(), cookie: response.headers.get('set-cookie')?.split(';')[0] };
    };
    const open = await anOpenConsultation({ details: { title: unique(`Precept ${XSS}`), introduction: `Intro ${XSS}\n\nSecond paragraph` } });
    await respond(open, exampleAnswers({ q3: { choices: ['other'], other: XSS }, q6: { text: `Comment ${XSS}` } }));
    await respond(open, exampleAnswers(), { channel: 'paper' });
    const draft = await aConsultation();
    const upcoming = await anOpenConsultation({ details: { opensAt: new Date(Date.now() + 86_400_000).toISOString() } });
    const closed = await anOpenConsultation();
    await respond(closed, exampleAnswers());
    await closeConsultation(closed.id);
    await recordDecision(closed.id, `Decided ${XSS}`);
    await publishResults(closed.id, { includeFlagged: true });
    await raiseAction((await getConsultation(closed.id, { consistent: true }))!, { what: `Follow up ${XSS}`, owner: { kind: 'staff-member', name: `A. Officer ${XSS}` }, dueOn: '2030-01-31' }, { by: 'A. Officer' });

    const first = await page('question: precept and scale', `/consultations/${open.id}/questions/p1`);
    const cookie = first.cookie!;
    const journey = () => ({ headers: { cookie } });
    const answer = async (id: string, fields: Record<string, string>) => app.request(`/consultations/${open.id}/questions/${id}`, form(fields, cookie));
    for (const [id, fields] of [
      ['p1', { q1: 'increase-0' }],
      ['p2', {}],
      ['p3', { q4: 'o1' }],
      ['p4', { q5: 'o1' }],
      ['p5', {}],
      ['about-postcode', { 'about-postcode': 'LE8' }],
    ] as const) {
      expect((await answer(id, fields)).status).toBe(303);
    }
    const s = `/staff/consultations/${open.id}`;
    const pages = await Promise.all([
      page('list', '/consultations'),
      page('start: open', `/consultations/${open.id}`),
      page('start: upcoming', `/consultations/${upcoming.id}`),
      page('start: closed', `/consultations/${closed.id}`),
      page('question: priorities', `/consultations/${open.id}/questions/p2`, journey()),
      page('question: conditional', `/consultations/${open.id}/questions/p4`, journey()),
      page('question: free text', `/consultations/${open.id}/questions/p5`, journey()),
      page('question: age', `/consultations/${open.id}/questions/about-age`, journey()),
      page('question: ethnicity', `/consultations/${open.id}/questions/about-ethnicity`, journey()),
      page('question: postcode', `/consultations/${open.id}/questions/about-postcode`, journey()),
      page('question: council area', `/consultations/${open.id}/questions/about-area`, journey()),
      page('question with errors', `/consultations/${open.id}/questions/p2`, form({ 'q3--other': 'yes' }, cookie)),
      page('question with errors: precept', `/consultations/${open.id}/questions/p1`, form({}, cookie)),
      page('check answers', `/consultations/${open.id}/check-answers`, journey()),
      page('check answers with an error', `/consultations/${open.id}/check-answers`, form({ submission: 'x'.repeat(20), receiptEmail: 'nope' }, cookie)),
      page('cookies needed', `/consultations/${open.id}/questions/p1`, form({ q1: 'increase-0' }, 'other=1')),
      page('results: published', `/consultations/${closed.id}/results`),
      page('staff: list', '/staff/consultations', { headers: session }),
      page('staff: new', '/staff/consultations/new', { headers: session }),
      page('staff: new with errors', '/staff/consultations/new', form({ title: '' })),
      page('staff: overview, answered', s, { headers: session }),
      page('staff: overview, draft', `/staff/consultations/${draft.id}`, { headers: session }),
      page('staff: overview with a problem', `${s}/pages/new`, form({ title: 'Another page' })),
      page('staff: edit', `${s}/edit`, { headers: session }),
      page('staff: new page', `/staff/consultations/${draft.id}/pages/new`, { headers: session }),
      page('staff: choose a type', `/staff/consultations/${draft.id}/pages/p1/questions/new`, { headers: session }),
      ...(['single', 'multiple', 'scale', 'precept', 'text', 'number'] as const).map((type) => page(`staff: new ${type} question`, `/staff/consultations/${draft.id}/pages/p2/questions/new?type=${type}`, { headers: session })),
      page('staff: question with errors', `/staff/consultations/${draft.id}/pages/p1/questions/new/precept`, form({ text: '', increases: 'ten' })),
      page('staff: edit question', `/staff/consultations/${draft.id}/questions/q1/edit`, { headers: session }),
      page('staff: remove question', `/staff/consultations/${draft.id}/questions/q6/remove`, { headers: session }),
      page('staff: remove page', `/staff/consultations/${draft.id}/pages/p5/remove`, { headers: session }),
      page('staff: publish', `/staff/consultations/${draft.id}/publish`, { headers: session }),
      page('staff: close', `${s}/close`, { headers: session }),
      page('staff: preview', `${s}/preview`, { headers: session }),
      page('staff: copy', `${s}/copy`, { headers: session }),
      page('staff: results', `${s}/results?breakdown=area`, { headers: session }),
      page('staff: results by channel', `${s}/results?breakdown=channel&flagged=exclude`, { headers: session }),
      page('staff: comments', `${s}/comments`, { headers: session }),
      page('staff: paper entry', `${s}/responses/new`, { headers: session }),
      page('staff: paper entry with errors', `${s}/responses/new`, form({ channel: '' })),
      page('staff: import responses', `${s}/responses/import`, { headers: session }),
      page('staff: import responses, rows with problems', `${s}/responses/import`, form({ channel: 'paper', csv: `q1,q6\nincrease-99,${XSS}\n` })),
      page('staff: import responses, checked', `${s}/responses/import`, form({ channel: 'telephone', csv: `q1,q6\nincrease-0,${XSS}\n` })),
      page('staff: import responses, no file', `${s}/responses/import`, form({ channel: '' })),
      page('staff: decision', `/staff/consultations/${closed.id}/decision`, { headers: session }),
      page('staff: overview, closed with an action', `/staff/consultations/${closed.id}`, { headers: session }),
      page('staff: raise an action', `/staff/consultations/${closed.id}/actions/new`, { headers: session }),
      page('staff: raise an action with errors', `/staff/consultations/${closed.id}/actions/new`, form({ what: '', ownerKind: 'staff-member' })),
    ]);
    expect(await htmlProblems(pages)).toEqual([]);
  }, 120_000);
});
