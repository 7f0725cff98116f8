/**
 * The action log in Chromium without JavaScript: every page of it, and a form with its errors, pass axe
 * (WCAG 2.2 AA), with text people typed shown as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { staffToken } from '../../test/support/tokens.js';
import { newAction } from '../core/actions/actions.js';
import { putAction } from '../core/actions/store.js';
import { transactWrite } from '../core/store/transactions.js';
import { addContact } from './contacts.js';
import { recordAction } from './tracking.js';

const browser = useBrowser();
let server: TestServer;
const XSS = '<script>window.__hacked = true</script>';
let actionId: string;
let raisedId: string;
let contactId: string;

beforeAll(async () => {
  server = await startTestServer();
  actionId = (await recordAction({ what: `Write to the Chief Constable ${XSS}`, owner: { kind: 'chief-constable' } }, { by: 'Officer' })).id;
  // One raised from a visit, as community days raises them: with its source, in its own transaction.
  const raised = newAction({ what: `Speed watch ${XSS}`, owner: { kind: 'road-safety-team' }, dueOn: '2020-01-01' }, { by: 'Officer', source: { capability: 'community-days', kind: 'visit', id: 'a-visit', label: `Community day: Bottesford ${XSS}` } });
  await transactWrite([{ name: 'action', write: putAction(raised) }]);
  raisedId = raised.id;
  contactId = (await addContact({ ownerKind: 'other-organisation', bodyName: `Axe Trust ${raised.id}`, contactName: `Sam ${XSS}`, email: `axe-${raised.id}@example.org` }, { by: 'Officer' })).id;
});
afterAll(async () => {
  await server?.close();
});

describe('the action log without JavaScript', () => {
  it('passes axe on every page, and on a form with its errors', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
      for (const path of ['/staff/actions', `/staff/actions/${actionId}`, `/staff/actions/${raisedId}`, '/staff/actions/new', '/staff/actions/figures', '/staff/actions/contacts', `/staff/actions/contacts/${contactId}`]) {
        await page.goto(`${server.baseUrl}${path}`);
        expect(await page.title(), path).not.toMatch(/^(Error|Page not found)/);
        await expectNoAxeViolations(page);
      }
      await expect(page.evaluate(() => (window as unknown as { __hacked?: boolean }).__hacked ?? false)).resolves.toBe(false);
      await page.goto(`${server.baseUrl}/staff/actions/new`);
      await page.getByRole('button', { name: 'Add the action' }).click();
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter what needs to be done');
      await expectNoAxeViolations(page);
      await page.goto(`${server.baseUrl}/staff/actions/contacts`);
      await page.getByRole('button', { name: 'Add the contact' }).click();
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the contact’s name');
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  }, 90_000);
});
