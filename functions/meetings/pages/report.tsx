/**
 * GET /staff/meetings/report?from-day=…&to-day=…: attendance by council area and overall, for the
 * office's performance report. Dates are London days: "to" includes the whole of that day.
 */
import { BackLink, Button, ErrorSummary, Table, type Errors } from '../../core/components.js';
import { Layout } from '../../core/layout.js';
import type { AttendanceFigures } from '../service.js';
import { DateInput, readDateTime } from './date-input.js';
import { hasErrors, type FormValues } from './form.js';
import { localLondonToUtcIso, utcIsoToLondonFields } from './london-time.js';
import { percent } from './staff-meeting.js';

export interface Report {
  byArea: Array<{ areaCode: string; areaName: string } & AttendanceFigures>;
  overall: AttendanceFigures;
}

export interface ReportPeriod {
  from?: Date;
  /** Exclusive: the start of the day after the last day asked for. */
  to?: Date;
}

const isBlank = (values: FormValues, name: string) => ['day', 'month', 'year'].every((p) => !values[`${name}-${p}`]?.trim());

/** The optional from/to dates from the query; blank means "no limit". */
export function readPeriod(values: FormValues): { period: ReportPeriod; errors: Errors } {
  const errors: Errors = {};
  const period: ReportPeriod = {};
  const from = isBlank(values, 'from') ? undefined : readDateTime(values, 'from', { missing: '', noun: 'The from date' }, false);
  const to = isBlank(values, 'to') ? undefined : readDateTime(values, 'to', { missing: '', noun: 'The to date' }, false);
  if (from?.error !== undefined) errors['from'] = from.error;
  else if (from) period.from = new Date(from.iso);
  if (to?.error !== undefined) errors['to'] = to.error;
  else if (to) period.to = new Date(nextLondonDay(to.iso));
  if (period.from && period.to && period.to <= period.from) errors['to'] = 'The to date must be the same as or after the from date';
  return { period: hasErrors(errors) ? {} : period, errors };
}

/** Midnight in London at the start of the day after the given London midnight. */
function nextLondonDay(iso: string): string {
  const { day, month, year } = utcIsoToLondonFields(new Date(new Date(iso).getTime() + 36 * 3600_000).toISOString());
  return localLondonToUtcIso(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, '00:00')!;
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
