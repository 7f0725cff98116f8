/**
 * The report's page parts as people meet them: valid HTML (Nu HTML Checker), no WCAG 2.2 AA problems
 * with JavaScript off (axe), a chart a screen reader can name and describe, signals that differ by
 * shape, a standalone SVG for Word, and a page that prints without the site's navigation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Layout } from '../core/ui/layout.js';
import { expectNoAxeViolations, newPageWithoutJavaScript, useBrowser } from '../../test/support/browser.js';
import { htmlProblems } from '../../test/support/html-checker.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { niceTicks, xmrSvgMarkup, XmrFigure } from './chart.js';
import { COMPLAINTS, exampleReport } from './fixtures.js';
import { ReportView } from './report-view.js';
import { xmr } from './xmr.js';

const links = {
  word: '/staff/reports/2026-27-Q3.docx',
  figuresCsv: (_: unknown, i: number) => `/staff/reports/2026-27-Q3/figures-${i + 1}.csv`,
  trendCsv: (t: { id: string }) => `/staff/reports/2026-27-Q3/${t.id}.csv`,
};

const series = (values: number[]) => values.map((value, i) => ({ label: `Quarter ${i + 1}`, shortLabel: `Q ${i + 1}`, value }));

function reportPage(hostile = false) {
  const report = exampleReport({ hostile });
  return (
    '' +
    (
      <Layout title={report.title} staff>
        <ReportView report={report} links={links} />
        {/* Links in a report's text, as commentary may come to have. */}
        <div class="app-report">
          <p class="govuk-body">
            See the <a class="govuk-link" href="/privacy">privacy notice</a> and the{' '}
            <a class="govuk-link" href="https://www.example.org/panel">Panel’s papers</a>.
          </p>
        </div>
      </Layout>
    )
  );
}

/** Charts at their edges: flat, one figure, none at all. */
function edgeCasesPage() {
  return (
    '' +
    (
      <Layout title="Edge cases">
        <h1 class="govuk-heading-l">Edge cases</h1>
        <XmrFigure chart={xmr(series([5, 5, 5, 5, 5, 5, 5]))} id="flat" title="A flat series" />
        <XmrFigure chart={xmr(series([7]))} id="one" title="One figure" />
        <XmrFigure chart={xmr([])} id="none" title="No figures" />
      </Layout>
    )
  );
}

describe('report pages', () => {
  it('pass the Nu HTML Checker, with hostile text and with charts at their edges', async () => {
    const problems = await htmlProblems([
      { name: 'report', html: reportPage() },
      { name: 'report with markup in its text', html: reportPage(true) },
      { name: 'edge cases', html: edgeCasesPage() },
    ]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('show text people typed as text', () => {
    const html = reportPage(true);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('round the chart’s scale to steps a reader can follow', () => {
    expect(niceTicks(6, 19.07)).toEqual([5, 10, 15, 20]);
    expect(niceTicks(0, 8)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(5, 5)).toEqual([4, 4.5, 5, 5.5, 6]);
    expect(niceTicks(0.12, 0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('report pages in a browser', () => {
  const browser = useBrowser();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      extra: (root) => {
        root.get('/harness/report', (c) => c.html(reportPage(true)));
        root.get('/harness/edge-cases', (c) => c.html(edgeCasesPage()));
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('have no accessibility problems with JavaScript off', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      for (const path of ['/harness/report', '/harness/edge-cases']) {
        await page.goto(`${server.baseUrl}${path}`);
        await expectNoAxeViolations(page);
      }
    } finally {
      await page.context().close();
    }
  });

  it('name each chart by its title and describe it with the verdict, limits and signals', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/harness/report`);
      const chart = page.getByRole('img', { name: 'Complaints received each quarter <script>alert(1)</script> & "quotes"' });
      await expect(chart.count()).resolves.toBe(1);
      const description = await chart.evaluate((svg) => document.getElementById(svg.getAttribute('aria-describedby')!)?.textContent);
      expect(description).toBe(
        'The latest figure, 6, is below the lower natural process limit (8.4): a signal, not routine variation. ' +
          '12 quarters, January to March 2024 to October to December 2026. ' +
          'Mean 13.8; natural process limits 8.4 to 19.1; average moving range 2, upper range limit 6.5. ' +
          'Signals: October to December 2026 (6).',
      );
      // The sentence is on the page too, and the table behind the chart names the signal in words.
      await expect(page.locator('#trend-complaints .govuk-inset-text').textContent()).resolves.toBe(
        'The latest figure, 6, is below the lower natural process limit (8.4): a signal, not routine variation.',
      );
      const lastRow = page.locator('#trend-complaints table tbody tr').last();
      await expect(lastRow.locator('th, td').allTextContents()).resolves.toEqual(['October to December 2026', '6', '8', 'Below the lower limit; Fall larger than the range limit']);
    } finally {
      await page.context().close();
    }
  });

  it('draw a signal as a diamond, not only in another colour', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/harness/report`);
      const shapes = (id: string) =>
        page.locator(`#trend-${id} svg`).evaluate((svg) => ({ dots: svg.querySelectorAll('circle').length, diamonds: svg.querySelectorAll('path[d$="Z"]').length }));
      // Complaints: 12 figures and 11 moving ranges; the last figure and its moving range are signals.
      // Each legend has one dot and one diamond.
      await expect(shapes('complaints')).resolves.toEqual({ dots: 11 + 10 + 1, diamonds: 2 + 1 });
      // Anti-social behaviour: eight in a row above the mean (quarters 7 to 14), no large changes.
      await expect(shapes('anti-social-behaviour')).resolves.toEqual({ dots: 16 + 23 + 1, diamonds: 8 + 1 });
    } finally {
      await page.context().close();
    }
  });

  it('print without the site’s navigation, footer or download links, keeping charts and tables whole', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      await page.goto(`${server.baseUrl}/harness/report`);
      const shown = () =>
        page.evaluate(() => {
          const display = (selector: string) => getComputedStyle(document.querySelector(selector)!).display;
          const after = (selector: string) => getComputedStyle(document.querySelector(selector)!, '::after').content;
          return {
            navigation: display('.govuk-service-navigation'),
            footer: display('.govuk-footer'),
            download: display('.app-report .app-no-print'),
            organisation: display('.govuk-generic-header'),
            chart: display('.app-xmr__chart'),
            chartBreak: getComputedStyle(document.querySelector('.app-xmr__chart')!).breakInside,
            tableBreak: getComputedStyle(document.querySelector('.app-report .govuk-table')!).breakInside,
            internalLink: after('a[href="/privacy"]'),
            externalLink: after('a[href="https://www.example.org/panel"]'),
          };
        });
      await expect(shown()).resolves.toMatchObject({ navigation: 'block', footer: 'block', download: 'block', chartBreak: 'auto' });
      await page.emulateMedia({ media: 'print' });
      await expect(shown()).resolves.toEqual({
        navigation: 'none',
        footer: 'none',
        download: 'none',
        organisation: 'block',
        chart: 'block',
        chartBreak: 'avoid',
        tableBreak: 'avoid',
        // GOV.UK Frontend prints every link's address; in a report only addresses off the site.
        internalLink: 'none',
        externalLink: '" (https://www.example.org/panel)"',
      });
    } finally {
      await page.context().close();
    }
  });

  it('gives Word a standalone SVG document that parses as XML, with its size and text escaped', async () => {
    const page = await newPageWithoutJavaScript(browser());
    try {
      const chart = xmr(series(COMPLAINTS), { lowerBound: 0 });
      const markup = xmrSvgMarkup(chart, { id: 'c', title: 'Complaints <b>& "quotes"</b>' });
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const svg = doc.documentElement;
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: svg.localName,
          namespace: svg.namespaceURI,
          size: [svg.getAttribute('width'), svg.getAttribute('height')],
          title: svg.querySelector('title')?.textContent,
        };
      }, markup);
      expect(parsed).toEqual({ error: 0, root: 'svg', namespace: 'http://www.w3.org/2000/svg', size: ['720', '452'], title: 'Complaints <b>& "quotes"</b>' });
    } finally {
      await page.context().close();
    }
  });
});
