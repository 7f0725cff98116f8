/**
 * The year in numbers: the office's engagement figures for a financial year, beside the year before,
 * as a public page the annual report can quote. Every figure is a count or a share of counts, so
 * nothing personal can be read from it.
 *
 *   GET /year-in-numbers/{year}    e.g. /year-in-numbers/2026-27
 */
import type { Hono } from 'hono';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { financialYear, financialYearContaining, parseFinancialYearId, quartersOf, shiftQuarter, type FinancialYear } from '../../core/periods.js';
import { Table } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import { buildYear, readingsFor, type YearFigure } from '../building.js';
import { formatNumber } from '../format.js';

const shown = (f: YearFigure, v: number | null) => (v === null ? 'Not available' : `${formatNumber(v, f.decimals)}${f.unit === 'percent' ? '%' : ''}`);

function YearPage({ year, data }: { year: FinancialYear; data: ReturnType<typeof buildYear> }) {
  const title = `The year in numbers: ${year.label}`;
  return (
    <Layout title={title} description={`The office’s engagement in the financial year ${year.label}, in figures counted from its own records.`}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full app-report">
          <span class="govuk-caption-l">April {year.startYear} to March {year.startYear + 1}</span>
          <h1 class="govuk-heading-xl">The year in numbers</h1>
          <p class="govuk-body-l">What the office did to hear from the people it serves in {year.label}, counted from the platform’s own records as they stand today. Each figure is a count: nothing in them says who anyone is.</p>
          {data.sections.map((s) => (
            <Table
              caption={s.heading}
              head={['Figure', year.label, 'The year before', 'What it counts']}
              rows={s.figures.map((f) => [f.name, shown(f, f.value), shown(f, f.yearBefore), f.definition])}
            />
          ))}
          <Table caption="Themes people raised" head={['Theme', 'Times raised']} rows={data.themes.map((t) => [t.label, String(t.count)])} />
        </div>
      </div>
    </Layout>
  );
}

/** Each financial year's public page, newest first as given: on this page and the staff reports home. */
export function YearLinks({ years }: { years: FinancialYear[] }) {
  return (
    <ul class="govuk-list">
      {years.map((y) => (
        <li>
          <a class="govuk-link" href={`/year-in-numbers/${y.id}`}>
            {y.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

function YearsPage({ years }: { years: FinancialYear[] }) {
  return (
    <Layout title="The year in numbers" description="The office’s engagement each financial year, in figures counted from its own records.">
      <h1 class="govuk-heading-xl">The year in numbers</h1>
      <p class="govuk-body-l">The office’s engagement each financial year (April to March), counted from its own records.</p>
      <YearLinks years={years} />
    </Layout>
  );
}

export function publicPages(app: Hono<AppEnv>): void {
  app.get('/year-in-numbers', (c) => {
    const latest = financialYearContaining(new Date()).startYear;
    return c.html(<YearsPage years={[0, 1, 2].map((n) => financialYear(latest - n))} />);
  });

  app.get('/year-in-numbers/:year{[0-9]+-[0-9]+}', async (c) => {
    const parsed = parseFinancialYearId(c.req.param('year') ?? '');
    if (!parsed.ok) return handleNotFound(c);
    const thisYear = quartersOf(parsed.value);
    const yearBefore = thisYear.map((q) => shiftQuarter(q, -4));
    const data = buildYear(thisYear, yearBefore, await readingsFor([...yearBefore, ...thisYear]));
    return c.html(<YearPage year={parsed.value} data={data} />);
  });
}
