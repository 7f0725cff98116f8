/**
 * Parish council surgeries in Chromium with JavaScript off: someone asks for a slot for their council
 * from the public page (a mistake, the fix, "we have asked your clerk") and the council's clerk confirms
 * it by the link emailed to the address on file; another council books with its invitation link, then
 * moves its booking with the manage link; staff pages are walked too. axe checks every page
 * against WCAG 2.2 AA.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aBooking, aCouncil, aSession, exampleDetails, slotIds, uniqueEmail, unique } from './fixtures.js';
import { inviteCouncils } from './invitations.js';
import { outcomeInput } from './model.js';
import { recordOutcome } from './outcomes.js';
import { requestSlot } from './requests.js';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { waitForEmail } from '../../test/support/inbox.js';
import { useTestServer } from '../../test/support/test-server.js';
import { adminToken, staffToken } from '../../test/support/tokens.js';

const browser = useBrowser();
const server = useTestServer();

const tokenIn = (text: string | undefined, kind: string) => text?.match(new RegExp(`/surgeries/${kind}/([A-Za-z0-9_-]{43})`))?.[1];
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** `staff`: signed in as staff, or as an admin (who also sees the admin-only pages, e.g. the import). */
async function withPage(work: (page: Page) => Promise<void>, staff: boolean | 'admin' = false) {
  const page = await newPageWithoutJavaScript(browser());
  try {
    if (staff) {
      const { hostname } = new URL(server.baseUrl);
      await page.context().addCookies([{ name: 'session', value: await (staff === 'admin' ? adminToken() : staffToken()), domain: hostname, path: '/', httpOnly: true }]);
    }
    await work(page);
  } finally {
    await page.context().close();
  }
}

describe('booking a surgery with JavaScript off', () => {
  it('from the public page: choose a slot, your council, fix a mistake; the clerk on file confirms by the emailed link', async () => {
    const venue = unique('Whetstone Pavilion');
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000131', venueName: venue }), aCouncil({ districtCode: 'E07000131', name: unique('Lutterworth Town Council') })]);
    const email = uniqueEmail('e2e-public');
    const neighbour = await aCouncil({ districtCode: 'E07000131' });
    await requestSlot({ sessionId: session.id, slotId: (await slotIds(session.id))[2]!, councilId: neighbour.id, details: exampleDetails() });
    await withPage(async (page) => {
      await page.goto(`${server.baseUrl}/surgeries`);
      await page.getByLabel('District').selectOption({ label: 'Harborough' });
      await page.getByRole('button', { name: 'Show surgeries' }).click();
      await page.waitForURL(/district=E07000131/);
      await expectNoAxeViolations(page);

      await page.locator(`a[href="/surgeries/sessions/${session.id}"]`).click();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Continue' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoAxeViolations(page);
      await page.getByLabel('10:20am to 10:50am').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(h1(page)).resolves.toBe('Ask for the slot at 10:20am');
      await expectNoAxeViolations(page);

      await page.getByLabel('Your council').selectOption({ label: council.name });
      await page.getByLabel('Name of the person coming').fill('Robin Councillor');
      await page.getByLabel('Councillor').check();
      await page.getByLabel('Email address for the confirmation').fill('robin.example.org');
      await page.getByLabel('Speeding and road safety').check();
      await page.getByRole('button', { name: 'Ask for this slot' }).click();
      const summary = page.locator('.govuk-error-summary');
      await expect(summary.textContent()).resolves.toContain('Enter an email address in the correct format');
      await expect(page.getByLabel('Speeding and road safety').isChecked()).resolves.toBe(true);
      await expectNoAxeViolations(page);

      await page.getByLabel('Email address for the confirmation').fill(email);
      await page.getByRole('button', { name: 'Ask for this slot' }).click();
      await expect(h1(page)).resolves.toBe('We have asked your council’s clerk to confirm');
      await expectNoAxeViolations(page);

      const token = tokenIn((await waitForEmail(council.clerkEmail!, 'Confirm a surgery booking')).body.text, 'confirm')!;
      await page.goto(`${server.baseUrl}/surgeries/confirm/${token}`);
      await expect(h1(page)).resolves.toBe(`Confirm a surgery booking for ${council.name}`);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Confirm the booking' }).click();
      await expect(h1(page)).resolves.toContain('The surgery is booked');
      await expectNoAxeViolations(page);

      // Another council had asked for the same time: its clerk is told it went, and chooses another.
      const late = tokenIn((await waitForEmail(neighbour.clerkEmail!, 'Confirm a surgery booking')).body.text, 'confirm')!;
      await page.goto(`${server.baseUrl}/surgeries/confirm/${late}`);
      await page.getByRole('button', { name: 'Confirm the booking' }).click();
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('That slot has been booked: choose another');
      await expectNoAxeViolations(page);
      await page.getByLabel('11am to 11:30am').check();
      await page.getByRole('button', { name: 'Confirm the booking' }).click();
      await expect(h1(page)).resolves.toContain('The surgery is booked');
    });
    await waitForEmail(email, 'Surgery booked:');
  }, 90_000);

  it('from an invitation link: book at once, then move the booking with the manage link', async () => {
    const clerk = uniqueEmail('e2e-clerk');
    const email = uniqueEmail('e2e-invited');
    // Its own venue: other tests' Melton sessions on the same day are offered on the manage page too.
    const venueName = unique('Asfordby Village Hall');
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000133', venueName }), aCouncil({ districtCode: 'E07000133', clerkEmail: clerk, name: unique('Asfordby Parish Council') })]);
    await inviteCouncils(session.id, { scope: 'district' }, 'A. Officer');
    const invitation = tokenIn((await waitForEmail(clerk, 'Invitation')).body.text, 'invitation')!;
    await withPage(async (page) => {
      await page.goto(`${server.baseUrl}/surgeries/invitation/${invitation}`);
      await expect(h1(page)).resolves.toBe(`Book a surgery for ${council.name}`);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Book this slot' }).click();
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Choose a time');
      await expectNoAxeViolations(page);
      await page.getByLabel('9:40am to 10:10am').check();
      await page.getByLabel('Name of the person coming').fill('Sam Clerk');
      await page.getByLabel('Clerk', { exact: true }).check();
      await page.getByLabel('Email address for the confirmation').fill(email);
      await page.getByLabel('Anything else you want to raise (optional)').fill('Hare coursing on the estate');
      await page.getByRole('button', { name: 'Book this slot' }).click();
      await expect(h1(page)).resolves.toContain('Your surgery is booked');
      await expectNoAxeViolations(page);

      const manage = tokenIn((await waitForEmail(email, 'Surgery booked:')).body.text, 'manage')!;
      await page.goto(`${server.baseUrl}/surgeries/manage/${manage}`);
      await expectNoAxeViolations(page);
      await page.getByLabel(`, 11am to 11:30am, ${venueName}`, { exact: false }).check();
      await page.getByRole('button', { name: 'Move my booking' }).click();
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Your booking has moved');
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: 'Cancel my booking' }).click();
      await expect(h1(page)).resolves.toBe('Are you sure you want to cancel your surgery booking?');
      await expectNoAxeViolations(page);
    });
  }, 90_000);
});

describe('the staff pages', () => {
  it('pass axe: programme, session (one on a bank holiday), forms with errors, invite, booking for a council, day sheet, booking and outcome, councils, import, coverage', async () => {
    const DAY = 86_400_000;
    const then = new Date(Date.now() - 21 * DAY);
    const [session, council, past, pastCouncil, bankHoliday] = await Promise.all([aSession(), aCouncil(), aSession({}, then, 14), aCouncil(), aSession({ date: '2027-05-31' })]);
    const booking = await aBooking(session, council);
    const pastBooking = await aBooking(past, pastCouncil, { now: then });
    await recordOutcome(pastBooking.id, outcomeInput.parse({ version: 0, attendance: 'attended', themes: ['burglary'], actions: [{ what: 'Write to the Chief Constable', owner: { kind: 'chief-constable' } }] }), 'A. Officer');
    await withPage(async (page) => {
      for (const path of [
        '/staff/surgeries',
        `/staff/surgeries/sessions/${session.id}`,
        `/staff/surgeries/sessions/${session.id}/edit`,
        `/staff/surgeries/sessions/${session.id}/invite`,
        `/staff/surgeries/sessions/${session.id}/book`,
        `/staff/surgeries/sessions/${bankHoliday.id}`,
        `/staff/surgeries/sessions/${bankHoliday.id}/edit`,
        `/staff/surgeries/sessions/${session.id}/cancel`,
        `/staff/surgeries/sessions/${session.id}/day-sheet`,
        `/staff/surgeries/bookings/${booking.id}`,
        `/staff/surgeries/bookings/${booking.id}/reschedule`,
        `/staff/surgeries/bookings/${booking.id}/cancel`,
        `/staff/surgeries/bookings/${pastBooking.id}`,
        '/staff/surgeries/councils',
        `/staff/surgeries/councils/${council.id}`,
        `/staff/surgeries/councils/${council.id}/retire`,
        '/staff/surgeries/councils/import',
        '/staff/surgeries/coverage',
      ]) {
        await page.goto(`${server.baseUrl}${path}`);
        await expectNoAxeViolations(page);
      }
      await page.goto(`${server.baseUrl}/staff/surgeries/sessions/new`);
      await page.getByRole('button', { name: 'Create session' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoAxeViolations(page);
      await page.goto(`${server.baseUrl}/staff/surgeries/sessions/${session.id}/book`);
      await page.getByRole('button', { name: 'Book and email the confirmation' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoAxeViolations(page);
      await page.goto(`${server.baseUrl}/staff/surgeries/bookings/${pastBooking.id}`);
      await page.getByLabel('What needs to be done').first().fill('Follow up');
      await page.getByRole('button', { name: 'Save changes' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoAxeViolations(page);
      await page.goto(`${server.baseUrl}/staff/surgeries/councils/import`);
      await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'councils.csv', mimeType: 'text/csv', buffer: Buffer.from('name,district,governance\nX,Nowhere,parish council\n') });
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect(page.locator('main').textContent()).resolves.toContain('“Nowhere” is not a district');
      await expectNoAxeViolations(page);
    }, 'admin');
  }, 120_000);
});
