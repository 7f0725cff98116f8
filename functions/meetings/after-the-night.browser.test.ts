/**
 * At the door and after the night, in Chromium with JavaScript off, each page passing axe (WCAG 2.2 AA):
 * a walk-in added on the phone-sized check-in page (with a mistake first), "you said, we did" written
 * and shown on the public page, and a meeting that already happened recorded.
 */
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { useTestServer } from '../../test/support/test-server.js';
import { staffToken } from '../../test/support/tokens.js';
import { aPastMeeting, unique } from './fixtures.js';

const browser = useBrowser();
const server = useTestServer();

async function staffPage(viewport?: { width: number; height: number }) {
  const page = await newPageWithoutJavaScript(browser(), viewport ? { viewport } : {});
  const { hostname } = new URL(server.baseUrl);
  await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
  return page;
}

describe('after the night, with JavaScript off', () => {
  it('adds a walk-in at check-in on a phone, and writes "you said, we did" for the public page', async () => {
    const meeting = await aPastMeeting({ title: unique('Kegworth meeting') }).meeting;
    const page = await staffPage({ width: 375, height: 812 });
    try {
      await page.goto(`${server.baseUrl}/staff/meetings/${meeting.id}/check-in`);
      await expectNoAxeViolations(page);
      await page.getByLabel('Their email address (optional)').fill('not an email');
      await page.getByRole('button', { name: 'Add walk-in' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter their name');
      await expectNoAxeViolations(page);
      await page.getByLabel('Their name').fill('Jo Walk-in');
      await page.getByLabel('Their email address (optional)').fill('');
      await page.getByLabel('Where they live (optional)').selectOption({ label: 'North West Leicestershire' });
      await page.getByRole('button', { name: 'Add walk-in' }).click();
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Jo Walk-in added as a walk-in');
      await expectNoAxeViolations(page);

      await page.goto(`${server.baseUrl}/staff/meetings/${meeting.id}`);
      await page.getByRole('link', { name: 'Write “you said, we did”' }).click();
      await expectNoAxeViolations(page);
      await page.getByLabel('You said, we did').fill('You said: speeding on the A6.\n\nWe did: a speed survey.');
      await page.getByRole('button', { name: 'Save and publish' }).click();
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('“You said, we did” saved');
      await page.goto(`${server.baseUrl}/meetings/${meeting.id}`);
      await expect(page.locator('main').textContent()).resolves.toContain('We did: a speed survey.');
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('records a meeting that already happened, with a mistake first', async () => {
    const page = await staffPage();
    try {
      await page.goto(`${server.baseUrl}/staff/meetings`);
      await page.getByRole('link', { name: 'Record a meeting that already happened' }).click();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Record meeting' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});
