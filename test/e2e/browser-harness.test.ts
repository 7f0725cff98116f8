/**
 * The browser harness itself: axe must report real problems, with JavaScript off (where it checks a
 * copy of the page) as well as on, or every "no violations" result elsewhere would mean nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPageWithJavaScript, newPageWithoutJavaScript, useBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const BROKEN_PAGE = `<!DOCTYPE html><html><head><title>Broken</title><link rel="stylesheet" href="/assets/app.css"></head>
<body class="govuk-template__body"><main><h1>Broken</h1><img src="/assets/images/favicon.svg"><input type="text" name="nameless"></main></body></html>`;

/** Posts to a page of the site's own app, which checks the Origin like every capability's app. */
const FORM_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Form</title></head>
<body><form method="post" action="/privacy"><input type="hidden" name="a" value="b"><button>Send</button></form></body></html>`;

const browser = useBrowser();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    extra: (root) => {
      root.get('/harness/broken', (c) => c.html(BROKEN_PAGE));
      root.get('/harness/form', (c) => c.html(FORM_PAGE));
    },
  });
});
afterAll(async () => {
  await server?.close();
});

describe('expectNoAxeViolations', () => {
  it.each([
    ['off', newPageWithoutJavaScript],
    ['on', newPageWithJavaScript],
  ] as const)('reports violations with JavaScript %s', async (_, newPage) => {
    const page = await newPage(browser());
    try {
      await page.goto(`${server.baseUrl}/harness/broken`);
      const failure = await expectNoAxeViolations(page).then(() => undefined, (e: Error) => e.message);
      expect(failure).toContain('image-alt');
      expect(failure).toContain('html-has-lang');
      expect(failure).toContain('label');
      expect(failure).toContain('<img src="/assets/images/favicon.svg">');
    } finally {
      await page.context().close();
    }
  });

  it('serves the platform at the public base URL, so forms pass the origin check', async () => {
    const { config } = await import('../../functions/core/config.js');
    expect(config().publicBaseUrl).toBe(server.baseUrl);
    expect(process.env['PUBLIC_BASE_URL']).toBe(server.baseUrl);

    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/harness/form`);
      const [response] = await Promise.all([page.waitForResponse(`${server.baseUrl}/privacy`), page.getByRole('button', { name: 'Send' }).click()]);
      // 403 would mean the origin check refused the post; /privacy has no POST route, hence 404.
      expect(response.request().method()).toBe('POST');
      expect(response.status()).toBe(404);
    } finally {
      await page.context().close();
    }
  });
});
