/**
 * A respondent's receipt reference works: staff find the response by it (however it is typed), read
 * its answers back (a typed `<script>` shown as text), are told which field is wrong for a reference
 * that cannot be one, and that no response has a reference that is not this consultation's. Staff
 * role; a person without it gets 403. The pages pass the Nu HTML Checker.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlProblems } from '../../../test/support/html-checker.js';
import { requestsTo } from '../../../test/support/requests.js';
import { bearer, noRoleToken, staffToken } from '../../../test/support/tokens.js';
import { app } from '../app.js';
import { anOpenConsultation, exampleAnswers, respond } from '../fixtures.js';

const { get } = requestsTo(app);
let auth: Record<string, string>;
beforeAll(async () => {
  auth = bearer(await staffToken());
});

const XSS = '<script>alert(1)</script>';
const find = (consultationId: string, reference?: string, headers = auth) =>
  get(`/staff/consultations/${consultationId}/responses/find${reference === undefined ? '' : `?reference=${encodeURIComponent(reference)}`}`, headers);

describe('finding a response by its receipt reference', () => {
  it('shows the response and its answers, typed in any case and with or without the dash', async () => {
    const consultation = await anOpenConsultation();
    const sent = await respond(consultation, exampleAnswers({ q6: { text: XSS } }));
    const other = await respond(consultation, exampleAnswers({ q6: { text: 'Someone else entirely' } }));
    const empty = await find(consultation.id);
    expect(empty.status).toBe(200);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('Find a response by its reference');

    const page = await find(consultation.id, sent.reference.replace('-', '').toLowerCase());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Response ${sent.reference}`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain(XSS);
    expect(html).not.toContain('Someone else entirely');
    expect(html).not.toContain(other.reference);
    expect(await htmlProblems([{ name: 'find a response', html: emptyHtml }, { name: 'a response', html }])).toEqual([]);
  });

  it('says which field is wrong for a reference that cannot be one, and finds nothing for another consultation’s', async () => {
    const consultation = await anOpenConsultation();
    const elsewhere = await anOpenConsultation();
    const theirs = await respond(elsewhere);
    const bad = await find(consultation.id, 'not-a-ref');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#reference"');
    const missing = await find(consultation.id, theirs.reference);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`No response to this consultation has the reference ${theirs.reference}`);
  });

  it('is for staff only', async () => {
    const consultation = await anOpenConsultation();
    expect((await find(consultation.id, undefined, bearer(await noRoleToken()))).status).toBe(403);
  });
});
