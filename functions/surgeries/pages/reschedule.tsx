/** Staff moving a booking to another free slot of its district's programme. */
import { formatLondon } from '../../core/time.js';
import { Button, ErrorSummary, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { StoredBooking } from '../store/bookings.js';
import { MoveChoice } from './manage-booking.js';
import { CURRENT } from './staff-parts.js';

export function RescheduleBookingPage({ booking, places, values, errors = {}, problem }: { booking: StoredBooking; places: Parameters<typeof MoveChoice>[0]['places']; values?: FormValues; errors?: Errors; problem?: string }) {
  return (
    <StaffPage title={`Reschedule ${booking.councilName}`} current={CURRENT} back={`/staff/surgeries/bookings/${booking.id}`} hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={problem ? { place: problem, ...errors } : errors} />
      <span class="govuk-caption-l">{booking.councilName}</span>
      <h1 class="govuk-heading-l">Reschedule the booking</h1>
      <p class="govuk-body">Now: {formatLondon(booking.slotStartsAt)}. The council is emailed the new time with an updated calendar invite.</p>
      {places.length ? (
        <PostForm action={`/staff/surgeries/bookings/${booking.id}/reschedule`} values={values}>
          <input type="hidden" name="fromSlotId" value={booking.slotId} />
          <MoveChoice places={places} error={errors['place']} legend="Move to" />
          <Button>Reschedule</Button>
        </PostForm>
      ) : (
        <p class="govuk-body">There are no free slots in this district’s upcoming surgeries.</p>
      )}
    </StaffPage>
  );
}
