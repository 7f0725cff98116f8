/**
 * The pages residents see when the site is too busy (infra/busy-pages.ts), as CloudFront, the
 * Lambda@Edge function and AWS WAF send them: each passes the Nu HTML Checker, loads the site's own
 * styles, reads as a GOV.UK page with one heading and a way home, and passes axe's WCAG 2.2 AA checks
 * with JavaScript off, at full width and at 320 pixels. The firewall's compact variant too, for the
 * day more navigation pushes the full page past WAF's 4 KB.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { compactPage, renderBusyPages } from '../../infra/busy-pages.js';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../support/browser.js';
import { htmlProblems } from '../support/html-checker.js';
import { useTestServer } from '../support/test-server.js';

const ORGANISATION = 'Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland';
const pages = renderBusyPages(ORGANISATION);
const variants = [
  { name: 'service busy (CloudFront and Lambda@Edge)', status: 429, html: pages.serviceBusy, heading: 'Sorry, the service is busy' },
  { name: 'too many requests (AWS WAF)', status: 429, html: pages.tooManyRequests, heading: 'Sorry, there have been too many attempts' },
  { name: 'too many requests, compact', status: 429, html: compactPage(pages.tooManyRequests), heading: 'Sorry, there have been too many attempts' },
];

const browser = useBrowser();
const server = useTestServer();

it('every busy page passes the Nu HTML Checker', async () => {
  expect(await htmlProblems(variants.map(({ name, html }) => ({ name, html })))).toEqual([]);
});

/** The page answered at a path of the test server, as the edge would answer it; the styles come from the server. */
async function show(page: Page, html: string, status: number): Promise<string[]> {
  const failures: string[] = [];
  page.on('requestfailed', (r) => failures.push(`${r.url()} failed`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/busy')) failures.push(`${r.url()} ${r.status()}`);
  });
  await page.route(`${server.baseUrl}/busy`, (route) => route.fulfill({ status, contentType: 'text/html; charset=utf-8', headers: { 'retry-after': '60' }, body: html }));
  const response = await page.goto(`${server.baseUrl}/busy`);
  expect(response?.status()).toBe(status);
  return failures;
}

describe.each(variants)('$name', ({ html, status, heading }) => {
  it('is a styled GOV.UK page with one heading and a way to the home page, and passes axe', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      const failures = await show(page, html, status);
      expect(failures).toEqual([]);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(heading);
      await expect(page.locator('h1').count()).resolves.toBe(1);
      await expect(page.getByRole('banner').getByRole('link', { name: ORGANISATION }).getAttribute('href')).resolves.toBe('/');
      await expect(page.getByRole('main').getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).resolves.toBe('/');
      // The site's stylesheet applied: its font, not the browser's default serif.
      await expect(page.locator('h1').evaluate((h) => getComputedStyle(h).fontFamily)).resolves.toMatch(/^"Helvetica Neue"/);
      await expect(page.evaluate(() => document.compatMode)).resolves.toBe('CSS1Compat');
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('reflows to a 320 pixel wide screen without scrolling sideways', async () => {
    const page = await newPageWithoutJavaScript(browser(), { viewport: { width: 320, height: 640 } });
    try {
      await show(page, html, status);
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});
