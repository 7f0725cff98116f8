/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`; never `npx playwright install`)
 * through playwright-core. Pages are visited with JavaScript off by default, because every page must
 * work without it; axe-core then checks the page as rendered against WCAG 2.2 AA.
 *
 *   const browser = useBrowser();
 *   it('works', async () => {
 *     const page = await newPageWithoutJavaScript(browser());
 *     await page.goto(`${server.baseUrl}/`);
 *     await expectNoAxeViolations(page);
 *   });
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The standards axe checks: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. Install it with: sudo apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH to a Chromium or Chrome binary).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** Launches one browser for the test file and closes it afterwards; call the result inside tests. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser is not running yet: use it inside a test or beforeAll');
    return browser;
  };
}

const DEFAULT_CONTEXT: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' };

/**
 * A page in a new context (its own cookies) with JavaScript turned off, as a resident whose browser
 * runs none. Close it with `page.context().close()`.
 */
export async function newPageWithoutJavaScript(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...DEFAULT_CONTEXT, ...options, javaScriptEnabled: false });
  const page = await context.newPage();
  pagesWithoutJavaScript.add(page);
  return page;
}

const pagesWithoutJavaScript = new WeakSet<Page>();

/** Whether the page runs JavaScript: timers never fire in a page that does not. */
async function runsJavaScript(page: Page): Promise<boolean> {
  if (pagesWithoutJavaScript.has(page)) return false;
  const timerFired = page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))).catch(() => false);
  const gaveUp = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref());
  return Promise.race([timerFired, gaveUp]);
}

/** A page in a new context with JavaScript on, to test what GOV.UK Frontend's scripts add. */
export async function newPageWithJavaScript(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...DEFAULT_CONTEXT, ...options, javaScriptEnabled: true });
  return context.newPage();
}

let axeSource: string | undefined;
const axeScript = () => (axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export interface AxeOptions {
  /** CSS selectors of parts of the page to leave out, e.g. a third-party widget. */
  exclude?: string[];
  /** axe rule ids to skip, each with a reason in the calling test. */
  disableRules?: string[];
}

/** Runs axe in a page where JavaScript runs, and returns its violations. */
async function runAxe(page: Page, options: AxeOptions): Promise<AxeViolation[]> {
  // page.evaluate uses the DevTools protocol, so the page's Content Security Policy does not block it.
  await page.evaluate(axeScript());
  return page.evaluate(
    ({ tags, exclude, disableRules }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      return axe
        .run(exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document, {
          runOnly: { type: 'tag', values: tags },
          rules: Object.fromEntries(disableRules.map((id) => [id, { enabled: false }])),
          resultTypes: ['violations'],
        })
        .then((results) =>
          results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
          })),
        );
    },
    { tags: [...WCAG_TAGS], exclude: options.exclude ?? [], disableRules: options.disableRules ?? [] },
  );
}

/**
 * Checks a page with JavaScript off: axe cannot run in it (its timers never fire), so the page as
 * rendered (its DOM, which without JavaScript is the server's HTML) is loaded at the same address in
 * a JavaScript-enabled page whose own scripts are blocked, and checked there with the same styles.
 */
async function runAxeOnCopy(page: Page, options: AxeOptions): Promise<AxeViolation[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('expectNoAxeViolations needs a page from a launched browser');
  const html = await page.content();
  const address = page.url().split('#')[0]!;
  const copy = await browser.newContext({ ...DEFAULT_CONTEXT, viewport: page.viewportSize(), javaScriptEnabled: true });
  try {
    await copy.route('**/*', (route) => {
      const request = route.request();
      if (request.resourceType() === 'document' && request.url().split('#')[0] === address) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      // The page's own scripts would change it into the JavaScript version of itself.
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    const checked = await copy.newPage();
    await checked.goto(address, { waitUntil: 'load' });
    return await runAxe(checked, options);
  } finally {
    await copy.close();
  }
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Fails with a readable list if axe finds WCAG 2.2 AA (or 2.0/2.1 A/AA) violations on the page. */
export async function expectNoAxeViolations(page: Page, options: AxeOptions = {}): Promise<void> {
  const violations = (await runsJavaScript(page)) ? await runAxe(page, options) : await runAxeOnCopy(page, options);
  if (violations.length > 0) {
    throw new Error(`Accessibility violations on ${page.url()}:\n${describeViolations(violations)}`);
  }
}
