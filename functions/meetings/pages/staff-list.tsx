/**
 * GET /staff/meetings: every meeting at a glance, upcoming first, with how full each one is.
 */
import { SuccessBanner, Table, Tag } from '../../core/ui/components.js';
import { councilAreaName } from '../../core/council-areas.js';
import { Layout } from '../../core/ui/layout.js';
import { formatLondon } from '../../core/time.js';
import type { Meeting } from '../model.js';
import { NotificationBanner } from '../../core/ui/components.js';
import { confirmedPlaces, totalCapacity, totalPlacesLeft } from '../modes.js';

/** Where a meeting is in its life, for staff. */
export function MeetingStatusTag({ meeting, now }: { meeting: Meeting; now: Date }) {
  if (meeting.status === 'cancelled') return <Tag colour="red">Cancelled</Tag>;
  if (new Date(meeting.endsAt) <= now) return <Tag colour="grey">Finished</Tag>;
  if (new Date(meeting.startsAt) <= now) return <Tag colour="blue">In progress</Tag>;
  if (new Date(meeting.registrationOpensAt) > now) return <Tag colour="purple">Not open yet</Tag>;
  if (new Date(meeting.registrationClosesAt) <= now) return <Tag colour="orange">Registration closed</Tag>;
  if (totalPlacesLeft(meeting) === 0) return <Tag colour="yellow">Full</Tag>;
  return <Tag colour="green">Open</Tag>;
}

/** Confirmed places against capacity, e.g. "38 of 40", in every mode. */
export const placesTaken = (m: Meeting) => `${confirmedPlaces(m)} of ${totalCapacity(m)}`;

function MeetingsTable({ caption, meetings, now }: { caption: string; meetings: Meeting[]; now: Date }) {
  if (meetings.length === 0) {
    return (
      <>
        <h2 class="govuk-heading-m">{caption}</h2>
        <p class="govuk-body">None.</p>
      </>
    );
  }
  return (
    <Table
      caption={caption}
      head={['Meeting', 'Date', 'Council area', 'Places taken', 'Places waiting', 'Status']}
      rows={meetings.map((m) => [
        <a class="govuk-link" href={`/staff/meetings/${m.id}`}>
          {m.title}
        </a>,
        formatLondon(m.startsAt),
        councilAreaName(m.areaCode),
        placesTaken(m),
        String(m.waitlistedCount),
        <MeetingStatusTag meeting={m} now={now} />,
      ])}
    />
  );
}

export function StaffMeetingsPage({ upcoming, past, now, banner }: { upcoming: Meeting[]; past: Meeting[]; now: Date; banner?: string }) {
  return (
    <Layout title="Meetings" staff current="/staff/meetings">
      <SuccessBanner message={banner} />
      <h1 class="govuk-heading-xl">Meetings</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/meetings/new" draggable="false">
          Create a meeting
        </a>
        <a class="govuk-link" href="/staff/meetings/held/new">
          Record a meeting that already happened
        </a>
        <a class="govuk-link" href="/staff/meetings/report">
          Attendance report
        </a>
      </div>
      <MeetingsTable caption="Upcoming meetings" meetings={upcoming} now={now} />
      <MeetingsTable caption="Past meetings" meetings={past} now={now} />
    </Layout>
  );
}
