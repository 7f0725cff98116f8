/**
 * Community days in Chromium. With JavaScript: the Leaflet map loads, council areas and markers are
 * reached and opened by keyboard, Escape closes a popup and gives focus back, text people typed shows as
 * text in popups, clusters zoom in, the staff map offers other capabilities' points (read from the map
 * points their owners write, core/map-layers.ts), and the visit form's map fills the location, ward and
 * council area. Without JavaScript: the table and the SVG map are there. axe finds no WCAG 2.2 AA
 * violations on any of its pages.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPageWithJavaScript, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { adminToken, staffToken } from '../../test/support/tokens.js';
import { mapPointWrite } from '../core/map-layers.js';
import { transactWrite } from '../core/store/transactions.js';
import { formatLondonDate } from '../core/time.js';
import { aVisit, places, unique } from './fixtures.js';
import { addVisitActions } from './visits.js';

const browser = useBrowser();
let server: TestServer;
const XSS = '<script>window.__hacked = true</script>';
const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const [y, m, d] = day.split('-');
/** A period of the one day the visits are on, and the next fortnight for the meeting. */
const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const [ty, tm, td] = until.split('-');
const period = `period=dates&from-day=${d}&from-month=${m}&from-year=${y}&to-day=${td}&to-month=${tm}&to-year=${ty}`;
let visitId: string;
/** A surgery session on its own (Lutterworth, far from other points), so its marker is not clustered. */
const surgeryVenue = unique('Lutterworth Town Hall');
const inFiveDays = new Date(Date.now() + 5 * 86_400_000).toISOString();
const surgeryDate = formatLondonDate(inFiveDays);

beforeAll(async () => {
  // Its own table: the map's markers are exactly these, not clustered with other files' meetings.
  await useOwnTable('community-days-browser', { delivery: 'manual' });
  server = await startTestServer();
  const visit = await aVisit({ place: places.bottesford, day }, { placeName: unique(`Bottesford ${XSS}`), publicSummary: `Heard about ${XSS}` });
  visitId = visit.id;
  // Three in Hinckley (wards apart, so they cluster at the county view and part when zoomed in).
  await aVisit({ place: places.hinckley, day });
  await aVisit({ place: places.burbage, day });
  await aVisit({ place: places.earlShilton, day });
  await addVisitActions(visit.id, [{ what: `Speed watch ${XSS}`, owner: { kind: 'road-safety-team' }, dueOn: '2020-01-01' }], { by: 'Officer' });
  // A meeting and a surgery session, as their capabilities put them on the map: points in the table.
  const [meeting, session] = [randomUUID(), randomUUID()];
  await transactWrite([
    mapPointWrite('meetings', { id: meeting, latitude: 52.766, longitude: -0.887, at: inFiveDays, title: `${unique('Melton public meeting')} (Melton Library)`, areaCode: 'E07000133', href: `/staff/meetings/${meeting}` }),
    mapPointWrite('surgeries', { id: session, latitude: 52.4556, longitude: -1.2, at: inFiveDays, title: surgeryVenue, areaCode: 'E07000131', href: `/staff/surgeries/sessions/${session}` }),
  ]);
});
afterAll(async () => {
  await server?.close();
});

/** Signed in as staff, or as an admin (who also sees the admin-only pages, e.g. deleting a visit). */
async function signIn(page: Page, as: 'staff' | 'admin' = 'staff') {
  const { hostname } = new URL(server.baseUrl);
  await page.context().addCookies([{ name: 'session', value: await (as === 'admin' ? adminToken() : staffToken()), domain: hostname, path: '/', httpOnly: true }]);
}

/** Tabs until the focused element's accessible label matches, and returns it. */
async function tabTo(page: Page, label: RegExp, limit = 60): Promise<string> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    if (label.test(focused)) return focused;
  }
  throw new Error(`Nothing labelled ${label} was reached by Tab`);
}

const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.className ?? '');

describe('the public map with JavaScript', () => {
  it('is a Leaflet map whose areas and markers work by keyboard, Escape closing the popup and returning focus', async () => {
    const page = await newPageWithJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/community-days?${period}`);
      await page.waitForSelector('.app-map__leaflet .app-map-area');
      await expect(page.locator('.app-map-area').count()).resolves.toBe(9);
      await expect(page.locator('svg.app-choropleth').count()).resolves.toBe(0);
      await expect(page.locator('.leaflet-control-attribution').textContent()).resolves.toContain('Open Government Licence');
      // The short credit on the map links to the full attribution under it.
      const sources = await page.locator('.leaflet-control-attribution a[href^="#"]').getAttribute('href');
      await expect(page.locator(sources!).textContent()).resolves.toContain('Contains OS data © Crown copyright and database right');
      await expect(page.locator('table').first().textContent()).resolves.toContain('Melton');

      const area = await tabTo(page, /^Melton: /);
      expect(area).toMatch(/^Melton: \d+ visits?, target (met|not met)\. Press Enter for details\.$/);
      await page.keyboard.press('Enter');
      await expect(page.locator('.leaflet-popup-content').textContent()).resolves.toMatch(/^Melton.*Target/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.leaflet-popup') !== null)).toBe(true);
      await page.keyboard.press('Escape');
      // Leaflet fades a closed popup out before removing it.
      await page.waitForSelector('.leaflet-popup', { state: 'detached', timeout: 2000 });
      await expect.poll(() => focusedLabel(page)).toBe(area);

      const marker = await tabTo(page, /^Visit: Bottesford/);
      await page.keyboard.press('Enter');
      const popup = page.locator('.leaflet-popup-content');
      await expect(popup.textContent()).resolves.toContain(`Heard about ${XSS}`);
      await expect(page.evaluate(() => (window as unknown as { __hacked?: boolean }).__hacked ?? false)).resolves.toBe(false);
      await expect(popup.textContent()).resolves.toContain('shown at the centre of the ward');
      await page.keyboard.press('Escape');
      // Leaflet fades a closed popup out before removing it.
      await page.waitForSelector('.leaflet-popup', { state: 'detached', timeout: 2000 });
      await expect.poll(() => focusedLabel(page)).toBe(marker);

      // Visible focus: a ring around the focused marker.
      const shadow = await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow);
      expect(shadow).toContain('rgb(255, 221, 0)');
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('zooms into a cluster by keyboard and moves focus to one of its markers', async () => {
    const page = await newPageWithJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/community-days?${period}`);
      await page.waitForSelector('.app-map-marker');
      const cluster = await tabTo(page, /^\d+ visits close together\. Press Enter to zoom in\.$/);
      const count = Number(cluster.split(' ')[0]);
      expect(count).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /^(Visit: |\d+ visits close)/.test(document.activeElement?.getAttribute('aria-label') ?? ''));
      await expect(page.locator('.app-map-marker').count()).resolves.toBeGreaterThan(1);
    } finally {
      await page.context().close();
    }
  });
});

describe('the public map on a phone', () => {
  /** Sums the page's layout shifts so far (CLS, without those that follow input). */
  const layoutShift = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) total += entry.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 200);
        }),
    );

  it('keeps its box as the map loads, so nothing below it moves (no layout shift)', async () => {
    const page = await newPageWithJavaScript(browser(), { viewport: { width: 412, height: 823 } });
    try {
      // Hold the map's script back, to measure the box the server's SVG map takes before it runs.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/assets/map.js', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${server.baseUrl}/community-days?${period}`, { waitUntil: 'commit' });
      await page.waitForSelector('.app-map svg.app-choropleth');
      // GOV.UK Frontend's script (the menu collapses on a phone) does not wait for the map's.
      await page.waitForSelector('body.govuk-frontend-supported .govuk-service-navigation__toggle:not([hidden])', { timeout: 10_000 });
      const before = (await page.locator('.app-map').boundingBox())!;
      const legendBefore = (await page.locator('.app-map-legend').boundingBox())!;
      release();
      await page.waitForSelector('.app-map__leaflet .app-map-marker');
      const after = (await page.locator('.app-map').boundingBox())!;
      const legendAfter = (await page.locator('.app-map-legend').boundingBox())!;
      expect(before.height).toBeGreaterThan(200);
      expect(after).toEqual(before);
      expect(legendAfter.y).toBe(legendBefore.y);
      await expect(layoutShift(page)).resolves.toBeLessThan(0.01);
    } finally {
      await page.context().close();
    }
  });

  it('gives every marker and cluster a target of at least 24 by 24 pixels, none overlapping another', async () => {
    const page = await newPageWithJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/community-days?${period}`);
      await page.waitForSelector('.app-map-marker--cluster');
      const boxes = await page.locator('.app-map-marker').evaluateAll((markers) => markers.map((m) => m.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes.length).toBeGreaterThanOrEqual(2);
      for (const box of boxes) expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
      // And none overlaps another, so each stays a target of its own.
      const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    } finally {
      await page.context().close();
    }
  });

  it('keeps the map\'s attribution to one line at 630 pixels, under the map\'s bottom 8%', async () => {
    const page = await newPageWithJavaScript(browser(), { viewport: { width: 630, height: 900 } });
    try {
      await page.goto(`${server.baseUrl}/community-days?${period}`);
      await page.waitForSelector('.app-map__leaflet .leaflet-control-attribution');
      const map = (await page.locator('.app-map__leaflet').boundingBox())!;
      const attribution = (await page.locator('.leaflet-control-attribution').boundingBox())!;
      expect(attribution.height / map.height).toBeLessThan(0.08);
    } finally {
      await page.context().close();
    }
  });
});

describe('without JavaScript', () => {
  it('shows the table and the server’s SVG map of the same figures', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/community-days?${period}`);
      await expect(page.locator('svg.app-choropleth path.app-choropleth__area').count()).resolves.toBe(9);
      await expect(page.locator('svg.app-choropleth title').first().textContent()).resolves.toMatch(/^Map of visits by council area/);
      await expect(page.getByRole('table').first().locator('tbody tr').count()).resolves.toBe(9);
      await expect(page.locator('main').textContent()).resolves.toContain(`Heard about ${XSS}`);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('every staff page of community days passes axe', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      await signIn(page, 'admin');
      for (const path of [
        `/staff/community-days?${period}`,
        `/staff/community-days/visits/${visitId}`,
        '/staff/community-days/visits/new',
        `/staff/community-days/visits/${visitId}/edit`,
        `/staff/community-days/visits/${visitId}/delete?version=1`,
        `/staff/community-days/visits/${visitId}/actions/new`,
        `/staff/community-days/map?${period}`,
        `/staff/community-days/dashboard?${period}`,
      ]) {
        await page.goto(`${server.baseUrl}${path}`);
        expect(await page.title(), path).not.toMatch(/^(Error|Page not found)/);
        await expectNoAxeViolations(page);
      }
      // A form with errors, as staff see it.
      await page.goto(`${server.baseUrl}/staff/community-days/visits/new`);
      await page.getByRole('button', { name: 'Log the visit' }).click();
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the date of the visit');
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  }, 150_000);
});

describe('staff with JavaScript', () => {
  it('see other capabilities’ points on the staff map, and can hide them', async () => {
    const page = await newPageWithJavaScript(browser());
    try {
      await signIn(page);
      await page.goto(`${server.baseUrl}/staff/community-days/map?${period}`);
      await page.waitForSelector('.app-map-marker--overlay[data-layer="meetings"]');
      const others = await page.locator('.app-map-marker--overlay:not([data-layer="meetings"])').count();
      // Each layer marks its points with its own letter, and a point's label says each thing once.
      await expect(page.locator('.app-map-marker--overlay[data-layer="meetings"]', { hasText: /^M$/ }).count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('.app-map-marker--overlay[data-layer="surgeries"]', { hasText: /^S$/ }).count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('.app-map-marker--overlay', { hasText: /^P$/ }).count()).resolves.toBe(0);
      await expect(page.locator(`.app-map-marker--overlay[aria-label^="Parish surgeries: ${surgeryVenue}"]`).getAttribute('aria-label')).resolves.toBe(
        `Parish surgeries: ${surgeryVenue}, ${surgeryDate}. Press Enter for details.`,
      );
      await expect(page.getByLabel(/^Parish surgeries, marked S \(\d+\)$/).isChecked()).resolves.toBe(true);
      const meetings = page.getByLabel(/^Public meetings, marked M \(\d+\)$/);
      await expect(meetings.isChecked()).resolves.toBe(true);
      await meetings.uncheck();
      // The meetings' points go; any other capability's points stay until their own box is cleared.
      await expect(page.locator('.app-map-marker--overlay[data-layer="meetings"]').count()).resolves.toBe(0);
      await expect(page.locator('.app-map-marker--overlay').count()).resolves.toBe(others);
      for (const box of await page.locator('.app-map-layers input[type="checkbox"]:checked').all()) await box.uncheck();
      await expect(page.locator('.app-map-marker--overlay').count()).resolves.toBe(0);
      await expect(page.locator('.app-map-marker--visit').count()).resolves.toBeGreaterThan(0);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('pick the visit’s location on the form’s map, which fills the ward and council area', async () => {
    const page = await newPageWithJavaScript(browser());
    try {
      await signIn(page);
      await page.goto(`${server.baseUrl}/staff/community-days/visits/new`);
      await page.waitForSelector('.app-picker__map .leaflet-overlay-pane path');
      await page.getByLabel('Ward').selectOption({ label: 'Uppingham' });
      await expect(page.getByLabel('Council area').inputValue()).resolves.toBe('E06000017');
      // Enter on the focused map sets the location at its centre (under the cross).
      await page.locator('.app-picker__map').focus();
      await page.keyboard.press('Enter');
      const latitude = Number(await page.getByLabel('Latitude').inputValue());
      expect(latitude).toBeGreaterThan(52.3);
      expect(latitude).toBeLessThan(53);
      await expect(page.locator('.app-picker p[aria-live]').textContent()).resolves.toMatch(/^Location set in .+ ward, .+\.$/);
      await expectNoAxeViolations(page);
    } finally {
      await page.context().close();
    }
  });
});
