/**
 * The staff console for consultations, signed in with a staff token (the lowest role that may use it):
 * building a questionnaire from the forms, publishing, the lock once answered and a new version,
 * paper responses, live results, tagging free text, exports and the public results page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, noRoleToken, staffToken } from '../../../test/support/tokens.js';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { app } from '../app.js';
import { closeConsultation, getConsultation } from '../consultations.js';
import { anOpenConsultation, exampleAnswers, exampleDetailsForm, respond, unique } from '../fixtures.js';
import { allResponses } from '../store/responses.js';

const { get, post } = requestsTo(app);
let auth: Record<string, string>;
beforeAll(async () => {
  auth = bearer(await staffToken());
});
const staffGet = (path: string) => get(path, auth);
const staffPost = (path: string, fields: Record<string, string>) => post(path, fields, auth);

const year = String(new Date().getUTCFullYear() + 1);
const details = exampleDetailsForm;

async function created(): Promise<string> {
  const response = await staffPost('/staff/consultations/new', details());
  expect(response.status).toBe(303);
  return redirectPath(response).split('?')[0]!.split('/').at(-1)!;
}

describe('signing in', () => {
  it('asks for sign-in, and refuses people without the staff role', async () => {
    const noRole = bearer(await noRoleToken());
    for (const path of ['/staff/consultations', '/staff/consultations/new']) {
      expect((await get(path)).status, path).toBe(401);
      expect((await get(path, noRole)).status, path).toBe(403);
      expect((await staffGet(path)).status, path).toBe(200);
    }
  });
});

describe('building a consultation', () => {
  it('creates one from the details form, explaining mistakes', async () => {
    const bad = await staffPost('/staff/consultations/new', details({ title: '', 'closesAt-day': '31', 'closesAt-month': '2', suppressionThreshold: '1' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<a href="#title">Enter a title</a>');
    expect(html).toContain('<a href="#closesAt">The closing time must be a real date</a>');
    expect(html).toContain('<a href="#suppressionThreshold">The smallest number shown must be at least 3</a>');
    const id = await created();
    const stored = (await getConsultation(id))!;
    expect(stored.opensAt).toBe(`${year}-12-01T09:00:00.000Z`);
    expect(stored.aboutYou).toEqual(['age', 'postcode']);
    expect(stored.weighting).toBe(true);
  });

  it('adds pages and questions of every type, with a condition on an earlier answer', async () => {
    const id = await created();
    const base = `/staff/consultations/${id}`;
    expect((await staffPost(`${base}/pages/new`, { title: 'Council tax' })).status).toBe(303);
    expect((await staffPost(`${base}/pages/new`, { title: 'More' })).status).toBe(303);
    expect((await staffGet(`${base}/pages/p1/questions/new`)).status).toBe(200);
    expect((await staffGet(`${base}/pages/p1/questions/new?type=nonsense`)).status).toBe(400);
    const precept = { text: 'How much more would you pay?', bandD: '300.37', increases: '0\n10\nten', includeDontKnow: 'yes', required: 'yes' };
    const badPrecept = await staffPost(`${base}/pages/p1/questions/new/precept`, precept);
    expect(badPrecept.status).toBe(400);
    expect(await badPrecept.text()).toContain('<a href="#increases">Enter each increase in pounds a year, like 10 or 12.50, one on each line</a>');
    expect((await staffPost(`${base}/pages/p1/questions/new/precept`, { ...precept, increases: '0\n10\n14.50' })).status).toBe(303);
    expect((await staffPost(`${base}/pages/p1/questions/new/single`, { text: 'Are you a victim of crime?', options: 'Yes\nNo', allowOther: 'yes', required: 'no' })).status).toBe(303);
    expect((await staffPost(`${base}/pages/p1/questions/new/multiple`, { text: 'Priorities', options: 'A\nB\nC', maxChoices: '5', required: 'no' })).status).toBe(400);
    expect((await staffPost(`${base}/pages/p1/questions/new/multiple`, { text: 'Priorities', options: 'A\nB\nC', maxChoices: '2', required: 'no' })).status).toBe(303);
    expect((await staffPost(`${base}/pages/p1/questions/new/scale`, { text: 'Police funding should rise', includeDontKnow: 'yes', required: 'no' })).status).toBe(303);
    // Conditions can only point back to an earlier page: offered on page 2, not on page 1.
    expect(await (await staffGet(`${base}/pages/p1/questions/new?type=text`)).text()).not.toContain('name="showWhen"');
    const onPage2 = await (await staffGet(`${base}/pages/p2/questions/new?type=text`)).text();
    expect(onPage2).toContain('<option value="q2:o1">Are you a victim of crime?: Yes</option>');
    expect((await staffPost(`${base}/pages/p2/questions/new/text`, { text: 'What happened?', maxLength: '500', required: 'yes', showWhen: 'q2:o1' })).status).toBe(303);
    expect((await staffPost(`${base}/pages/p2/questions/new/number`, { text: 'How many times?', min: '0', max: '50', unit: 'times', required: 'no' })).status).toBe(303);
    const c = (await getConsultation(id))!;
    expect(c.pages.map((p) => p.questions.map((q) => q.type))).toEqual([['precept', 'single', 'multiple', 'scale'], ['text', 'number']]);
    const p1 = c.pages[0]!.questions[0]!;
    expect(p1.type === 'precept' && p1.options.map((o) => [o.id, o.increasePence])).toEqual([
      ['increase-0', 0],
      ['increase-1000', 1000],
      ['increase-1450', 1450],
      ['dont-know', undefined],
    ]);
    expect(c.pages[1]!.questions[0]!.showWhen).toEqual({ questionId: 'q2', optionId: 'o1' });
    // A question that another depends on cannot go.
    const refused = await staffPost(`${base}/questions/q2/remove`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('“What happened?” depends on this question: change it first');
    // Order and edits.
    expect((await staffPost(`${base}/questions/q4/move`, { direction: 'up' })).status).toBe(303);
    expect((await getConsultation(id))!.pages[0]!.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q4', 'q3']);
    const edit = await (await staffGet(`${base}/questions/q1/edit`)).text();
    expect(edit).toContain('300.37');
    expect((await staffPost(`${base}/questions/q1/edit`, { ...precept, increases: '0\n12', required: 'yes' })).status).toBe(303);
    expect((await staffGet(`${base}/preview`)).status).toBe(200);
  });
});

describe('publishing, the lock once answered, and new versions', () => {
  it('publishes, refuses question changes once answered, and makes an editable new version', async () => {
    const c = await anOpenConsultation();
    const base = `/staff/consultations/${c.id}`;
    await respond(c, exampleAnswers());
    const overview = await (await staffGet(base)).text();
    expect(overview).toContain('This consultation has responses, so its questions cannot change');
    expect(overview).not.toContain(`${base}/questions/q1/edit`);
    const refused = await staffPost(`${base}/pages/p1/questions/new/text`, { text: 'Another', maxLength: '100', required: 'no' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Make a new version of it instead');
    const copy = await staffPost(`${base}/copy`, { kind: 'version', title: `${c.title} (version 2)` });
    expect(copy.status).toBe(303);
    const copyId = redirectPath(copy).split('?')[0]!.split('/').at(-1)!;
    const version = (await getConsultation(copyId))!;
    expect(version).toMatchObject({ status: 'draft', copiedFrom: { id: c.id, newVersion: true }, opensAt: c.opensAt });
    expect(version.pages).toEqual(c.pages);
    expect((await staffPost(`/staff/consultations/${copyId}/pages/p1/questions/new/text`, { text: 'Another', maxLength: '100', required: 'no' })).status).toBe(303);
  });
});

describe('paper responses', () => {
  it('are entered by staff, marked with their channel and who entered them, once however often sent', async () => {
    const c = await anOpenConsultation();
    const base = `/staff/consultations/${c.id}`;
    const form = await (await staffGet(`${base}/responses/new`)).text();
    const submission = form.match(/name="submission" value="([^"]+)"/)![1]!;
    const bad = await staffPost(`${base}/responses/new`, { submission, channel: 'paper', 'q3--o1': 'yes', 'q3--o2': 'yes', 'q3--o3': 'yes', 'q3--o4': 'yes' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<a href="#q1">Select one option</a>');
    expect(html).toContain('<a href="#q3">Select up to 3 options</a>');
    const fields = { submission, channel: 'event', q1: 'increase-0', 'about-postcode': 'LE2', 'about-area': 'E07000135' };
    expect((await staffPost(`${base}/responses/new`, fields)).status).toBe(303);
    expect((await staffPost(`${base}/responses/new`, fields)).status).toBe(303);
    const stored = await allResponses(c.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: 'event', area: 'E07000135', enteredBy: expect.any(String), answers: { q1: { choice: 'increase-0' } } });
  });
});

describe('results', () => {
  it('shows every number to staff, marks those suppressed in public, and can leave flagged responses out', async () => {
    const c = await anOpenConsultation();
    for (let i = 0; i < 12; i++) await respond(c, exampleAnswers(), { clientAddress: `192.0.2.${i}` });
    await respond(c, exampleAnswers({ q1: { choice: 'increase-0' } }), { clientAddress: '192.0.2.1' });
    const html = await (await staffGet(`/staff/consultations/${c.id}/results?breakdown=area`)).text();
    expect(html).toContain('Responses: 13');
    expect(html).toContain('Possible duplicates flagged: 1, included below');
    expect(html).toMatch(/No increase: Band D stays at £300.37 a year<\/th><td class="govuk-table__cell govuk-table__cell--numeric">1 <strong class="govuk-tag govuk-tag--orange">Suppressed in public<\/strong>/);
    expect(html).toContain('Effective sample size after weighting');
    const without = await (await staffGet(`/staff/consultations/${c.id}/results?flagged=exclude`)).text();
    expect(without).toContain('Responses: 12');
  });

  it('exports every response, "Other" beside its option, with formulas made harmless; and the results, suppressed', async () => {
    const c = await anOpenConsultation();
    await respond(c, exampleAnswers({ q3: { choices: ['o1', 'other'], other: '=HYPERLINK("http://x","y")' }, q6: { text: '@SUM(A1) <script>' } }));
    const csv = await (await staffGet(`/staff/consultations/${c.id}/responses.csv`)).text();
    const [head, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toContain('Which of these should be the Commissioner’s priorities?,Which of these should be the Commissioner’s priorities?: other (please say)');
    expect(row).toContain(`Neighbourhood policing; Other,"'=HYPERLINK(""http://x"",""y"")"`);
    expect(row).toContain(`'@SUM(A1) <script>`);
    const results = await (await staffGet(`/staff/consultations/${c.id}/results.csv`)).text();
    expect(results).toContain('Responses: suppressed');
    expect(results).not.toMatch(/,1,100\.0,/);
  });
});

describe('free-text answers', () => {
  it('are read page by page and tagged with platform themes and staff’s own, with counts by theme and an export', async () => {
    const c = await anOpenConsultation();
    const base = `/staff/consultations/${c.id}`;
    const first = await respond(c, exampleAnswers({ q6: { text: 'Speeding on the A6 <b>every</b> night' } }));
    await respond(c, exampleAnswers({ q6: { text: 'Dog fouling in the park' } }));
    const page = await (await staffGet(`${base}/comments`)).text();
    expect(page).toContain('Speeding on the A6 &lt;b&gt;every&lt;/b&gt; night');
    expect((await staffPost(`${base}/tags?question=q6`, { label: 'Dog fouling' })).status).toBe(303);
    expect((await staffPost(`${base}/tags?question=q6`, { label: 'dog fouling' })).status).toBe(400);
    const tag = (responseId: string, themes: string[], version: string) =>
      staffPost(`${base}/comments/q6/${responseId}`, { version, ...Object.fromEntries(themes.map((t) => [`themes-${responseId}--${t}`, 'yes'])) });
    expect((await tag(first.responseId, ['speeding-road-safety', 'custom-dog-fouling'], '0')).status).toBe(303);
    // Someone else saw version 0 too: refused, not overwritten.
    const stale = await tag(first.responseId, ['burglary'], '0');
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Someone else changed the tags on this answer');
    expect((await tag(first.responseId, ['speeding-road-safety'], '1')).status).toBe(303);
    const after = await (await staffGet(`${base}/comments?question=q6`)).text();
    expect(after).toMatch(/<td class="govuk-table__cell">Speeding and road safety<\/td><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/);
    expect(after).not.toMatch(/<td class="govuk-table__cell">Dog fouling<\/td>/);
    const csv = await (await staffGet(`${base}/comments.csv?question=q6`)).text();
    expect(csv).toContain('Speeding on the A6 <b>every</b> night,Speeding and road safety');
  });
});

describe('the decision and the public results page', () => {
  it('publishes results after closing, with the decision as written and small numbers suppressed', async () => {
    const c = await anOpenConsultation();
    for (let i = 0; i < 11; i++) await respond(c, exampleAnswers());
    await respond(c, exampleAnswers({ q1: { choice: 'increase-0' } }));
    const base = `/staff/consultations/${c.id}`;
    expect((await get(`/consultations/${c.id}/results`)).status).toBe(404);
    expect((await staffPost(`${base}/decision`, { decision: 'A £10 increase <script>alert(1)</script>.' })).status).toBe(303);
    expect((await staffPost(`${base}/publish-results`, { flagged: 'include' })).status).toBe(409);
    await closeConsultation(c.id);
    expect((await get(`/consultations/${c.id}/results`)).status).toBe(200);
    expect(await (await get(`/consultations/${c.id}/results`)).text()).toContain('We will publish the results');
    expect((await staffPost(`${base}/publish-results`, { flagged: 'include' })).status).toBe(303);
    const html = await (await get(`/consultations/${c.id}/results`)).text();
    expect(html).toContain('A £10 increase &lt;script&gt;alert(1)&lt;/script&gt;.');
    expect(html).toContain('Responses: 12');
    expect(html).toMatch(/No increase: Band D stays at £300.37 a year<\/th><td class="govuk-table__cell govuk-table__cell--numeric"><span class="govuk-hint govuk-!-margin-bottom-0">Suppressed<\/span>/);
    expect(html).toContain('counts from 1 to 9 are not shown');
  });
});
