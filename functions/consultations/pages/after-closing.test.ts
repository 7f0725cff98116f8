/**
 * Once a consultation has closed, published its results, and had its answers deleted under the
 * retention rule (24 months after each response), the staff console says what was deleted and when,
 * and offers only what can still be done: no empty spreadsheet, no "Next page" of nothing, no
 * "Close the consultation", no paper entry after the results are out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, bearer, staffToken } from '../../../test/support/tokens.js';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { app } from '../app.js';
import { closeConsultation, getConsultation, publishResults } from '../consultations.js';
import { anOpenConsultation, exampleAnswers, respond } from '../fixtures.js';
import { Refusal } from '../../core/refusal.js';
import { addLondonMonths, formatLondonDate } from '../../core/time.js';

const { get, post } = requestsTo(app);
let auth: Record<string, string>;
beforeAll(async () => {
  auth = bearer(await staffToken());
});

const DAY = 86_400_000;
const text = async (r: Response) => (await r.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a closed consultation whose answers were deleted under the retention rule', () => {
  it('says how many responses there were and when their answers were deleted, and offers no empty spreadsheet or page of answers', async () => {
    // Answered three years ago, over a week in December; the last answer went 24 months after it.
    const opened = new Date(Date.now() - 3 * 365 * DAY);
    const consultation = await anOpenConsultation({ details: { opensAt: opened.toISOString(), closesAt: new Date(opened.getTime() + 10 * DAY).toISOString() } }, opened);
    for (let i = 0; i < 3; i++) await respond(consultation, exampleAnswers(), {}, new Date(opened.getTime() + (i + 1) * DAY));
    await publishResults(consultation.id, { includeFlagged: true });
    const base = `/staff/consultations/${consultation.id}`;

    const overview = await get(base, auth);
    expect(overview.status).toBe(200);
    const page = await text(overview);
    const lastGone = addLondonMonths(new Date(opened.getTime() + 3 * DAY).toISOString(), 24);
    expect(page).toContain(`Responses 3. Their answers were deleted on ${formatLondonDate(lastGone)}, 24 months after the last response (the retention rule); the counted results are kept`);
    expect(page).not.toContain('Download every response');
    expect(page).not.toContain('Close the consultation');
    expect(page).not.toContain('Enter a paper response');
    expect(page).toContain('Live results');

    const csv = await get(`${base}/responses.csv`, auth);
    expect(csv.status).toBe(410);
    expect(csv.headers.get('content-type')).toMatch(/text\/html/);
    expect(await text(csv)).toContain('Their answers were deleted on');
    const apiCsv = await get(`/api/consultations/${consultation.id}/responses.csv`, auth);
    expect(apiCsv.status).toBe(410);
    expect(((await apiCsv.json()) as { error: { code: string } }).error.code).toBe('answers_deleted');

    const comments = await get(`${base}/comments`, auth);
    expect(comments.status).toBe(200);
    const commentsPage = await text(comments);
    expect(commentsPage).toContain('Their answers were deleted on');
    expect(commentsPage).not.toContain('Next page of answers');
    expect(commentsPage).not.toContain('Download these answers');
    expect((await get(`${base}/comments.csv?question=q6`, auth)).status).toBe(410);

    // The counted results are still there.
    expect(await text(await get(`${base}/results`, auth))).toContain('Responses: 3');
  });
});

describe('a consultation some of whose answers have been deleted', () => {
  it('says which, and pages through the answers still kept without empty pages', async () => {
    const opened = new Date(Date.now() - 3 * 365 * DAY);
    const consultation = await anOpenConsultation({ details: { opensAt: opened.toISOString(), closesAt: new Date(opened.getTime() + 10 * DAY).toISOString() } }, opened);
    for (let i = 0; i < 21; i++) await respond(consultation, exampleAnswers({ q6: { text: `Old comment ${i}` } }), {}, new Date(opened.getTime() + DAY));
    // Paper responses entered long after it closed, still within 24 months.
    for (let i = 0; i < 2; i++) await respond(consultation, exampleAnswers({ q6: { text: `Recent comment ${i}` } }), { channel: 'paper' });
    const base = `/staff/consultations/${consultation.id}`;
    const page = await text(await get(base, auth));
    expect(page).toContain(`Responses 23. Answers sent before ${formatLondonDate(addLondonMonths(new Date().toISOString(), -24))} have been deleted`);
    expect(page).toContain('Download the responses still kept (CSV)');
    const csv = await get(`${base}/responses.csv`, auth);
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(3);
    const comments = await text(await get(`${base}/comments`, auth));
    expect(comments).toContain('Recent comment 0');
    expect(comments).toContain('Recent comment 1');
    expect(comments).not.toContain('Old comment');
    expect(comments).not.toContain('Next page of answers');
  });
});

describe('a consultation whose closing time has passed', () => {
  it('offers no “Close the consultation”, and closing it changes nothing (it did not close early)', async () => {
    const opened = new Date(Date.now() - 20 * DAY);
    const consultation = await anOpenConsultation({ details: { opensAt: opened.toISOString(), closesAt: new Date(Date.now() - DAY).toISOString() } }, opened);
    const base = `/staff/consultations/${consultation.id}`;
    expect(await text(await get(base, auth))).not.toContain('Close the consultation');
    expect(redirectPath(await get(`${base}/close`, auth))).toBe(base);
    await closeConsultation(consultation.id);
    const after = (await getConsultation(consultation.id, { consistent: true }))!;
    expect(after.closedAt).toBeUndefined();
    expect(await text(await get(base, auth))).not.toContain('closed early');
  });
});

describe('paper responses after the results are published', () => {
  it('are not offered, and are refused, until the results page is taken down', async () => {
    const consultation = await anOpenConsultation();
    await respond(consultation, exampleAnswers());
    await closeConsultation(consultation.id);
    await publishResults(consultation.id, { includeFlagged: true });
    const base = `/staff/consultations/${consultation.id}`;
    expect(await text(await get(base, auth))).not.toContain('Enter a paper response');
    expect((await get(`${base}/responses/new`, auth)).status).toBe(409);
    const refused = await respond(consultation, exampleAnswers(), { channel: 'paper' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Refusal);
    expect((refused as Refusal).code).toBe('results_published');
    const posted = await post(`${base}/responses/new`, { channel: 'paper', q1: 'increase-0', submission: 'paper-after-results-01' }, auth);
    expect(posted.status).toBe(409);
    expect(await text(posted)).toContain('The results have been published');

    // Taking published results down is an administrator's action.
    expect((await post(`${base}/withdraw-results`, {}, bearer(await adminToken()))).status).toBe(303);
    expect(await text(await get(base, auth))).toContain('Enter a paper response');
    await respond(consultation, exampleAnswers(), { channel: 'paper' });
  });
});
