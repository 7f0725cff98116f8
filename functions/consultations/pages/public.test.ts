/**
 * The questionnaire as a browser without JavaScript uses it: pages that post and redirect, answers kept
 * in a server-side draft under a cookie token, errors that name the field and say what to do, a
 * conditional page, check your answers, one response for a form sent twice, an emailed copy whose
 * address is not kept, and nothing accepted before opening or after closing.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { waitForEmail } from '../../../test/support/inbox.js';
import { cookiesFrom, redirectPath, requestsTo } from '../../../test/support/requests.js';
import { app } from '../app.js';
import { closeConsultation } from '../consultations.js';
import { anOpenConsultation, unique } from '../fixtures.js';
import type { Consultation } from '../model.js';
import { resultsOf } from '../reading-results.js';
import { allResponses } from '../store/responses.js';
import { getReceipt } from '../store/receipts.js';

const { get, post } = requestsTo(app);

/** A browser: keeps its cookie, follows redirects from posts. */
function browser() {
  let cookie = '';
  const headers = () => (cookie ? { cookie } : ({} as Record<string, string>));
  const remember = (response: Response) => {
    const set = cookiesFrom(response);
    if (set) cookie = set;
    return response;
  };
  return {
    get cookie() {
      return cookie;
    },
    get: async (path: string) => remember(await get(path, headers())),
    post: async (path: string, fields: Record<string, string>) => remember(await post(path, fields, headers())),
  };
}

const page = (c: Consultation, id: string) => `/consultations/${c.id}/questions/${id}`;
const submissionOn = (html: string) => html.match(/name="submission" value="([^"]+)"/)![1]!;

/** Answers every page of the example with valid answers, as a respondent would. */
async function answerEverything(b: ReturnType<typeof browser>, c: Consultation, overrides: Record<string, Record<string, string>> = {}) {
  const steps: Array<[string, Record<string, string>]> = [
    ['p1', { q1: 'increase-1000', q2: 'agree' }],
    ['p2', { 'q3--o1': 'yes', 'q3--other': 'yes', 'q3-other': '<script>alert(1)</script>' }],
    ['p3', { q4: 'o2' }],
    ['p5', { q6: 'More officers on foot.' }],
    ['about-age', { 'about-age': '35-44' }],
    ['about-sex', {}],
    ['about-ethnicity', { 'about-ethnicity': 'white-british' }],
    ['about-disability', { 'about-disability': 'no' }],
    ['about-postcode', { 'about-postcode': 'le11 3ab' }],
  ];
  for (const [id, fields] of steps) {
    const response = await b.post(page(c, id), overrides[id] ?? fields);
    expect(response.status, `${id}: ${await response.clone().text().then((t) => t.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? '')}`).toBe(303);
  }
}

/** A browser that has answered every page of an open consultation, and the key of its "Send" form. */
async function readyToSend() {
  const c = await anOpenConsultation();
  const b = browser();
  await b.get(page(c, 'p1'));
  await answerEverything(b, c);
  return { c, b, submission: submissionOn(await (await b.get(`/consultations/${c.id}/check-answers`)).text()) };
}

describe('the questionnaire', () => {
  it('starts with a page that says what it is about and when it closes, and sets a random cookie on the first question', async () => {
    const c = await anOpenConsultation();
    const b = browser();
    const start = await b.get(`/consultations/${c.id}`);
    expect(start.status).toBe(200);
    const html = await start.text();
    expect(html).toContain('What is the precept, and why are we asking?');
    expect(html).toContain(`href="/consultations/${c.id}/questions/p1"`);
    const first = await b.get(page(c, 'p1'));
    expect(first.status).toBe(200);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^consultation_browser=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/consultations; HttpOnly; SameSite=Lax$/);
    const text = await first.text();
    expect(text).toContain('page 1 of 9');
    // The band table under the precept question.
    expect(text).toContain('£310.37 a year: £10.00 more, 83p a month');
    expect(text).toContain('£206.91 a year: £6.66 more, 56p a month');
    expect(text).toContain('£200.25');
  });

  it('explains a mistake beside the field and in a linked summary, keeping the other answers', async () => {
    const c = await anOpenConsultation();
    const b = browser();
    await b.get(page(c, 'p1'));
    const response = await b.post(page(c, 'p1'), { q2: 'agree' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<title>Error: The police precept');
    expect(html).toContain('<a href="#q1">Select one option</a>');
    expect(html).toMatch(/<input class="govuk-radios__input" id="q2-2" name="q2" type="radio" value="agree" checked/);
    const tooMany = await b.post(page(c, 'p2'), { 'q3--o1': 'yes', 'q3--o2': 'yes', 'q3--o3': 'yes', 'q3--o4': 'yes' });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain('<a href="#q3">Select up to 3 options</a>');
    const other = await b.post(page(c, 'p2'), { 'q3--other': 'yes' });
    expect(await other.text()).toContain('<a href="#q3-other">Say what your other answer is</a>');
  });

  it('keeps answers when going back, skips a page that does not apply, and shows it when it does', async () => {
    const c = await anOpenConsultation();
    const b = browser();
    await b.get(page(c, 'p1'));
    expect(redirectPath(await b.post(page(c, 'p1'), { q1: 'increase-0' }))).toBe(page(c, 'p2'));
    const back = await (await b.get(page(c, 'p1'))).text();
    expect(back).toMatch(/value="increase-0" checked/);
    await b.post(page(c, 'p2'), {});
    // Not a victim of crime: "Did you report it?" (p4) is skipped.
    expect(redirectPath(await b.post(page(c, 'p3'), { q4: 'o2' }))).toBe(page(c, 'p5'));
    expect(redirectPath(await b.post(page(c, 'p3'), { q4: 'o1' }))).toBe(page(c, 'p4'));
    expect((await b.post(page(c, 'p4'), {})).status).toBe(400);
    expect(redirectPath(await b.post(page(c, 'p4'), { q5: 'o1' }))).toBe(page(c, 'p5'));
  });

  it('asks which council when the postcode district spans councils, and never keeps more than its first part', async () => {
    const c = await anOpenConsultation();
    const b = browser();
    await b.get(page(c, 'p1'));
    expect(redirectPath(await b.post(page(c, 'about-postcode'), { 'about-postcode': 'LE8 4AB' }))).toBe(page(c, 'about-area'));
    const area = await (await b.get(page(c, 'about-area'))).text();
    expect(area).toContain('Blaby');
    expect(area).toContain('Harborough');
    expect(area).not.toContain('4AB');
    expect((await b.post(page(c, 'about-area'), { 'about-area': 'E06000016' })).status).toBe(400);
    expect(redirectPath(await b.post(page(c, 'about-area'), { 'about-area': 'E07000131' }))).toBe(`/consultations/${c.id}/check-answers`);
  });

  it('checks answers, sends once however often the form is sent, and gives a receipt reference', async () => {
    const c = await anOpenConsultation();
    const b = browser();
    await b.get(page(c, 'p1'));
    await answerEverything(b, c);
    const check = await b.get(`/consultations/${c.id}/check-answers`);
    expect(check.status).toBe(200);
    const html = await check.text();
    expect(html).toContain('Other: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('LE11');
    expect(html).not.toContain('3AB');
    expect(html).toContain(`href="/consultations/${c.id}/questions/p2?return=check"`);
    const submission = submissionOn(html);
    const [first, second] = await Promise.all([
      b.post(`/consultations/${c.id}/check-answers`, { submission, receiptEmail: '' }),
      b.post(`/consultations/${c.id}/check-answers`, { submission, receiptEmail: '' }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(redirectPath(first)).toBe(redirectPath(second));
    expect(redirectPath(first)).toMatch(new RegExp(`^/consultations/${c.id}/confirmation/[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$`));
    const confirmation = await b.get(redirectPath(first));
    expect(confirmation.status).toBe(200);
    expect(await confirmation.text()).toContain(redirectPath(first).split('/').at(-1)!);
    // Sent again later (a refresh): still the same one.
    expect(redirectPath(await b.post(`/consultations/${c.id}/check-answers`, { submission }))).toBe(redirectPath(first));
    const stored = await allResponses(c.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers['q3']).toEqual({ choices: ['o1', 'other'], other: '<script>alert(1)</script>' });
    expect(stored[0]!.area).toBe('E07000130');
    // The draft went with the response (a note of which response it became is left): the check page shows its confirmation.
    expect(redirectPath(await b.get(`/consultations/${c.id}/check-answers`))).toBe(redirectPath(first));
  });

  it('emails a copy of the answers when asked, and keeps the address only until it is sent', async () => {
    const { c, b, submission } = await readyToSend();
    const bad = await b.post(`/consultations/${c.id}/check-answers`, { submission, receiptEmail: 'not an address' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<a href="#receiptEmail">Enter an email address in the correct format, like name@example.com</a>');
    const email = `copy-${randomUUID()}@example.org`;
    const sent = await b.post(`/consultations/${c.id}/check-answers`, { submission, receiptEmail: email });
    expect(sent.status).toBe(303);
    const reference = redirectPath(sent).split('/').at(-1)!.split('?')[0]!;
    const received = await waitForEmail(email, c.title);
    expect(received.body.text).toContain(reference);
    expect(received.body.text).toContain('£10 a year more for Band D');
    expect(received.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(received.body.html).not.toContain('<script>alert(1)');
    const [stored] = await allResponses(c.id);
    expect(JSON.stringify(stored)).not.toContain(email);
    // Once sent, the address is gone.
    for (let i = 0; i < 50 && (await getReceipt(stored!.id)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await getReceipt(stored!.id)).toBeUndefined();
  });

  it('is named in the privacy notice: the cookie, and how long answers and addresses are kept', async () => {
    const { createPlatformApp } = await import('../../../local/server.js');
    const html = await (await (await createPlatformApp()).request('/privacy')).text();
    expect(html).toContain('‘consultation_browser’ holds a random code, nothing about you');
    expect(html).toContain('Consultation responses (anonymous: no name, email address or full postcode is kept with them)');
    expect(html).toContain('we delete them when the email has been sent (within 3 days at most)');
  });

  it('asks to allow cookies when the browser does not send its token back', async () => {
    const c = await anOpenConsultation();
    const response = await post(page(c, 'p1'), { q1: 'increase-0' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Your answers could not be kept');
  });
});

describe('before it opens and after it closes', () => {
  it('says when it opens, and takes nothing before then', async () => {
    const c = await anOpenConsultation({ details: { opensAt: new Date(Date.now() + 2 * 86_400_000).toISOString() } });
    const start = await get(`/consultations/${c.id}`);
    expect(await start.text()).toContain('This consultation opens at');
    expect(redirectPath(await get(page(c, 'p1')))).toBe(`/consultations/${c.id}`);
    expect((await post(page(c, 'p1'), { q1: 'increase-0' })).status).toBe(409);
  });

  it('says it has closed, and refuses what was answered before it closed', async () => {
    const { c, b, submission } = await readyToSend();
    await closeConsultation(c.id);
    const refused = await b.post(`/consultations/${c.id}/check-answers`, { submission });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('This consultation closed at');
    expect(await allResponses(c.id)).toEqual([]);
    expect((await resultsOf(c)).responses.count).toBe(0);
  });

  it('does not show drafts or unknown consultations', async () => {
    expect((await get('/consultations/no-such-thing')).status).toBe(404);
    expect((await get('/consultations/no-such-thing/questions/p1')).status).toBe(404);
  });

  it('lists open consultations, with the title shown as text', async () => {
    const c = await anOpenConsultation({ details: { title: unique('<script>alert("x")</script> precept') } });
    const html = await (await get('/consultations')).text();
    expect(html).toContain(`&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; precept`);
    expect(html).toContain(`href="/consultations/${c.id}"`);
  });
});
