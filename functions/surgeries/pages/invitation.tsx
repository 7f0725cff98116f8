/**
 * /surgeries/invitation/{token}: the personal booking link in a council's invitation. The council is
 * known from the link: choose a time and say who is coming, and the booking is made at once; once it
 * is, the page shows the booking instead of the form. (Routes: manage.tsx.)
 */
import { councilAreaName } from '../../core/council-areas.js';
import { Button, ErrorSummary, Panel, ProblemBanner, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';
import { formatLondon } from '../../core/time.js';
import type { Invitation } from '../invitations.js';
import type { Booking, Slot } from '../model.js';
import { BookingDetailsFields, BookingSummary, SessionFacts, SlotChoice } from './parts.js';

interface PageProps {
  invitation: Invitation;
  free: Slot[];
  booking?: Booking;
  booked?: boolean;
  values?: FormValues;
  themes?: readonly string[];
  errors?: Errors;
  problem?: string;
}

export function InvitationPage({ invitation, free, booking, booked, values = {}, themes = [], errors = {}, problem }: PageProps) {
  const { session, council, token } = invitation;
  const title = booked ? 'Your surgery is booked' : `Book a surgery for ${council.name}`;
  return (
    <Layout title={title} current="/surgeries" hasErrors={hasErrors(errors)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="Not booked" problem={problem} />
          {booked && booking ? (
            <Panel title="Your surgery is booked">
              {booking.councilName}
              <br />
              <strong>{formatLondon(booking.slotStartsAt)}</strong>
            </Panel>
          ) : (
            <>
              <span class="govuk-caption-l">Surgery for councils in {councilAreaName(session.districtCode)}</span>
              <h1 class="govuk-heading-xl">{title}</h1>
            </>
          )}
          {booking ? (
            <>
              {booked ? null : <p class="govuk-body">{council.name} already has a slot at this surgery.</p>}
              <BookingSummary booking={booking} />
              <p class="govuk-body">We have emailed the confirmation to {booking.email}, with a calendar invite and a link to change or cancel the booking.</p>
            </>
          ) : null}
          <h2 class="govuk-heading-m">The surgery</h2>
          <SessionFacts session={session} />
          {booking ? null : session.status === 'cancelled' ? (
            <p class="govuk-body">This surgery has been cancelled.</p>
          ) : free.length === 0 ? (
            <p class="govuk-body">
              All slots at this surgery are booked. <a class="govuk-link" href={`/surgeries?district=${session.districtCode}`}>See other surgeries in {councilAreaName(session.districtCode)}</a>.
            </p>
          ) : (
            <PostForm action={`/surgeries/invitation/${token}`} values={values}>
              <SlotChoice slots={free} value={values['slotId']} error={errors['slotId']} legend="Choose a time" />
              <BookingDetailsFields values={values} themesChosen={themes} errors={errors} />
              <Button>Book this slot</Button>
            </PostForm>
          )}
        </div>
      </div>
    </Layout>
  );
}
