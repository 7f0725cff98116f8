/**
 * Email updates in a real browser with JavaScript off, as some residents will use them: the form
 * (and it again with its errors), "check your email", confirming from the emailed link, and
 * unsubscribing from an announcement's link. Each page passes axe's WCAG 2.2 AA checks, and each page
 * as the server sends it passes the W3C Nu HTML Checker with no errors and no warnings.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { htmlProblems } from '../../test/support/html-checker.js';
import { waitForEmail } from '../../test/support/inbox.js';
import { useTestServer } from '../../test/support/test-server.js';
import { announcementWrite } from '../core/announcements.js';
import { newId } from '../core/ids.js';
import { transactWrite } from '../core/store/transactions.js';
import { uniqueEmail } from './fixtures.js';

const browser = useBrowser();
const server = useTestServer();

const tokenIn = (text: string | undefined, path: string) => text?.match(new RegExp(`${path}/([A-Za-z0-9_-]{43})`))?.[1];

describe('email updates with JavaScript off', () => {
  it('a resident subscribes, confirms and unsubscribes; every page passes axe and the Nu HTML Checker', async () => {
    const page = await newPageWithoutJavaScript(browser());
    const seen: Array<{ name: string; html: string }> = [];
    const check = async (name: string, p: Page) => {
      await expectNoAxeViolations(p);
      seen.push({ name, html: await p.content() });
    };
    try {
      const email = uniqueEmail('browser');
      await page.goto(`${server.baseUrl}/email-updates`);
      await check('the form', page);

      // Sent empty: the error summary and each field's error, then put right.
      await page.getByRole('button', { name: 'Send me a confirmation email' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Enter your email address');
      await check('the form with errors', page);
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Meetings in Rutland').check();
      await page.getByRole('button', { name: 'Send me a confirmation email' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Check your email');
      await check('check your email', page);

      const confirmation = await waitForEmail(email, 'Confirm you want email updates');
      await page.goto(`${server.baseUrl}/email-updates/confirm/${tokenIn(confirmation.body.text, '/email-updates/confirm')}`);
      await check('confirm', page);
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.waitForURL(`${server.baseUrl}/email-updates/confirmed`);
      await check('confirmed', page);

      const id = newId();
      const title = `Rutland meeting ${id}`;
      await transactWrite([
        announcementWrite({
          capability: 'meetings', id, what: 'public meeting', title, summary: 'At Oakham Library.', path: `/meetings/${id}`,
          areaCode: 'E06000017', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), publishedAt: new Date().toISOString(),
        }),
      ]);
      const announcement = await waitForEmail(email, `New public meeting: ${title}`, 30_000);
      await page.goto(`${server.baseUrl}/unsubscribe/${tokenIn(announcement.body.text, '/unsubscribe')}`);
      await check('unsubscribe', page);
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('You have unsubscribed');
      await check('unsubscribed', page);

      await page.goto(`${server.baseUrl}/unsubscribe/${'x'.repeat(43)}`);
      await check('a link that is not valid', page);
    } finally {
      await page.context().close();
    }
    expect(await htmlProblems(seen)).toEqual([]);
  }, 120_000);
});
