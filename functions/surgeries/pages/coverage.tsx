/** Coverage of the programme by district, and the themes raised in a period, with a CSV. */
import { Button, ErrorSummary, Table, type Errors } from '../../core/ui/components.js';
import { DateInput } from '../../core/ui/date-input.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { CoverageRow, ThemesRow } from '../coverage.js';
import { CURRENT, link } from './staff-parts.js';

const share = (n: number | null) => (n === null ? 'No councils' : `${Math.round(n * 100)}%`);

export function CoveragePage({ rows, overall, themes, values, errors = {} }: { rows: CoverageRow[]; overall: CoverageRow; themes?: { rows: ThemesRow[]; total: ThemesRow; themes: Array<{ id: string; label: string }> }; values: FormValues; errors?: Errors }) {
  const query = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return (
    <StaffPage title="Coverage and themes" current={CURRENT} back="/staff/surgeries" hasErrors={hasErrors(errors)} wide>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Coverage and themes</h1>
      <Table
        caption="Coverage by district (the last 12 months)"
        head={['District', 'Councils', 'Invited', 'With a booking to come', 'Seen', 'Never seen', 'Share seen', 'Attended', 'Did not attend', 'Cancelled']}
        rows={[...rows, overall].map((r) => [r.districtName, String(r.councils), String(r.invited), String(r.booked), String(r.seen), String(r.neverSeen), share(r.shareSeen), String(r.bookings.attended), String(r.bookings.noShow), String(r.bookings.cancelled)])}
      />
      <h2 class="govuk-heading-l">Themes raised</h2>
      <form method="get" action="/staff/surgeries/coverage" novalidate>
        <DateInput name="from" legend="From" hint="For example, 1 4 2026" values={values} error={errors['from']} />
        <DateInput name="to" legend="To" values={values} error={errors['to']} />
        <Button secondary>Show themes</Button>
      </form>
      {themes ? (
        themes.rows.length ? (
          <>
            <Table
              head={['District', 'Surgery days', 'Attended', ...themes.themes.map((t) => t.label)]}
              rows={[...themes.rows, themes.total].map((r) => [r.districtName, String(r.surgeries), String(r.attended), ...themes.themes.map((t) => String(r.themes[t.id as keyof typeof r.themes] ?? 0))])}
            />
            <p class="govuk-body">{link(`/staff/surgeries/themes.csv?${query}`, 'Download themes as CSV')}</p>
          </>
        ) : (
          <p class="govuk-body">No themes were recorded in this period.</p>
        )
      ) : null}
    </StaffPage>
  );
}
