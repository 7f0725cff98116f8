/** A booking for staff: its details and emails, moving or cancelling it, and its outcome with the actions arising. */
import type { Action } from '../../core/actions/model.js';
import { actionStatuses, ownerLabel } from '../../core/actions/model.js';
import { themeLabel } from '../../core/themes.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import type { Suppression } from '../../core/outbox/suppression.js';
import { Button, ErrorSummary, SummaryList, Table, type Errors } from '../../core/ui/components.js';
import { EmailStopped } from '../../core/ui/email-stopped.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { topicsOf } from '../day-sheet.js';
import { attendanceKinds, attendeeRoles, labelOf, type Session } from '../model.js';
import type { StoredBooking } from '../store/bookings.js';
import { OutcomeFields } from './outcome-form.js';
import { CURRENT } from './staff-parts.js';

export function StaffBookingPage(props: {
  booking: StoredBooking;
  session: Session;
  actions: Action[];
  now: Date;
  values: FormValues;
  themes: readonly string[];
  errors?: Errors;
  banner?: string;
  problem?: string;
  /** Set when email to the booking's address has stopped (it bounced, or they reported it as spam). */
  stopped?: Suppression | undefined;
}) {
  const { booking, session, actions, now, values, themes, errors = {}, banner, problem, stopped } = props;
  const started = booking.slotStartsAt <= now.toISOString();
  const o = booking.outcome;
  return (
    <StaffPage title={`Booking: ${booking.councilName}`} current={CURRENT} back={`/staff/surgeries/sessions/${session.id}`} banner={banner} hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={problem ? { form: problem, ...errors } : errors} />
      {problem ? <p id="form" class="govuk-body">{problem}</p> : null}
      <span class="govuk-caption-l">{session.venueName}, {formatLondonDate(session.startsAt)}</span>
      <h1 class="govuk-heading-xl">{booking.councilName}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: booking.status === 'confirmed' ? 'Confirmed' : booking.status === 'cancelled' ? `Cancelled by ${booking.cancelledBy === 'staff' ? 'staff' : 'the council'}${booking.cancelReason ? `: ${booking.cancelReason}` : ''}` : 'Requested: waiting for the council’s clerk to confirm' },
          { key: 'When', value: `${formatLondon(booking.slotStartsAt)} to ${formatLondonTime(booking.slotEndsAt)}` },
          { key: 'Who is coming', value: `${booking.attendeeName} (${labelOf(attendeeRoles, booking.attendeeRole).toLowerCase()})` },
          { key: 'Email', value: stopped ? <>{booking.email} <EmailStopped suppression={stopped} /></> : booking.email },
          { key: 'Topics', value: topicsOf(booking).join('; ') || 'None given' },
          { key: 'Access needs', value: booking.accessNeeds ?? 'None given' },
          { key: 'Booked', value: `${formatLondon(booking.createdAt)}, ${booking.via === 'invitation' ? 'with an invitation link' : 'from the public page'}` },
          ...(booking.lastEmail ? [{ key: 'Latest email', value: `${booking.lastEmail.kind}, ${formatLondon(booking.lastEmail.at)}` }] : []),
        ]}
      />
      {booking.status === 'confirmed' && !started ? (
        <div class="govuk-button-group">
          <a class="govuk-button govuk-button--secondary" href={`/staff/surgeries/bookings/${booking.id}/reschedule`} draggable="false">Reschedule</a>
          <a class="govuk-button govuk-button--warning" href={`/staff/surgeries/bookings/${booking.id}/cancel`} draggable="false">Cancel booking</a>
        </div>
      ) : null}
      <h2 class="govuk-heading-l">Outcome</h2>
      {o ? (
        <SummaryList
          rows={[
            { key: 'Attendance', value: labelOf(attendanceKinds, o.attendance) },
            { key: 'Themes raised', value: o.themes.map(themeLabel).join('; ') || 'None' },
            { key: 'Notes', value: o.notes ?? 'None' },
            { key: 'Signposted to', value: o.signposted ?? 'Not signposted' },
            { key: 'Recorded', value: `${formatLondon(o.recordedAt)} by ${o.recordedBy}` },
          ]}
        />
      ) : null}
      {booking.status === 'confirmed' && started ? (
        <PostForm action={`/staff/surgeries/bookings/${booking.id}/outcome`} values={values}>
          <h3 class="govuk-heading-m">{o ? 'Change the outcome' : 'Record the outcome'}</h3>
          <OutcomeFields values={values} themesChosen={themes} errors={errors} />
          <Button>{o ? 'Save changes' : 'Save outcome'}</Button>
        </PostForm>
      ) : booking.status === 'confirmed' ? (
        <p class="govuk-body">Record the outcome once the surgery has taken place.</p>
      ) : null}
      <h2 class="govuk-heading-l">Actions arising</h2>
      {actions.length ? (
        <Table
          head={['What', 'Owner', 'Due', 'Status']}
          rows={actions.map((a) => [a.what, ownerLabel(a.owner), a.dueOn ? formatLondonDate(`${a.dueOn}T12:00:00Z`) : '', labelOf(actionStatuses, a.status)])}
        />
      ) : (
        <p class="govuk-body">No actions recorded.</p>
      )}
    </StaffPage>
  );
}
