/**
 * What a resident sees from the link in their email (/manage/{token}…, routes in manage.tsx): their
 * registration with a places form and a cancel button while it can change, "are you sure?" before
 * cancelling, the cancelled page, and one plain page for a link that is wrong or has expired.
 */
import { LinkNotValidPage } from '../../core/ui/error-pages.js';
import type { Child } from 'hono/jsx';
import { Button, ErrorSummary, ProblemBanner, SuccessBanner, SummaryList, TextInput, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { Meeting, Registration } from '../model.js';
import { meetingRows, plural, RegistrationStatusTag } from './meeting-details.js';
import { attendModeOf, modeOf } from '../modes.js';

export type Found = { meeting: Meeting; registration: Registration };

export function InvalidLinkPage() {
  return (
    <LinkNotValidPage>
      <p class="govuk-body">Check you copied the whole link from your email.</p>
      <p class="govuk-body">
        Links stop working after the meeting has taken place. To come to another meeting,{' '}
        <a class="govuk-link" href="/meetings">find a public meeting</a>.
      </p>
    </LinkNotValidPage>
  );
}

/** Whether the registration can still be changed: not cancelled, and the meeting has not started. */
export const changeable = ({ meeting, registration }: Found, now: Date) =>
  (registration.status === 'confirmed' || registration.status === 'waitlisted') && meeting.status !== 'cancelled' && new Date(meeting.startsAt) > now;

export function YourRegistrationPage(props: Found & { now: Date; token: string; banner?: string; errors?: Errors; values?: FormValues; problem?: Child }) {
  const { meeting, registration, now, token, banner, errors = {}, values = {}, problem } = props;
  const canChange = changeable(props, now);
  const canChangePlaces = canChange && registration.status === 'confirmed' && meeting.maxPlacesPerRegistration > 1;
  return (
    <Layout title="Your registration" hasErrors={hasErrors(errors)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <SuccessBanner message={banner} />
          <ProblemBanner title="Your registration was not changed" problem={problem} />
          <span class="govuk-caption-l">{meeting.title}</span>
          <h1 class="govuk-heading-xl">Your registration</h1>
          <SummaryList
            rows={[
              { key: 'Reference', value: registration.reference },
              { key: 'Name', value: registration.name },
              { key: 'Status', value: <RegistrationStatusTag status={registration.status} /> },
              { key: 'Places', value: plural(registration.places, 'place') },
              ...(modeOf(meeting) === 'in-person' ? [] : [{ key: 'How you attend', value: attendModeOf(registration) === 'online' ? 'Online' : 'In person' }]),
              { key: 'Meeting', value: meeting.status === 'cancelled' ? `${meeting.title} (cancelled)` : meeting.title },
              ...meetingRows(meeting),
            ]}
          />
          {canChangePlaces ? (
            <PostForm action={`/manage/${token}/places`} values={values}>
              <h2 class="govuk-heading-m">Change the number of places</h2>
              <TextInput
                name="places"
                label="How many places do you need?"
                hint={`Include yourself. You can book up to ${meeting.maxPlacesPerRegistration} places.`}
                inputmode="numeric"
                width={2}
                value={values['places'] ?? String(registration.places)}
                error={errors['places']}
              />
              <Button secondary>Change places</Button>
            </PostForm>
          ) : null}
          {canChange ? (
            <>
              <h2 class="govuk-heading-m">{registration.status === 'waitlisted' ? 'Leave the waiting list' : 'If you can no longer come'}</h2>
              <p class="govuk-body">
                {registration.status === 'waitlisted'
                  ? "We'll take you off the waiting list and stop emailing you about this meeting."
                  : 'Cancel your place so someone on the waiting list can have it.'}
              </p>
              <p class="govuk-body">
                <a class="govuk-button govuk-button--warning" href={`/manage/${token}/cancel`} draggable="false">
                  {registration.status === 'waitlisted' ? 'Leave the waiting list' : 'Cancel my place'}
                </a>
              </p>
            </>
          ) : null}
          <p class="govuk-body">
            <a class="govuk-link" href={`/meetings/${meeting.id}`}>
              See the meeting page
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function ConfirmCancelPage({ meeting, registration, token }: Found & { token: string }) {
  const leaving = registration.status === 'waitlisted';
  return (
    <ConfirmPage
      title={leaving ? 'Are you sure you want to leave the waiting list?' : 'Are you sure you want to cancel your place?'}
      caption={meeting.title}
      action={`/manage/${token}/cancel`}
      confirm={leaving ? 'Yes, leave the waiting list' : 'Yes, cancel my place'}
      back={`/manage/${token}`}
      backText="No, keep it"
    >
      <p class="govuk-body">
        {leaving
          ? `You'll no longer be offered a place at ${meeting.title}.`
          : `Your ${plural(registration.places, 'place')} at ${meeting.title} will be given to someone else. You can register again later if places are still free.`}
      </p>
    </ConfirmPage>
  );
}

export function CancelledPage({ meeting, registration }: Found) {
  return (
    <Layout title="Your place has been cancelled">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title">Your place has been cancelled</h1>
            <div class="govuk-panel__body">
              Reference
              <br />
              <strong>{registration.reference}</strong>
            </div>
          </div>
          <p class="govuk-body">
            Thank you for letting us know. {plural(registration.places, 'place')} at {meeting.title} can now go to someone else.
          </p>
          <p class="govuk-body">We've sent you an email to confirm.</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/meetings">Find another public meeting</a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

