/** The visits logged in a period, with the ways to log another, see the coverage map and the dashboard. */
import { councilAreaName } from '../../core/council-areas.js';
import { themeLabel } from '../../core/themes.js';
import { formatLondonDate } from '../../core/time.js';
import { ErrorSummary, Table, Tag, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { Visit } from '../model.js';
import { CoverageFilterForm } from './coverage.js';

export const CURRENT = '/staff/community-days';

export function VisitListPage(props: { visits: Visit[]; label: string; values: FormValues; query: string; errors?: Errors; banner?: string }) {
  const { visits, label, values, errors = {} } = props;
  return (
    <StaffPage title="Community days" current={CURRENT} wide banner={props.banner} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Community days</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/community-days/visits/new">
          Log a visit
        </a>
        <a class="govuk-link" href={`/staff/community-days/map?${props.query}`}>
          Coverage map
        </a>
        <a class="govuk-link" href={`/staff/community-days/dashboard?${props.query}`}>
          Dashboard for the Police and Crime Panel
        </a>
      </div>
      <details class="govuk-details" open={hasErrors(errors)}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Choose the period</span>
        </summary>
        <div class="govuk-details__text">
          <CoverageFilterForm action={CURRENT} values={values} errors={errors} />
        </div>
      </details>
      <h2 class="govuk-heading-m">
        {visits.length === 1 ? '1 visit' : `${visits.length} visits`} in {label}
      </h2>
      {visits.length ? (
        <Table
          caption="Visits, earliest first"
          head={['Date', 'Place', 'Council area', 'Themes', 'Public page', 'Actions']}
          rows={visits.map((v) => [
            formatLondonDate(v.startsAt),
            <a class="govuk-link" href={`/staff/community-days/visits/${v.id}`}>
              {v.placeName}
            </a>,
            councilAreaName(v.areaCode),
            v.themes.map(themeLabel).join(', ') || 'None',
            v.published ? <Tag colour="green">Published</Tag> : <Tag colour="grey">Not published</Tag>,
            String(v.actionCount),
          ])}
        />
      ) : (
        <p class="govuk-body">No visits logged in this period.</p>
      )}
    </StaffPage>
  );
}

