/** The reports' staff home: each recent quarter's report, a quarter by its id, the year in numbers, and the two logs. */
import { ErrorSummary, TextInput, Button, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { FinancialYear, Quarter } from '../../core/periods.js';
import { YearLinks } from './public.js';

export function ReportsHomePage({ quarters, years, values = {}, errors = {} }: { quarters: Quarter[]; years: FinancialYear[]; values?: FormValues; errors?: Errors }) {
  return (
    <StaffPage title="Reports" current="/staff/reports" hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Reports</h1>
      <p class="govuk-body">The quarterly engagement report to the Police and Crime Panel, counted from the platform’s own records, and the logs of what no other part of the platform records.</p>
      <h2 class="govuk-heading-m">Quarterly reports</h2>
      <ul class="govuk-list">
        {quarters.map((q) => (
          <li>
            <a class="govuk-link" href={`/staff/reports/${q.id}`}>
              {q.label} ({q.id})
            </a>
          </li>
        ))}
      </ul>
      <form method="get" action="/staff/reports" novalidate>
        <TextInput name="quarter" label="Another quarter" hint="The financial year, then Q1 to Q4, like 2026-27-Q3 (Q1 is April to June)" value={values['quarter']} error={errors['quarter']} width={10} />
        <Button secondary>Open the report</Button>
      </form>
      <h2 class="govuk-heading-m">The year in numbers</h2>
      <YearLinks years={years} />
      <h2 class="govuk-heading-m">Logs</h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/staff/reports/invitations">
            Invitations to the Commissioner
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/staff/reports/engagement">
            Engagement log (events organised by others, launches, youth summits)
          </a>
        </li>
      </ul>
    </StaffPage>
  );
}
