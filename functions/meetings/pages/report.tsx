/**
 * GET /staff/meetings/report?from-day=…&to-day=…: attendance by council area and overall, for the
 * office's performance report. Dates are London days: "to" includes the whole of that day.
 */
import { BackLink, Button, ErrorSummary, Table, type Errors } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import type { AttendanceFigures } from '../rules.js';
import { DateInput } from '../../core/ui/date-input.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { percent } from './staff-meeting.js';

export interface Report {
  byArea: Array<{ areaCode: string; areaName: string } & AttendanceFigures>;
  overall: AttendanceFigures;
}

function figures(f: AttendanceFigures) {
  return [String(f.meetings), String(f.registered), String(f.attended), String(f.cancelled), String(f.noShows), percent(f.noShowRate)];
}

export function ReportPage({ report, values, errors = {} }: { report?: Report; values: FormValues; errors?: Errors }) {
  return (
    <Layout
      title="Attendance report"
      hasErrors={hasErrors(errors)}
      staff
      current="/staff/meetings"
      beforeContent={
        <BackLink href="/staff/meetings">All meetings</BackLink>
      }
    >
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Attendance report</h1>
      <p class="govuk-body">
        Registrations and attendance at public meetings by council area. No-shows are places registered but not attended,
        counted only once a meeting has ended. Cancelled meetings are not included.
      </p>
      <form method="get" action="/staff/meetings/report" novalidate>
        <h2 class="govuk-heading-m">Meetings between</h2>
        <DateInput name="from" legend="From (optional)" hint="For example, 1 4 2026" values={values} error={errors['from']} />
        <DateInput name="to" legend="To (optional)" hint="For example, 31 3 2027" values={values} error={errors['to']} />
        <Button secondary>Update report</Button>
      </form>
      {report ? (
        <Table
          caption="Attendance by council area"
          head={['Council area', 'Meetings', 'Places registered', 'Attended', 'Cancelled', 'No-shows', 'No-show rate']}
          rows={[
            ...report.byArea.map((a) => [a.areaName, ...figures(a)]),
            [<strong>All areas</strong>, ...figures(report.overall).map((v) => <strong>{v}</strong>)],
          ]}
        />
      ) : null}
    </Layout>
  );
}
