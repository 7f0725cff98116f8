/**
 * GET /staff/access-record (admins): one month of the access record (core/people/access-record.ts),
 * newest first, with a way to another month. One Query of the month's partition.
 */
import { accessRecordRetention } from '../../core/platform-retention.js';
import type { AccessEntry } from '../../core/people/access-record.js';
import { keptFor } from '../../core/retention.js';
import { formatLondon } from '../../core/time.js';
import { Button, ErrorSummary, Table, TextInput } from '../../core/ui/components.js';
import { StaffPage } from '../../core/ui/pages.js';

const monthName = (month: string) => new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' });

export function AccessRecordPage({ month, entries, error }: { month: string; entries: AccessEntry[]; error?: string }) {
  return (
    <StaffPage title={`${error ? 'Error: ' : ''}Access record: ${monthName(month)}`} current="/staff" back="/staff" wide hasErrors={Boolean(error)}>
      <ErrorSummary errors={{ month: error }} />
      <span class="govuk-caption-l">{monthName(month)}</span>
      <h1 class="govuk-heading-xl">Access record</h1>
      <p class="govuk-body">
        Each time a member of staff looked at, exported or erased personal data: registration lists and their downloads,
        surgery day sheets, questions for meetings, visit notes, person searches, subject access exports, corrections and
        erasures. Staff cannot change it, and only admins can read it. Entries are deleted {keptFor(accessRecordRetention)}.
      </p>
      <form method="get" action="/staff/access-record" novalidate>
        <TextInput name="month" label="Month" hint="For example, 2026-04" width={10} value={month} error={error} />
        <Button secondary>Show this month</Button>
      </form>
      {entries.length ? (
        <Table
          caption={`${entries.length === 1 ? '1 entry' : `${entries.length} entries`}, newest first`}
          head={['When', 'Who', 'What', 'People', 'Page']}
          rows={entries.map((e) => [formatLondon(e.at), e.who, e.what, String(e.people), e.path])}
        />
      ) : (
        <p class="govuk-body">Nothing was recorded in {monthName(month)}.</p>
      )}
    </StaffPage>
  );
}
