/** "Are you sure?" before staff cancel a session or a booking, with the reason the councils are told. */
import { formatLondon } from '../../core/time.js';
import { Button, ErrorSummary, Textarea, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { LIMITS, type Session } from '../model.js';
import type { StoredBooking } from '../store/bookings.js';
import { sessionWhen } from './parts.js';
import { CURRENT, link } from './staff-parts.js';

export function CancelSessionPage({ session, values = {}, errors = {} }: { session: Session; values?: FormValues; errors?: Errors }) {
  return (
    <StaffPage title="Are you sure you want to cancel this surgery?" current={CURRENT} back={`/staff/surgeries/sessions/${session.id}`} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{session.venueName}, {sessionWhen(session)}</span>
      <h1 class="govuk-heading-l">Are you sure you want to cancel this surgery?</h1>
      <p class="govuk-body">Every council booked is emailed that its booking is cancelled, with the reason you give, and a calendar cancellation.</p>
      <PostForm action={`/staff/surgeries/sessions/${session.id}/cancel`} values={values}>
        <Textarea name="reason" label="Reason" hint={`Councils see this. You can enter up to ${LIMITS.reason} characters.`} rows={3} value={values['reason']} error={errors['reason']} />
        <div class="govuk-button-group">
          <Button warning>Yes, cancel the surgery</Button>
          {link(`/staff/surgeries/sessions/${session.id}`, 'No, go back')}
        </div>
      </PostForm>
    </StaffPage>
  );
}

export function CancelBookingPage({ booking, values = {}, errors = {} }: { booking: StoredBooking; values?: FormValues; errors?: Errors }) {
  return (
    <StaffPage title="Are you sure you want to cancel this booking?" current={CURRENT} back={`/staff/surgeries/bookings/${booking.id}`} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{booking.councilName}, {formatLondon(booking.slotStartsAt)}</span>
      <h1 class="govuk-heading-l">Are you sure you want to cancel this booking?</h1>
      <PostForm action={`/staff/surgeries/bookings/${booking.id}/cancel`} values={values}>
        <Textarea name="reason" label="Reason" hint="The council is emailed this with the cancellation." rows={3} value={values['reason']} error={errors['reason']} />
        <div class="govuk-button-group">
          <Button warning>Yes, cancel the booking</Button>
          {link(`/staff/surgeries/bookings/${booking.id}`, 'No, go back')}
        </div>
      </PostForm>
    </StaffPage>
  );
}
