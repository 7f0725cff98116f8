/** The dashboard for the Police and Crime Panel: the period's figures and tables, each also a spreadsheet. */
import type { Child } from 'hono/jsx';
import { ErrorSummary, SummaryList, Table, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { dashboardTables, type Dashboard } from '../dashboard.js';
import { CoverageFilterForm } from './coverage.js';
import { MapStyles } from './map-assets.js';
import { CURRENT } from './visit-list.js';

const cell = (value: string | number): Child => (typeof value === 'number' ? String(value) : value);

export function DashboardPage(props: { dashboard?: Dashboard; values: FormValues; query?: string; errors?: Errors }) {
  const { dashboard, values, errors = {} } = props;
  return (
    <StaffPage title="Community days dashboard" current={CURRENT} back={CURRENT} wide hasErrors={hasErrors(errors)} head={<MapStyles />}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Community days dashboard</h1>
      <details class="govuk-details" open={hasErrors(errors) || !dashboard}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Choose the period</span>
        </summary>
        <div class="govuk-details__text">
          <CoverageFilterForm action="/staff/community-days/dashboard" values={values} errors={errors} />
        </div>
      </details>
      {dashboard ? (
        <>
          <h2 class="govuk-heading-l">{dashboard.period.label.charAt(0).toUpperCase() + dashboard.period.label.slice(1)}</h2>
          <SummaryList
            rows={[
              { key: 'Visits', value: String(dashboard.totals.visits) },
              { key: 'Council areas meeting the target', value: `${dashboard.totals.areasMeetingTarget} of 9 (${dashboard.target.inPeriod} ${dashboard.target.inPeriod === 1 ? 'visit' : 'visits'} in the period; ${dashboard.target.perYear} a year)` },
              { key: 'Hours of engagement', value: String(dashboard.totals.hours) },
              { key: 'People and groups met', value: `${dashboard.totals.people} (${dashboard.totals.organisations} organisations named)` },
              { key: 'Actions', value: `${dashboard.totals.actionsOpened} opened and ${dashboard.totals.actionsClosed} closed in the period; ${dashboard.totals.actionsOverdue} overdue now` },
            ]}
          />
          {dashboardTables.map((t) => {
            const rows = dashboard.tables[t.id].rows;
            return (
              <>
                <div class="app-table-scroll" tabindex={0} role="region" aria-label={`${t.title} (scrolls sideways)`}>
                  <Table caption={t.title} head={rows[0]!.map(String)} rows={rows.slice(1).map((r) => r.map(cell))} />
                </div>
                <p class="govuk-body">
                  <a class="govuk-link" href={`/staff/community-days/dashboard/${t.id}.csv?${props.query ?? ''}`}>
                    Download “{t.title.toLowerCase()}” (CSV)
                  </a>
                </p>
              </>
            );
          })}
        </>
      ) : null}
    </StaffPage>
  );
}
