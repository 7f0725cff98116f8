/**
 * The pages of finding a person, the access record and withdrawing a consultation response: every one
 * passes the W3C Nu HTML Checker (as the server sends it, with a person called `<script>`), and axe's
 * WCAG 2.2 AA checks in a real browser, reached as an admin would reach them, by the forms' buttons.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOpenConsultation, respond } from '../../functions/consultations/fixtures.js';
import { expectNoAxeViolations, newPageWithJavaScript, useBrowser } from '../support/browser.js';
import { htmlProblems } from '../support/html-checker.js';
import { aPersonWithARegistration } from '../support/people.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { adminToken } from '../support/tokens.js';

const browser = useBrowser();
let server: TestServer;
let admin: string;
const XSS = '<script>alert(1)</script>';

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminToken();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const get = async (name: string, path: string) => ({ name, html: await (await fetch(`${server.baseUrl}${path}`, { headers: { cookie: `session=${admin}` } })).text() });
const post = async (name: string, path: string, fields: Record<string, string>) => ({
  name,
  html: await (
    await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `session=${admin}`, origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  ).text(),
});

async function signedIn(): Promise<Page> {
  const page = await newPageWithJavaScript(browser());
  await page.context().addCookies([{ name: 'session', value: admin, domain: new URL(server.baseUrl).hostname, path: '/', httpOnly: true }]);
  return page;
}

describe('the data protection pages', () => {
  it('pass the Nu HTML Checker', async () => {
    const { email } = await aPersonWithARegistration(XSS);
    const consultation = await anOpenConsultation();
    const { responseId, reference } = await respond(consultation);
    const pages = await Promise.all([
      get('person search', '/staff/people'),
      post('person search with errors', '/staff/people', { email: 'not an address' }),
      post('person found', '/staff/people', { email }),
      post('nobody found', '/staff/people', { email: 'nobody-at-all@example.org' }),
      post('subject access export', '/staff/people/export', { email }),
      post('correction', '/staff/people/correction', { email }),
      post('correction with errors', '/staff/people/correct', { email, newEmail: 'not an address' }),
      post('erasure: are you sure', '/staff/people/erasure', { email }),
      get('access record', '/staff/access-record'),
      get('access record with errors', '/staff/access-record?month=2026-13'),
      get('response found, withdrawable', `/staff/consultations/${consultation.id}/responses/find?reference=${reference}`),
      get('withdraw a response: are you sure', `/staff/consultations/${consultation.id}/responses/${responseId}/withdraw`),
      get('privacy notice', '/privacy'),
      get('accessibility statement', '/accessibility'),
    ]);
    expect(pages.find((p) => p.name === 'person found')!.html).toContain('&lt;script&gt;');
    expect(await htmlProblems(pages)).toEqual([]);
  });

  it('pass axe, reached by their buttons', async () => {
    const { email } = await aPersonWithARegistration('Axe Person');
    const page = await signedIn();
    try {
      const search = async () => {
        await page.goto(`${server.baseUrl}/staff/people`);
        await page.getByLabel('Email address').fill(email);
        await page.getByRole('button', { name: 'Search' }).click();
        expect((await page.locator('h1').textContent())?.trim()).toBe('2 records found');
      };
      await page.goto(`${server.baseUrl}/staff/people`);
      await expectNoAxeViolations(page);
      await search();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Show the export as a page' }).click();
      expect((await page.locator('h1').textContent())?.trim()).toBe('Subject access export');
      await expectNoAxeViolations(page);
      await search();
      await page.getByRole('button', { name: 'Correct their name or address' }).click();
      expect((await page.locator('h1').textContent())?.trim()).toBe('Correct their name or address');
      await expectNoAxeViolations(page);
      await search();
      await page.getByRole('button', { name: 'Erase their data' }).click();
      expect((await page.locator('h1').textContent())?.trim()).toBe('Are you sure you want to erase this person’s data?');
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Yes, erase their data' }).click();
      expect((await page.locator('.govuk-notification-banner__heading').textContent())?.trim()).toBe('Their data has been erased, and the erasure recorded');
      await expectNoAxeViolations(page);
      await page.goto(`${server.baseUrl}/staff/access-record`);
      await expectNoAxeViolations(page);
      await page.goto(`${server.baseUrl}/privacy`);
      await expectNoAxeViolations(page);
    } finally {
      await page.close();
    }
  });
});
