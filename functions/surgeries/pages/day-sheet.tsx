/** The printable day sheet for staff on the day (the CSV has the same rows: ../day-sheet.ts). */
import { formatLondonDate } from '../../core/time.js';
import { Table } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import { stateLabel, topicsOf, type DaySheetRow } from '../day-sheet.js';
import { attendeeRoles, labelOf, type Session } from '../model.js';
import { sessionWhen, slotWhen } from './parts.js';
import { CURRENT, link } from './staff-parts.js';

/** Slots in order, council, who is coming, topics, access needs. */
export function DaySheetPage({ session, rows }: { session: Session; rows: DaySheetRow[] }) {
  return (
    <Layout title={`Day sheet: ${session.venueName}, ${formatLondonDate(session.startsAt)}`} staff current={CURRENT}>
      <span class="govuk-caption-l">Day sheet</span>
      <h1 class="govuk-heading-l">
        {session.venueName}, {sessionWhen(session)}
      </h1>
      <p class="govuk-body">
        {session.venueAddress}. With the {session.host}. {link(`/staff/surgeries/sessions/${session.id}/day-sheet.csv`, 'Download as CSV')}
      </p>
      <Table
        head={['Time', 'Council', 'Who is coming', 'Topics', 'Access needs']}
        rows={rows.map(({ slot, state, booking }) => [
          slotWhen(slot),
          booking ? booking.councilName : stateLabel[state],
          booking ? `${booking.attendeeName} (${labelOf(attendeeRoles, booking.attendeeRole).toLowerCase()}), ${booking.email}` : '',
          booking ? topicsOf(booking).join('; ') : '',
          booking?.accessNeeds ?? '',
        ])}
      />
    </Layout>
  );
}
