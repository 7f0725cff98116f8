/**
 * A session for staff: its facts, its slots (with who booked each, and blocking), who was invited and
 * whether their emails went, and the way to publish, change, invite, print the day sheet or cancel.
 */
import type { Child } from 'hono/jsx';
import { councilAreaName } from '../../core/council-areas.js';
import type { OutboxEmail } from '../../core/outbox/outbox.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import { Button, ProblemBanner, Table, Tag } from '../../core/ui/components.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { DaySheetRow } from '../day-sheet.js';
import { attendeeRoles, labelOf, type Council, type Session } from '../model.js';
import type { Invited } from '../store/sessions.js';
import { SessionFacts, SessionStatusTag, slotWhen } from './parts.js';
import { BankHolidayWarning } from './bank-holiday.js';
import { CURRENT, link } from './staff-parts.js';

const emailState = (email: OutboxEmail | undefined) => (!email || email.status === 'pending' ? 'Waiting to send' : email.status === 'sent' ? 'Sent' : email.status === 'skipped' ? 'Not sent (no longer relevant)' : email.status === 'suppressed' ? 'Not sent (emails to this address stopped)' : 'Failed');

export function StaffSessionPage(props: {
  session: Session;
  rows: DaySheetRow[];
  invited: Array<Invited & { council?: Council; email?: OutboxEmail; bookedAt?: string }>;
  now: Date;
  banner?: string;
  problem?: Child;
}) {
  const { session, rows, invited, now, banner, problem } = props;
  const open = session.status !== 'cancelled' && session.endsAt > now.toISOString();
  return (
    <StaffPage title={`Surgery: ${session.venueName}, ${formatLondonDate(session.startsAt)}`} current={CURRENT} back="/staff/surgeries" banner={banner} wide>
      <ProblemBanner title="Not done" problem={problem} />
      <span class="govuk-caption-l">Surgery in {councilAreaName(session.districtCode)}</span>
      <h1 class="govuk-heading-xl">
        {session.venueName}, {formatLondonDate(session.startsAt)} <SessionStatusTag status={session.status} />
      </h1>
      {session.status === 'cancelled' ? <p class="govuk-inset-text">Cancelled: {session.cancelReason}</p> : <BankHolidayWarning day={session.date} />}
      <SessionFacts session={session} />
      <div class="govuk-button-group">
        {open ? <a class="govuk-button govuk-button--secondary" href={`/staff/surgeries/sessions/${session.id}/edit`} draggable="false">Change details</a> : null}
        {open && session.status === 'published' ? <a class="govuk-button govuk-button--secondary" href={`/staff/surgeries/sessions/${session.id}/invite`} draggable="false">Invite councils</a> : null}
        {open && session.status === 'published' ? <a class="govuk-button govuk-button--secondary" href={`/staff/surgeries/sessions/${session.id}/book`} draggable="false">Book for a council</a> : null}
        {link(`/staff/surgeries/sessions/${session.id}/day-sheet`, 'Day sheet')}
        {link(`/staff/surgeries/sessions/${session.id}/day-sheet.csv`, 'Day sheet (CSV)')}
        {open ? link(`/staff/surgeries/sessions/${session.id}/cancel`, 'Cancel session') : null}
      </div>
      {open && session.status === 'draft' ? (
        <PostForm action={`/staff/surgeries/sessions/${session.id}/publish`}>
          <Button>Publish: let councils book</Button>
        </PostForm>
      ) : null}
      <h2 class="govuk-heading-l">Slots</h2>
      <Table
        head={['Time', 'Status', 'Council', 'Who is coming', '']}
        rows={rows.map(({ slot, state, booking }) => [
          slotWhen(slot),
          state === 'booked' ? <Tag colour="green">Booked</Tag> : state === 'blocked' ? <Tag colour="grey">Blocked</Tag> : 'Free',
          booking ? link(`/staff/surgeries/bookings/${booking.id}`, booking.councilName) : '',
          booking ? `${booking.attendeeName} (${labelOf(attendeeRoles, booking.attendeeRole).toLowerCase()})` : '',
          open && slot.startsAt > now.toISOString() && (state === 'free' || state === 'blocked') ? (
            <PostForm action={`/staff/surgeries/sessions/${session.id}/slots/${slot.id}/${state === 'blocked' ? 'unblock' : 'block'}`}>
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                {state === 'blocked' ? 'Unblock' : 'Block'}
                <span class="govuk-visually-hidden"> the slot at {formatLondonTime(slot.startsAt)}</span>
              </button>
            </PostForm>
          ) : (
            ''
          ),
        ])}
      />
      <h2 class="govuk-heading-l">Invitations</h2>
      {session.invitations.length ? (
        <ul class="govuk-list govuk-list--bullet">
          {session.invitations.map((r) => (
            <li>
              {formatLondon(r.at)}: {r.scope === 'district' ? `every council in ${councilAreaName(session.districtCode)}` : `${r.councilIds?.length ?? 0} chosen ${r.councilIds?.length === 1 ? 'council' : 'councils'}`}, by {r.by}
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">No councils have been invited yet.</p>
      )}
      {invited.length ? (
        <Table
          head={['Council', 'Invited', 'Email', 'Booked']}
          rows={invited.map((i) => [i.council?.name ?? i.councilId, `${formatLondon(i.lastInvitedAt)}${i.times > 1 ? ` (${i.times} times)` : ''}`, emailState(i.email), i.bookedAt ? formatLondonTime(i.bookedAt) : 'Not booked'])}
        />
      ) : null}
    </StaffPage>
  );
}
