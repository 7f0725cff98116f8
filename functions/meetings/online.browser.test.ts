/**
 * A hybrid meeting through the real pages in Chromium with JavaScript off, each page passing axe
 * (WCAG 2.2 AA): a resident who forgets to say how they will attend is asked, chooses online and is
 * registered online; staff create a hybrid meeting, set its link to join, and see each mode's places
 * and each person's way of attending.
 */
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { useTestServer } from '../../test/support/test-server.js';
import { staffToken } from '../../test/support/tokens.js';
import { aMeeting, allDecided, unique } from './fixtures.js';
import { listRegistrations } from './registrations.js';

const browser = useBrowser();
const server = useTestServer();

describe('a hybrid meeting with JavaScript off', () => {
  it('asks how a resident will attend, and registers them online', async () => {
    const meeting = await aMeeting({ title: unique('Hybrid meeting'), mode: 'hybrid', capacity: 10, onlineCapacity: 40, maxPlacesPerRegistration: 1 });
    const email = `${meeting.id}@example.com`;
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/meetings/${meeting.id}`);
      await expect(page.locator('main').textContent()).resolves.toContain('In person: 10 places left. Online: 40 places left');
      await expectNoAxeViolations(page);
      await page.getByLabel('Full name').fill('Jo Bloggs');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('I have read the privacy notice').check();
      await page.getByRole('button', { name: 'Register' }).click();

      const summary = page.locator('.govuk-error-summary');
      await expect(summary.textContent()).resolves.toContain('Choose how you will attend: in person or online');
      await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#attendMode');
      await expectNoAxeViolations(page);

      await page.getByRole('group', { name: 'How will you attend?' }).getByLabel('Online').check();
      await page.getByRole('button', { name: 'Register' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your email');
      await allDecided(meeting.id);
      expect((await listRegistrations(meeting.id)).map((r) => [r.email, r.attendMode, r.status])).toEqual([[email, 'online', 'confirmed']]);
    } finally {
      await page.context().close();
    }
  });

  it('shows staff the mode on the edit form, lets them set the link to join (https only), and shows each mode’s places', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
      const meeting = await aMeeting({ title: unique('Staff hybrid'), mode: 'hybrid', capacity: 10, onlineCapacity: 40 });

      await page.goto(`${server.baseUrl}/staff/meetings/${meeting.id}/edit`);
      await expect(page.getByLabel('Both: in person and online').isChecked()).resolves.toBe(true);
      await expect(page.getByLabel('Places online').inputValue()).resolves.toBe('40');
      await expectNoAxeViolations(page);

      await page.goto(`${server.baseUrl}/staff/meetings/${meeting.id}`);
      await expect(page.locator('main').textContent()).resolves.toContain('Not set yet');
      await page.getByRole('link', { name: 'Set the link' }).click();
      await expectNoAxeViolations(page);
      await page.getByLabel('Link to join').fill('http://insecure.example.com/j/1');
      await page.getByRole('button', { name: 'Save and email it' }).click();
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('starting https://');
      await expectNoAxeViolations(page);
      await page.getByLabel('Link to join').fill('https://zoom.us/j/123456789');
      await page.getByRole('button', { name: 'Save and email it' }).click();

      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Link to join saved');
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('https://zoom.us/j/123456789');
      expect(main).toContain('0 of 10 taken');
      expect(main).toContain('0 of 40 taken');
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});
