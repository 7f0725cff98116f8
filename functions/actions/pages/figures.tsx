/** The action log's figures for the months chosen (a plain GET form), each also a spreadsheet. */
import type { Child } from 'hono/jsx';
import { Button, ErrorSummary, SummaryList, Table, type Errors } from '../../core/ui/components.js';
import { DateInput } from '../../core/ui/date-input.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { monthName, type ActionFigures } from '../figures.js';
import { queryString } from './list.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function FiguresPage(props: { figures?: ActionFigures; values: FormValues; errors?: Errors; label?: string; filterNote?: Child }) {
  const { figures, values, errors = {}, label } = props;
  return (
    <StaffPage title="Action figures" current="/staff/actions" back="/staff/actions" wide hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Action figures</h1>
      <form method="get" action="/staff/actions/figures" novalidate>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <DateInput name="from" legend="From" hint="The month of this day is the first shown. Leave blank for 12 months to today." values={values} error={errors['from']} />
          </div>
          <div class="govuk-grid-column-one-half">
            <DateInput name="to" legend="To" values={values} error={errors['to']} />
          </div>
        </div>
        <Button secondary>Show figures</Button>
      </form>
      {figures ? (
        <>
          <h2 class="govuk-heading-m">Now</h2>
          <SummaryList
            rows={[
              { key: 'Open or in progress', value: String(figures.openNow) },
              { key: 'Overdue', value: String(figures.overdueNow) },
            ]}
          />
          <h2 class="govuk-heading-m">{label}</h2>
          <SummaryList
            rows={[
              { key: 'Median days to close', value: figures.medianDaysToClose === undefined ? 'None closed' : String(figures.medianDaysToClose) },
              {
                key: 'Closed on time',
                value:
                  figures.onTimeShare === undefined
                    ? 'None closed with a due date'
                    : `${percent(figures.onTimeShare)} (${figures.closedOnTime} of ${figures.closedWithDueDate} with a due date)`,
              },
            ]}
          />
          <Table
            caption="Opened and closed each month"
            head={['Month', 'Opened', 'Closed']}
            rows={figures.months.map((m) => [monthName(m.month), String(m.opened), String(m.closed)])}
          />
          <p class="govuk-body">
            <a class="govuk-link" href={`/staff/actions/figures.csv${queryString(Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))))}`}>
              Download these figures (CSV)
            </a>
          </p>
        </>
      ) : null}
    </StaffPage>
  );
}
