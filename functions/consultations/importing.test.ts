/**
 * Responses gathered by others, imported from CSV through the staff pages against DynamoDB Local, signed
 * in with the staff role (the lowest that may): every row checked and its problems named by row and
 * column with nothing written, then imported with its channel and counted, and the same file imported
 * again (one after the other, or twice at once) adding nothing twice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN } from '../../test/support/requests.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { app } from './app.js';
import { closeConsultation, publishResults } from './consultations.js';
import { anOpenConsultation } from './fixtures.js';
import { IMPORT_LIMITS } from './importing.js';
import { resultsOf } from './reading-results.js';
import { allResponses } from './store/responses.js';

let auth: Record<string, string>;
beforeAll(async () => {
  auth = bearer(await staffToken());
});

const upload = (path: string, fields: Record<string, string>, file?: string) => {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  if (file !== undefined) body.set('file', new File([file], 'responses.csv', { type: 'text/csv' }));
  return app.request(path, { method: 'POST', headers: { origin: ORIGIN, ...auth }, body });
};

/** The confirming form's fields, as the preview page carries them. */
function confirmFields(html: string): Record<string, string> {
  const form = html.match(/<form[^>]*action="[^"]*\/confirm"[^>]*>([\s\S]*?)<\/form>/)?.[1];
  if (!form) throw new Error('No confirming form on the page');
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

const GOOD = [
  'q1,q2,q3,q3-other,q4,q5,q6,about-age,about-postcode',
  'increase-0,Agree,Burglary; Road safety,,No,,,35-44,LE11',
  'increase-1000,strongly-disagree,"Other",More buses at night,Yes,No,"Said on the phone: ""more patrols"", <script>alert(1)</script>",,Prefer not to say',
  'Don’t know,,,,,,,,',
].join('\r\n');

describe('importing responses gathered by others', () => {
  it('names each problem by row and column, says the limits, and writes nothing', async () => {
    const c = await anOpenConsultation();
    const path = `/staff/consultations/${c.id}/responses/import`;
    const page = await (await app.request(path, { headers: auth })).text();
    expect(page).toContain(`up to ${IMPORT_LIMITS.rows} responses and be up to ${IMPORT_LIMITS.bytes / 1024} KB`);

    const bad = ['q1,q3,q5', 'increase-0,Burglary,', 'increase-99,Burglary;Road safety;Rural crime;Fraud and online crime,', ',,Yes'].join('\n');
    const preview = await upload(path, { channel: 'paper' }, bad);
    expect(preview.status).toBe(400);
    const html = await preview.text();
    expect(html).toContain('Row 3, column q1: Select one of the options given');
    expect(html).toContain('Row 3, column q3: Select up to 3 options');
    expect(html).toContain('Row 4, column q1: Select one option');
    expect(html).toContain('Row 4, column q5: Do not answer this question: it only applies to an answer not given to an earlier question');
    expect(html).not.toContain('Row 2,');
    expect(html).not.toContain('/confirm"');

    const unknown = await upload(path, { channel: 'paper' }, 'q1,postcode\nincrease-0,LE11 3AB');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('The header row has a column that is not a question of this consultation: postcode');

    const tooMany = await upload(path, { channel: 'paper' }, ['q1', ...Array.from({ length: IMPORT_LIMITS.rows + 1 }, () => 'increase-0')].join('\n'));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain(`The file has ${IMPORT_LIMITS.rows + 1} responses: import up to ${IMPORT_LIMITS.rows} at a time`);

    const noChannel = await upload(path, {}, GOOD);
    expect(noChannel.status).toBe(400);
    expect(await noChannel.text()).toContain('Choose how the responses were given');
    expect(await allResponses(c.id)).toEqual([]);
  });

  it('imports every row with its channel, counted as entered responses are; the same file again adds nothing', async () => {
    const c = await closeConsultation((await anOpenConsultation()).id);
    const path = `/staff/consultations/${c.id}/responses/import`;
    const preview = await upload(path, { channel: 'telephone' }, GOOD);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('3 responses checked, every one right. Channel: By telephone.');
    const fields = confirmFields(html);

    const done = await upload(`${path}/confirm`, fields);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${path}?done=imported&imported=3&repeated=0`);
    const stored = await allResponses(c.id);
    expect(stored).toHaveLength(3);
    expect(stored.every((r) => r.channel === 'telephone' && r.enteredBy)).toBe(true);
    const answers = stored.map((r) => r.answers);
    expect(answers).toContainEqual(expect.objectContaining({ q1: { choice: 'increase-0' }, q2: { choice: 'agree' }, q3: { choices: ['o4', 'o5'] }, q4: { choice: 'o2' }, 'about-postcode': { outwardCode: 'LE11' } }));
    expect(answers).toContainEqual(expect.objectContaining({ q3: { choices: ['other'], other: 'More buses at night' }, q5: { choice: 'o2' }, q6: { text: 'Said on the phone: "more patrols", <script>alert(1)</script>' }, 'about-postcode': { choice: 'prefer-not-to-say' } }));
    expect(answers).toContainEqual({ q1: { choice: 'dont-know' } });

    // The same file checked and imported again (a new form, so not core's repeat), and twice at once.
    const again = confirmFields(await (await upload(path, { channel: 'telephone' }, GOOD)).text());
    const twice = confirmFields(await (await upload(path, { channel: 'paper' }, GOOD.replace(/\r\n/g, '\n'))).text());
    const [first, second] = await Promise.all([upload(`${path}/confirm`, again), upload(`${path}/confirm`, twice)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(first.headers.get('location')).toContain('imported=0&repeated=3');
    expect(second.headers.get('location')).toContain('imported=0&repeated=3');
    expect(await allResponses(c.id)).toHaveLength(3);
    const results = await resultsOf(c);
    expect(results.byChannel.map((ch) => [ch.id, ch.count.count])).toEqual([
      ['online', 0],
      ['paper', 0],
      ['event', 0],
      ['telephone', 3],
    ]);
  });

  it('is refused once the results are published', async () => {
    const c = await closeConsultation((await anOpenConsultation()).id);
    await publishResults(c.id, { includeFlagged: true });
    const path = `/staff/consultations/${c.id}/responses/import`;
    expect((await app.request(path, { headers: auth })).status).toBe(409);
    expect((await upload(path, { channel: 'paper' }, GOOD)).status).toBe(409);
    expect(await allResponses(c.id)).toEqual([]);
  });
});
