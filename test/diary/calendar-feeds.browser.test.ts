/**
 * The diary feeds' staff pages in Chromium with JavaScript off, checked with axe (WCAG 2.2 AA): the
 * list, the form sent with nothing in it, and the page that shows a new feed's address once.
 */
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../support/browser.js';
import { useTestServer } from '../support/test-server.js';
import { staffToken } from '../support/tokens.js';

const browser = useBrowser();
const server = useTestServer();

describe('diary feeds, with JavaScript off', () => {
  it('pass axe: the list, the form with errors, and the new feed’s address', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: new URL(server.baseUrl).hostname, path: '/', httpOnly: true }]);
      await page.goto(`${server.baseUrl}/staff/calendar-feeds`);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Make the feed' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoAxeViolations(page);
      await page.getByLabel('Name').fill('Deputy’s phone');
      await page.getByLabel('The Deputy Commissioner').check();
      await page.getByRole('button', { name: 'Make the feed' }).click();
      await expect(page.locator('#feed-address').textContent()).resolves.toMatch(/\/diary\/[A-Za-z0-9_-]{43}\.ics$/);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  }, 90_000);
});
