/**
 * The feedback survey in Chromium with JavaScript off: the link from the email, the question, the
 * error when nothing is chosen, the thank-you page, and the result on the meeting's staff page, each
 * passing axe (WCAG 2.2 AA). The timers are run by hand at a time after a meeting of its own that no
 * other test's meeting shares.
 */
import { describe, expect, it } from 'vitest';
import { sendFeedbackSurveys } from '../../functions/consultations/feedback.js';
import { markAttended } from '../../functions/meetings/check-in.js';
import { askForFeedback } from '../../functions/meetings/feedback.js';
import { exampleMeeting, exampleResident, register, uniqueEmail } from '../../functions/meetings/fixtures.js';
import { createMeeting } from '../../functions/meetings/meetings.js';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../support/browser.js';
import { waitForEmail } from '../support/inbox.js';
import { useTestServer } from '../support/test-server.js';
import { staffToken } from '../support/tokens.js';

const HOUR = 3_600_000;
const browser = useBrowser();
const server = useTestServer();

describe('the feedback survey with JavaScript off', () => {
  it('goes from the emailed link to "thank you", and staff see the result, each page passing axe', async () => {
    const startsAt = Date.parse('2034-09-21T18:00:00.000Z') + Math.floor(Math.random() * 1000) * HOUR;
    const planned = new Date(startsAt - 20 * 24 * HOUR);
    const meeting = await createMeeting(exampleMeeting({ startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), registrationClosesAt: new Date(startsAt - HOUR).toISOString() }, planned), planned);
    const email = uniqueEmail('feedback-browser');
    const { registration } = await register(meeting.id, exampleResident({ email }), new Date(startsAt - 10 * 24 * HOUR));
    await markAttended(meeting.id, registration.id, true, new Date(startsAt + 5 * 60_000));
    const after = new Date(startsAt + 4 * HOUR);
    expect(await askForFeedback(after)).toBe(1);
    expect(await sendFeedbackSurveys(after)).toBeGreaterThanOrEqual(1);
    // The path only: the email was sent by the global setup's delivery, with its own base URL.
    const path = (await waitForEmail(email, 'How was')).body.text?.match(/\/consultations\/feedback\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(path).toBeDefined();

    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}${path!}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`How was the public meeting ${meeting.title}?`);
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: 'Send your answer' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expect(page.locator('.govuk-error-summary').getByRole('link').getAttribute('href')).resolves.toBe('#rating');
      await expectNoAxeViolations(page);

      await page.getByLabel('Excellent').check();
      await page.getByRole('button', { name: 'Send your answer' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Thank you for your feedback');
      await expectNoAxeViolations(page);

      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await staffToken(), domain: hostname, path: '/', httpOnly: true }]);
      await page.goto(`${server.baseUrl}/staff/meetings/${meeting.id}`);
      await expect(page.locator('main').textContent()).resolves.toContain('100% rated it excellent, n = 1, 95% CI 21% to 100%');
      await expectNoAxeViolations(page);
    } finally {
      await page.close();
    }
  }, 90_000);
});
