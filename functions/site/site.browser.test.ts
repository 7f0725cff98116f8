/**
 * The site's own pages in a real browser with JavaScript off, as some residents will use them: home,
 * privacy notice, accessibility statement and the 404 page. Each must render with its headings, the
 * footer links and data attribution, set no cookies, load every asset it asks for, reflow on a small
 * screen and pass axe's WCAG 2.2 AA checks.
 */
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPageWithJavaScript, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { useTestServer } from '../../test/support/test-server.js';
import { staffToken } from '../../test/support/tokens.js';
import { config } from '../core/config.js';
import { DATA_ATTRIBUTION } from '../core/ui/layout.js';

const browser = useBrowser();
const server = useTestServer();

/** Visits a page and records every request that failed or came back with an error status. */
async function visit(page: Page, path: string): Promise<{ response: Response; failures: string[] }> {
  const failures: string[] = [];
  page.on('requestfailed', (r) => failures.push(`${r.url()} failed: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url() !== `${server.baseUrl}${path}`) failures.push(`${r.url()} ${r.status()}`);
  });
  const response = await page.goto(`${server.baseUrl}${path}`);
  if (!response) throw new Error(`No response for ${path}`);
  return { response, failures };
}

/** Heading levels in order; a page has one h1 and never skips a level going down. */
async function headingLevels(page: Page): Promise<number[]> {
  const tags = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => h.tagName));
  return tags.map((t) => Number(t.slice(1)));
}

function expectWellOrderedHeadings(levels: number[]) {
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  levels.forEach((level, i) => {
    if (i > 0) expect(level, `heading ${i + 1} jumps from h${levels[i - 1]} to h${level}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
  });
}

const publicPages = [
  { path: '/', heading: 'Have your say', title: 'Have your say' },
  { path: '/privacy', heading: 'Privacy notice', title: 'Privacy notice' },
  { path: '/accessibility', heading: 'Accessibility statement', title: 'Accessibility statement' },
] as const;

describe.each(publicPages)('$path with JavaScript off', ({ path, heading, title }) => {
  it('renders with the organisation name, footer links and data attribution, and sets no cookies', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      const { response, failures } = await visit(page, path);
      expect(response.status()).toBe(200);
      expect(response.headers()['set-cookie']).toBeUndefined();
      expect(await page.title()).toBe(`${title} - ${config().organisationName}`);
      await expect(page.evaluate(() => document.compatMode)).resolves.toBe('CSS1Compat');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(heading);
      expectWellOrderedHeadings(await headingLevels(page));

      const banner = page.getByRole('banner');
      await expect(banner.getByRole('link', { name: config().organisationName }).getAttribute('href')).resolves.toBe('/');
      const footer = page.getByRole('contentinfo');
      await expect(footer.getByRole('link', { name: 'Privacy notice' }).getAttribute('href')).resolves.toBe('/privacy');
      await expect(footer.getByRole('link', { name: 'Accessibility statement' }).getAttribute('href')).resolves.toBe('/accessibility');
      await expect(footer.textContent()).resolves.toContain(DATA_ATTRIBUTION);
      await expect(footer.textContent()).resolves.toContain(`© ${config().organisationName}`);

      expect(failures).toEqual([]);
      expect(await page.context().cookies()).toEqual([]);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('reflows to a 320 pixel wide screen (400% zoom) without scrolling sideways', async () => {
    const page = await newPageWithoutJavaScript(browser(), { viewport: { width: 320, height: 640 } });
    try {
      await visit(page, path);
      const widest = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(widest).toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});

describe('footer links with JavaScript off', () => {
  it('lead from the home page to the privacy notice and accessibility statement', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      await visit(page, '/');
      await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click();
      await page.waitForURL(`${server.baseUrl}/privacy`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Privacy notice');
      await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
      await page.waitForURL(`${server.baseUrl}/accessibility`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Accessibility statement');
      await page.getByRole('banner').getByRole('link', { name: config().organisationName }).click();
      await page.waitForURL(`${server.baseUrl}/`);
      expect(await page.context().cookies()).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('start with a skip link that is the first thing the keyboard reaches', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      await visit(page, '/');
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Skip to main content');
      await page.keyboard.press('Enter');
      // Following a fragment link is a same-document navigation: Chromium may report it a moment after the key press.
      await expect.poll(() => page.url()).toBe(`${server.baseUrl}/#main-content`);
    } finally {
      await page.context().close();
    }
  });
});

describe('signing out, with JavaScript off', () => {
  it('is a button in the staff header that ends the session: the old value no longer opens the console', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      const session = await staffToken();
      await page.context().addCookies([{ name: 'session', value: session, domain: new URL(server.baseUrl).hostname, path: '/', httpOnly: true }]);
      const { response, failures } = await visit(page, '/staff');
      expect(response.status()).toBe(200);
      const signOut = page.getByRole('banner').getByRole('button', { name: 'Sign out' });
      await expect(page.getByRole('banner').getByRole('link', { name: 'Sign out' }).count()).resolves.toBe(0);
      // It reads as a header link: white on the brand colour, underlined.
      await expect(signOut.evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).textDecorationLine, getComputedStyle(e).backgroundColor])).resolves.toEqual([
        'rgb(255, 255, 255)',
        'underline',
        'rgba(0, 0, 0, 0)',
      ]);
      expect(failures).toEqual([]);
      await expectNoAxeViolations(page);

      await signOut.click();
      await page.waitForURL(`${server.baseUrl}/`);
      expect((await page.context().cookies()).map((c) => c.name)).not.toContain('session');
      expect((await fetch(`${server.baseUrl}/staff`, { headers: { cookie: `session=${session}` } })).status).toBe(401);
      expect((await fetch(`${server.baseUrl}/staff`, { headers: { authorization: `Bearer ${session}` } })).status).toBe(401);
    } finally {
      await page.context().close();
    }
  });
});

describe('a page that does not exist', () => {
  it('gets the 404 page, which passes the same checks', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      const { response, failures } = await visit(page, '/no-such-page');
      expect(response.status()).toBe(404);
      expect(await page.title()).toBe(`Page not found - ${config().organisationName}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
      expectWellOrderedHeadings(await headingLevels(page));
      await expect(page.getByRole('contentinfo').textContent()).resolves.toContain(DATA_ATTRIBUTION);
      expect(failures).toEqual([]);
      expect(await page.context().cookies()).toEqual([]);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});

describe('with JavaScript on', () => {
  it('starts GOV.UK Frontend without errors and still sets no cookies', async () => {
    const page = await newPageWithJavaScript(browser());
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      const { failures } = await visit(page, '/');
      await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'));
      await expect(page.locator('[data-module="govuk-skip-link"]').getAttribute('data-govuk-skip-link-init')).resolves.toBe('');
      expect(failures).toEqual([]);
      expect(problems).toEqual([]);
      expect(await page.context().cookies()).toEqual([]);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('shows the organisation’s branding: its name in the brand-coloured header, Helvetica or Arial, no crown', async () => {
    const page = await newPageWithJavaScript(browser());
    try {
      await visit(page, '/');
      const header = page.locator('.govuk-generic-header');
      await expect(header.evaluate((e) => getComputedStyle(e).backgroundColor)).resolves.toBe('rgb(29, 58, 110)');
      await expect(page.locator('body').evaluate((e) => getComputedStyle(e).fontFamily)).resolves.not.toContain('GDS Transport');
      await expect(page.locator('h1').evaluate((e) => getComputedStyle(e).fontFamily)).resolves.toMatch(/^"Helvetica Neue", Helvetica, Arial/);
      await expect(page.locator('svg, .govuk-header__logotype, .govuk-footer__crown, .govuk-footer__copyright-logo').count()).resolves.toBe(0);
      await page.screenshot({ path: '/tmp/home.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
