/**
 * "What happened next": an action staff mark public shows its outcome on the public page of the meeting
 * it came from once it is finished, escaped, valid HTML and passing axe without JavaScript; taking it
 * off or reopening the action removes it; a stale change is refused (409); an action raised on its own
 * has no public page to show it on. A consultation's published results show them too. Across capabilities through core's contract, so it lives here.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMeeting } from '../../functions/meetings/fixtures.js';
import { raiseMeetingAction } from '../../functions/meetings/raising-actions.js';
import { changeActionPublic, changeActionStatus, recordAction } from '../../functions/actions/tracking.js';
import { closeConsultation, publishResults } from '../../functions/consultations/consultations.js';
import { anOpenConsultation, respond } from '../../functions/consultations/fixtures.js';
import { raiseAction } from '../../functions/consultations/raising-actions.js';
import { config } from '../../functions/core/config.js';
import { createPlatformApp } from '../../local/server.js';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../support/browser.js';
import { htmlProblems } from '../support/html-checker.js';
import { redirectPath, requestsTo } from '../support/requests.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { bearer, staffToken } from '../support/tokens.js';

const XSS = '<script>window.__hacked = true</script>';
const platform = await createPlatformApp();
const { get } = requestsTo(platform);
// The test server sets the site's address, so a form post comes from there.
const post = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
  platform.request(path, { method: 'POST', headers: { origin: new URL(config().publicBaseUrl).origin, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
const browser = useBrowser();
let server: TestServer;
let staff: Record<string, string>;
let api: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  staff = { cookie: `session=${await staffToken()}` };
  api = bearer(await staffToken());
});
afterAll(async () => {
  await server?.close();
});

const submission = () => randomBytes(24).toString('base64url');
const section = (html: string) => /<section aria-labelledby="what-happened-next">.*?<\/section>/s.exec(html)?.[0];

describe('what happened next', () => {
  it('shows a public action’s outcome on its meeting’s page once it is done, and removes it when reopened or taken off', async () => {
    const meeting = await aMeeting();
    const action = await raiseMeetingAction(meeting, { what: `Street lights on Station Road ${XSS}`, owner: { kind: 'chief-constable' } }, { by: 'Officer' });
    const meetingPage = async () => (await get(`/meetings/${meeting.id}`)).text();

    const missing = await post(`/staff/actions/${action.id}/public`, { submission: submission(), version: '1', public: 'yes', outcome: '' }, staff);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<a href="#outcome">Enter what happened, for residents to read</a>');

    const marked = await post(`/staff/actions/${action.id}/public`, { submission: submission(), version: '1', public: 'yes', outcome: `New lights were fitted in May ${XSS}` }, staff);
    expect(marked.status).toBe(303);
    expect(redirectPath(marked)).toBe(`/staff/actions/${action.id}?done=public-changed`);
    // Public, but not finished: nothing yet.
    expect(section(await meetingPage())).toBeUndefined();

    expect((await post(`/staff/actions/${action.id}/status`, { submission: submission(), version: '2', status: 'done', note: 'Fitted' }, staff)).status).toBe(303);
    const shown = section(await meetingPage());
    expect(shown).toContain('What happened next');
    expect(shown).toContain('Street lights on Station Road &lt;script&gt;window.__hacked = true&lt;/script&gt;');
    expect(shown).toContain('New lights were fitted in May &lt;script&gt;');
    expect(shown).toContain('Done, ');
    expect(shown).not.toContain(XSS);
    expect(await htmlProblems([{ name: 'meeting page with what happened next', html: await meetingPage() }, { name: 'action page', html: await (await get(`/staff/actions/${action.id}`, staff)).text() }])).toEqual([]);

    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/meetings/${meeting.id}`);
      await expect(page.getByRole('heading', { name: 'What happened next' }).isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page);
      await expect(page.evaluate(() => (window as unknown as { __hacked?: boolean }).__hacked ?? false)).resolves.toBe(false);
    } finally {
      await page.context().close();
    }

    // A stale change is refused and nothing moves.
    expect((await post(`/staff/actions/${action.id}/public`, { submission: submission(), version: '2', public: '', outcome: '' }, staff)).status).toBe(409);
    expect(section(await meetingPage())).toContain('New lights were fitted in May');

    // Reopened: gone; done again: back.
    expect((await post(`/staff/actions/${action.id}/status`, { submission: submission(), version: '3', status: 'in-progress', note: 'One light failed' }, staff)).status).toBe(303);
    expect(section(await meetingPage())).toBeUndefined();
    expect((await post(`/staff/actions/${action.id}/status`, { submission: submission(), version: '4', status: 'done', note: '' }, staff)).status).toBe(303);
    expect(section(await meetingPage())).toContain('New lights were fitted in May');

    // Taken off the public page: gone.
    expect((await post(`/staff/actions/${action.id}/public`, { submission: submission(), version: '5', public: '', outcome: '' }, staff)).status).toBe(303);
    expect(section(await meetingPage())).toBeUndefined();
  }, 90_000);

  it('through the API, and refused for an action raised on its own (it has no public page)', async () => {
    const meeting = await aMeeting();
    const action = await raiseMeetingAction(meeting, { what: 'Answer about 101 waiting times', owner: { kind: 'chief-constable' } }, { by: 'Officer' });
    const send = (id: string, body: unknown) => platform.request(`/api/actions/${id}/public`, { method: 'POST', headers: { ...api, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await send(action.id, { version: 1, public: true, outcome: 'The force now publishes its 101 figures monthly' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ version: 2, public: true, publicOutcome: 'The force now publishes its 101 figures monthly' });
    expect((await send(action.id, { version: 1, public: false })).status).toBe(409);

    const alone = await recordAction({ what: 'On its own', owner: { kind: 'chief-constable' } }, { by: 'Officer' });
    const refused = await send(alone.id, { version: 1, public: true, outcome: 'Something' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { fields: [{ field: 'public' }] } });
  });

  it('shows on a consultation’s published results, valid and passing axe', async () => {
    const open = await anOpenConsultation();
    await respond(open);
    const closed = await closeConsultation(open.id);
    await publishResults(closed.id, { includeFlagged: true });
    const action = await raiseAction(closed, { what: `Publish the precept breakdown ${XSS}`, owner: { kind: 'deputy-commissioner' } }, { by: 'Officer' });
    await changeActionPublic(action.id, { version: 1, public: true, outcome: 'The breakdown is on our budget page' }, { by: 'Officer' });
    await changeActionStatus(action.id, { version: 2, status: 'done' }, { by: 'Officer' });
    const html = await (await get(`/consultations/${closed.id}/results`)).text();
    expect(section(html)).toContain('Publish the precept breakdown &lt;script&gt;');
    expect(section(html)).toContain('The breakdown is on our budget page');
    expect(await htmlProblems([{ name: 'consultation results with what happened next', html }])).toEqual([]);
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/consultations/${closed.id}/results`);
      await expect(page.getByRole('heading', { name: 'What happened next' }).isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  }, 90_000);
});
