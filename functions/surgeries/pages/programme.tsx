/** /staff/surgeries: the programme, upcoming sessions with their bookings and free slots (a bank holiday marked), and past ones. */
import { councilAreaName } from '../../core/council-areas.js';
import { Table } from '../../core/ui/components.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { Session } from '../model.js';
import { SessionStatusTag, sessionWhen } from './parts.js';
import { BankHolidayTag } from './bank-holiday.js';
import { CURRENT, link } from './staff-parts.js';

export interface SessionCounts {
  booked: number;
  free: number;
  blocked: number;
}

export function ProgrammePage({ upcoming, past, banner }: { upcoming: Array<{ session: Session; counts: SessionCounts }>; past: Session[]; banner?: string }) {
  return (
    <StaffPage title="Parish council surgeries" current={CURRENT} banner={banner} wide>
      <h1 class="govuk-heading-xl">Parish council surgeries</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/surgeries/sessions/new" draggable="false">New session</a>
        {link('/staff/surgeries/councils', 'Councils')}
        {link('/staff/surgeries/coverage', 'Coverage and themes')}
      </div>
      <h2 class="govuk-heading-l">Upcoming</h2>
      {upcoming.length ? (
        <Table
          head={['When', 'District', 'Venue', 'Status', 'Booked', 'Free']}
          rows={upcoming.map(({ session, counts }) => [
            <>
              {link(`/staff/surgeries/sessions/${session.id}`, sessionWhen(session))}
              <BankHolidayTag day={session.date} />
            </>,
            councilAreaName(session.districtCode),
            session.venueName,
            <SessionStatusTag status={session.status} />,
            String(counts.booked),
            String(counts.free),
          ])}
        />
      ) : (
        <p class="govuk-body">No upcoming sessions.</p>
      )}
      <h2 class="govuk-heading-l">Past</h2>
      {past.length ? (
        <Table head={['When', 'District', 'Venue', 'Status']} rows={past.map((s) => [link(`/staff/surgeries/sessions/${s.id}`, sessionWhen(s)), councilAreaName(s.districtCode), s.venueName, <SessionStatusTag status={s.status} />])} />
      ) : (
        <p class="govuk-body">No past sessions.</p>
      )}
    </StaffPage>
  );
}
