/**
 * A resident registers for a public meeting through the real pages in Chromium with JavaScript off:
 * the list, the meeting, the form with a mistake, the fix, the confirmation and the manage link from
 * the email. axe checks every page against WCAG 2.2 AA. Staff check-in is checked on a phone, and staff
 * raise an action from a question sent in advance.
 * Screenshots of the phone views are written to /tmp for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMeeting, register, unique } from './fixtures.js';
import { manageTokenFor } from '../../test/support/inbox.js';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { staffToken } from '../../test/support/tokens.js';

const browser = useBrowser();
let server: TestServer;
const PHONE = { width: 375, height: 812 };

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Nothing may scroll sideways on a phone (WCAG 1.4.10 Reflow). */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.content).toBeLessThanOrEqual(widths.viewport);
}

describe('registering for a meeting with JavaScript off', () => {
  it('goes from the list to "check your email" and the manage page, each passing axe', async () => {
    const meeting = await aMeeting({ title: unique('Hinckley community meeting'), areaCode: 'E07000132', maxPlacesPerRegistration: 3 });
    const email = `${meeting.id}@example.com`;
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/meetings`);
      await page.getByLabel('Council area').selectOption({ label: 'Hinckley and Bosworth' });
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL(/area=E07000132/);
      await expectNoAxeViolations(page);

      await page.getByRole('link', { name: meeting.title }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(meeting.title);
      await expectNoAxeViolations(page);

      await page.getByLabel('Full name').fill('Jo Bloggs');
      await page.getByLabel('Email address').fill('jo.bloggs.example.com');
      await page.getByLabel('How many places do you need?').fill('2');
      await page.getByLabel('Access needs (optional)').fill('Hearing loop, please');
      await page.getByLabel('I have read the privacy notice').check();
      await page.getByRole('button', { name: 'Register' }).click();

      expect(await page.title()).toMatch(/^Error: /);
      const summary = page.locator('.govuk-error-summary');
      await expect(summary.textContent()).resolves.toContain('Enter an email address in the correct format');
      await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#email');
      // The answers are kept, so only the mistake needs fixing.
      await expect(page.getByLabel('Full name').inputValue()).resolves.toBe('Jo Bloggs');
      await expect(page.getByLabel('How many places do you need?').inputValue()).resolves.toBe('2');
      await expect(page.getByLabel('I have read the privacy notice').isChecked()).resolves.toBe(true);
      await expectNoAxeViolations(page);

      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Register' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your email');
      await expect(page.locator('main').textContent()).resolves.toContain(email);
      await expectNoAxeViolations(page);

      const token = await manageTokenFor(email);
      await page.goto(`${server.baseUrl}/manage/${token}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your registration');
      await expect(page.locator('main').textContent()).resolves.toContain('2 places');
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});

describe('on a phone', () => {
  it('shows the meeting page without sideways scrolling', async () => {
    const meeting = await aMeeting({ title: unique('Loughborough public meeting'), areaCode: 'E07000130' });
    const page = await newPageWithoutJavaScript(browser(), { viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      await page.goto(`${server.baseUrl}/meetings/${meeting.id}`);
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: '/tmp/meeting-phone.png', fullPage: true });
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('lets staff check people in with one tap each, on cards that fit the screen', async () => {
    const meeting = await aMeeting({ title: unique('Melton check-in') });
    const input = { email: `${meeting.id}-a@example.com`, name: 'Alex Smith', places: 2, privacyAccepted: true as const, accessNeeds: 'Wheelchair user' };
    await register(meeting.id, input);
    await register(meeting.id, { ...input, email: `${meeting.id}-b@example.com`, name: 'Alexandra Jones', places: 1, accessNeeds: undefined });

    const page = await newPageWithoutJavaScript(browser(), { viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
      await page.goto(`${server.baseUrl}/staff/meetings/${meeting.id}/check-in`);
      await page.getByLabel('Name or reference').fill('alex');
      await page.getByRole('button', { name: 'Search' }).click();
      const buttons = page.getByRole('button', { name: /^Mark as attended/ });
      await expect(buttons.count()).resolves.toBe(2);
      // Easy to tap: GOV.UK buttons go full width on small screens, well over WCAG 2.2's 24px minimum target.
      const box = (await buttons.first().boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(36);
      expect(box.width).toBeGreaterThan(PHONE.width * 0.7);

      await buttons.first().click();
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toMatch(/marked as attended/);
      await expect(page.getByLabel('Name or reference').inputValue()).resolves.toBe('alex');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: '/tmp/check-in-phone.png', fullPage: true });
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});

describe('raising an action from a question, with JavaScript off', () => {
  it('goes from the questions page to the action form and back, the action shown under its question, each page passing axe', async () => {
    const meeting = await aMeeting({ title: unique('Coalville questions') });
    await register(meeting.id, { email: `${meeting.id}-q@example.com`, name: 'Sam Asker', places: 1, privacyAccepted: true, question: 'What is being done about speeding on the A511?' });
    const page = await newPageWithoutJavaScript(browser());
    try {
      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
      await page.goto(`${server.baseUrl}/staff/meetings/${meeting.id}/questions`);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: /^Raise an action/ }).click();
      await expect(page.locator('.govuk-inset-text').textContent()).resolves.toContain('speeding on the A511');
      await page.getByRole('button', { name: 'Raise the action' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoAxeViolations(page);

      await page.getByLabel('What needs to be done').fill('Ask the road safety team for a speed survey on the A511');
      await page.getByLabel('Who owns it').selectOption({ label: 'Road safety team' });
      await page.getByRole('button', { name: 'Raise the action' }).click();
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Action raised');
      await expect(page.locator('main').textContent()).resolves.toContain('speed survey on the A511');
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});
