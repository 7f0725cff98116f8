/**
 * A resident answers a whole precept consultation in Chromium with JavaScript off: the list, the start
 * page, every question page (a mistake first, then fixed), a page that shows only for an earlier
 * answer, the council-area question for a postcode district that spans councils, check your answers
 * with a change, and the confirmation with its receipt reference. axe checks every page against WCAG
 * 2.2 AA. Then the public results page of a published consultation, the staff results page, and an
 * action raised from the closed consultation's page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeConsultation, publishResults, recordDecision } from './consultations.js';
import { anOpenConsultation, exampleAnswers, respond, unique } from './fixtures.js';
import { allResponses } from './store/responses.js';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { useTestServer } from '../../test/support/test-server.js';
import { staffToken } from '../../test/support/tokens.js';

const browser = useBrowser();
const server = useTestServer();

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first().textContent();
const proceed = (page: Page) => page.getByRole('button', { name: 'Continue' }).click();

describe('answering a consultation with JavaScript off', () => {
  it('goes from the list to a receipt reference, every page passing axe', async () => {
    const consultation = await anOpenConsultation({ details: { title: unique('Police precept consultation') } });
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/consultations`);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: consultation.title }).click();
      await expect(heading(page)).resolves.toBe(consultation.title);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Start now' }).click();

      // Page 1: the precept question and the agreement scale. A mistake first.
      await expect(heading(page)).resolves.toBe('The police precept');
      await expect(page.locator('caption').first().textContent()).resolves.toContain('in each band');
      await proceed(page);
      expect(await page.title()).toMatch(/^Error: /);
      await expect(page.locator('.govuk-error-summary').getByRole('link').first().getAttribute('href')).resolves.toBe('#q1');
      await expectNoAxeViolations(page);
      await page.getByLabel('£13 a year more for Band D (£1.08 a month): £313.37 a year').check();
      await page.getByRole('group', { name: /Police funding should be increased/ }).getByLabel('Agree', { exact: true }).check();
      await proceed(page);

      // Page 2: priorities, with "Other, please say".
      await expectNoAxeViolations(page);
      await page.getByLabel('Neighbourhood policing').check();
      await page.getByLabel('Other, please say').check();
      await page.getByLabel('What else?').fill('Parking on pavements');
      await proceed(page);

      // Page 3: a victim of crime, so page 4 ("Did you report it?") follows.
      await expectNoAxeViolations(page);
      await page.getByLabel('Yes').check();
      await proceed(page);
      await expect(heading(page)).resolves.toBe('Did you report it to the police?');
      await expectNoAxeViolations(page);
      await page.getByLabel('No').check();
      await proceed(page);

      // Page 5: a comment.
      await expectNoAxeViolations(page);
      await page.getByRole('textbox').fill('More officers on foot in the town centre.');
      await proceed(page);

      // About you: each optional; one left unanswered.
      for (const [question, answer] of [
        ['What is your age?', '45 to 54'],
        ['What is your sex?', undefined],
        ['What is your ethnic group?', 'Asian, Asian British or Asian Welsh: Indian'],
        ['Are your day-to-day activities limited', 'No'],
      ] as const) {
        await expect(heading(page)).resolves.toContain(question);
        await expectNoAxeViolations(page);
        if (answer) await page.getByLabel(answer, { exact: true }).check();
        await proceed(page);
      }
      await expect(heading(page)).resolves.toContain('What is the first part of your postcode?');
      await expectNoAxeViolations(page);
      await page.getByRole('textbox').fill('le8 6ab');
      await proceed(page);
      await expect(heading(page)).resolves.toContain('Which council area do you live in?');
      await expectNoAxeViolations(page);
      await page.getByLabel('Harborough').check();
      await proceed(page);

      // Check your answers, change one, and send.
      await expect(heading(page)).resolves.toBe('Check your answers before sending your response');
      await expect(page.locator('main').textContent()).resolves.toContain('Other: Parking on pavements');
      await expect(page.locator('main').textContent()).resolves.not.toContain('6AB');
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: /Change your answer to: What is your age\?/ }).click();
      await expect(page.getByLabel('45 to 54').isChecked()).resolves.toBe(true);
      await page.getByLabel('55 to 64').check();
      await page.getByRole('button', { name: 'Save and go back to check your answers' }).click();
      await expect(page.locator('main').textContent()).resolves.toContain('55 to 64');
      await page.getByRole('button', { name: 'Send your response' }).click();

      await expect(heading(page)).resolves.toBe('Response sent');
      const reference = (await page.locator('.govuk-panel__body strong').textContent())!;
      expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      await expectNoAxeViolations(page);
      const [stored] = await allResponses(consultation.id);
      expect(stored).toMatchObject({ reference, area: 'E07000131', ageBand: '55-64', answers: { q5: { choice: 'o2' }, 'about-postcode': { outwardCode: 'LE8' } } });
    } finally {
      await page.context().close();
    }
  }, 180_000);
});

describe('results', () => {
  it('shows the public results and the staff results, both passing axe', async () => {
    const consultation = await anOpenConsultation({ details: { title: unique('Precept results') } });
    for (let i = 0; i < 12; i++) await respond(consultation, exampleAnswers({ q1: { choice: i < 7 ? 'increase-1000' : 'increase-0' } }), { clientAddress: `192.0.2.${i}` });
    await closeConsultation(consultation.id);
    await recordDecision(consultation.id, 'The Commissioner proposed a £10 increase for Band D.');
    await publishResults(consultation.id, { includeFlagged: true });
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/consultations/${consultation.id}/results`);
      await expect(page.locator('main').textContent()).resolves.toContain('The Commissioner proposed a £10 increase for Band D.');
      await expectNoAxeViolations(page);
      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
      await page.goto(`${server.baseUrl}/staff/consultations/${consultation.id}/results?breakdown=age`);
      await expectNoAxeViolations(page);
      await page.goto(`${server.baseUrl}/staff/consultations/${consultation.id}`);
      await expectNoAxeViolations(page);

      // What was decided, raised as an action from the consultation's page, and listed there.
      await page.getByRole('button', { name: 'Raise an action' }).click();
      await expect(heading(page)).resolves.toBe('Raise an action');
      await expectNoAxeViolations(page);
      await page.getByLabel('What needs to be done').fill('Tell the parish councils what was decided');
      await page.getByLabel('Who owns it').selectOption('deputy-commissioner');
      await page.getByRole('button', { name: 'Raise the action' }).click();
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Action raised');
      await expect(page.getByRole('link', { name: 'Tell the parish councils what was decided' }).count()).resolves.toBe(1);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});

describe('importing responses gathered by others', () => {
  it('uploads a file, shows the rows with problems, then imports a right one, every page passing axe', async () => {
    const consultation = await anOpenConsultation({ details: { title: unique('Precept import') } });
    const page = await newPageWithoutJavaScript(browser());
    try {
      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
      await page.goto(`${server.baseUrl}/staff/consultations/${consultation.id}`);
      await page.getByRole('link', { name: 'Import responses gathered by others (CSV)' }).click();
      await expect(heading(page)).resolves.toBe('Import responses gathered by others');
      await expectNoAxeViolations(page);
      const upload = async (csv: string) => {
        await page.getByLabel('By telephone').check();
        await page.getByLabel('CSV file').setInputFiles({ name: 'responses.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByRole('button', { name: 'Check the file' }).click();
      };
      await upload('q1,q2\nincrease-99,Agree\n');
      await expect(page.locator('main').textContent()).resolves.toContain('Row 2, column q1: Select one of the options given');
      await expectNoAxeViolations(page);
      await upload('q1,q2\nincrease-0,Agree\nincrease-1000,Disagree\n');
      await expect(page.locator('main').textContent()).resolves.toContain('2 responses checked, every one right');
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Import 2 responses' }).click();
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Imported 2, already there 0');
      await expectNoAxeViolations(page);
      expect((await allResponses(consultation.id)).map((r) => r.channel)).toEqual(['telephone', 'telephone']);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
