/**
 * GET /meetings/{id}/registered?reference=…: where a registration lands (Post/Redirect/Get), so a
 * refresh never registers twice. The URL carries only the reference; the name and email address are
 * shown only to the browser that just registered (a short-lived cookie), so a shared or guessed link
 * reveals nothing personal.
 */
import { Panel, SummaryList } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import type { Meeting, Registration } from '../model.js';
import { meetingRows, plural } from './meeting-details.js';

export interface RegisteredPageProps {
  meeting: Meeting;
  registration: Registration;
  /** True only in the browser that made the registration. */
  showPersonal: boolean;
  /** True when the email address was already registered for this meeting. */
  existing: boolean;
}

function Heading({ registration, existing }: Pick<RegisteredPageProps, 'registration' | 'existing'>) {
  const reference = (
    <>
      Your reference
      <br />
      <strong>{registration.reference}</strong>
    </>
  );
  if (existing) {
    return (
      <>
        <h1 class="govuk-heading-xl">
          {registration.status === 'waitlisted' ? "You're already on the waiting list" : "You're already registered"}
        </h1>
        <p class="govuk-body-l">
          This email address is already registered for this meeting. Your reference is <strong>{registration.reference}</strong>.
        </p>
      </>
    );
  }
  return <Panel title={registration.status === 'waitlisted' ? "You're on the waiting list" : 'Registration complete'}>{reference}</Panel>;
}

function WhatHappensNext({ registration, existing }: Pick<RegisteredPageProps, 'registration' | 'existing'>) {
  if (registration.status === 'cancelled') {
    return <p class="govuk-body">This registration was cancelled. You can register again from the meeting page.</p>;
  }
  if (existing) {
    return (
      <p class="govuk-body">
        Use the link in the email we sent when you registered to change or cancel your place. If you can't find it, check
        your spam or junk folder.
      </p>
    );
  }
  if (registration.status === 'waitlisted') {
    return (
      <>
        <p class="govuk-body">All places have been taken, so we've added you to the waiting list.</p>
        <p class="govuk-body">
          If someone cancels, we give their place to the next person on the list and email you straight away with a
          calendar invite. You don't need to do anything until then.
        </p>
        <p class="govuk-body">
          We've sent an email confirming you're on the waiting list, with a link to leave it if you change your mind.
        </p>
      </>
    );
  }
  return (
    <>
      <p class="govuk-body">
        We've sent a confirmation email with a calendar invite and a link to cancel or change your registration.
      </p>
      <p class="govuk-body">We'll remind you 2 days before the meeting and again 2 hours before it starts.</p>
      <p class="govuk-body">If you can no longer come, please cancel so someone else can have your place.</p>
    </>
  );
}

export function RegisteredPage({ meeting, registration, showPersonal, existing }: RegisteredPageProps) {
  const title = existing ? "You're already registered" : registration.status === 'waitlisted' ? "You're on the waiting list" : 'Registration complete';
  return (
    <Layout title={title} current="/meetings">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Heading registration={registration} existing={existing} />
          <h2 class="govuk-heading-m">What happens next</h2>
          <WhatHappensNext registration={registration} existing={existing} />
          <h2 class="govuk-heading-m">Your registration</h2>
          <SummaryList
            rows={[
              { key: 'Meeting', value: <a class="govuk-link" href={`/meetings/${meeting.id}`}>{meeting.title}</a> },
              ...meetingRows(meeting).filter((r) => r.key === 'When' || r.key === 'Where'),
              ...(showPersonal
                ? [
                    { key: 'Name', value: registration.name },
                    { key: 'Email address', value: registration.email },
                    { key: 'Places', value: plural(registration.places, 'place') },
                  ]
                : []),
            ]}
          />
          <p class="govuk-body">
            <a class="govuk-link" href="/meetings">Find other public meetings</a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
