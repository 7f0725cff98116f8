/**
 * GET /meetings/{id}: everything a resident needs to decide to come, and the registration form, or a
 * plain reason why they can't register (not open yet, closed, started, cancelled).
 * POST /meetings/{id}/register shows this page again when something needs fixing.
 */
import type { Child } from 'hono/jsx';
import { BackLink, ErrorSummary, ProblemBanner, type Errors } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import { formatLondon } from '../../core/time.js';
import type { Meeting } from '../model.js';
import { Paragraphs } from '../../core/ui/choices.js';
import { allFull, closedReason, Facts, meetingRows, placesText } from './meeting-details.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { RegistrationForm } from './registration-form.js';
import { YouSaidWeDidSection } from './you-said-we-did.js';
import type { PublicOutcome } from '../../core/actions/public-outcomes.js';
import { WhatHappenedNext } from '../../core/actions/what-happened-next.js';

export interface MeetingPageProps {
  meeting: Meeting;
  now: Date;
  values?: FormValues;
  errors?: Errors;
  /** Why the registration just sent could not be made, e.g. the last places went while they typed. */
  problem?: Child;
  /** Its actions' outcomes staff made public (core's "what happened next"). */
  outcomes?: readonly PublicOutcome[];
}

export function MeetingPage({ meeting, now, values, errors = {}, problem, outcomes = [] }: MeetingPageProps) {
  const full = allFull(meeting);
  const closed = closedReason(meeting, now);
  const reason = closed ? `${closed}.` : full && !meeting.waitingList ? 'All places have been taken.' : undefined;
  return (
    <Layout
      title={meeting.title}
      description={`${meeting.status === 'cancelled' ? 'Cancelled: a public meeting' : 'A public meeting'}, ${formatLondon(meeting.startsAt)}, ${meeting.mode === 'online' ? 'online' : `at ${meeting.venue}`}. ${meeting.description}`}
      hasErrors={hasErrors(errors)}
      current="/meetings"
      beforeContent={
        <BackLink href="/meetings">All public meetings</BackLink>
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="Your registration was not made" problem={problem} />
          <span class="govuk-caption-l">Public meeting</span>
          <h1 class="govuk-heading-xl">{meeting.title}</h1>
          {meeting.status === 'cancelled' ? (
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">Warning</span>
                This meeting has been cancelled.
              </strong>
            </div>
          ) : null}
          {meeting.status === 'cancelled' && meeting.cancelReason ? (
            <>
              <h2 class="govuk-heading-m">Why it was cancelled</h2>
              <Paragraphs text={meeting.cancelReason} />
            </>
          ) : null}
          <Paragraphs text={meeting.description} />
          <Facts rows={[...meetingRows(meeting), { key: 'Places', value: placesText(meeting, now) }]} />
          <YouSaidWeDidSection meeting={meeting} />
          <WhatHappenedNext outcomes={outcomes} />

          {/* A cancelled meeting says so above; there is nothing to register for. */}
          {meeting.status === 'cancelled' ? null : (
            <h2 class="govuk-heading-l">{!reason && full ? 'Join the waiting list' : 'Register for this meeting'}</h2>
          )}
          {meeting.status === 'cancelled' ? null : reason === undefined ? (
            <>
              {full ? (
                <p class="govuk-body">
                  All places have been taken. If you register now you'll join the waiting list, and we'll email you if a
                  place becomes free.
                </p>
              ) : (
                <p class="govuk-body">Registering is free. It helps us plan the room and lets us tell you about any changes.</p>
              )}
              <RegistrationForm meeting={meeting} values={values} errors={errors} />
            </>
          ) : (
            <p class="govuk-body">{reason}</p>
          )}
        </div>
      </div>
    </Layout>
  );
}
