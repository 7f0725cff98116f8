/**
 * GET /staff/meetings/{id}/check-in?search=…: checking people in at the door on a phone. Search by name
 * or reference, then one tap per person on a full-width button. Results are cards, not a table, so
 * nothing scrolls sideways on a small screen. After each tap the page comes back with the same search,
 * a banner naming who was marked, and an Undo button. Below, someone who came without registering is
 * added as a walk-in (POST /staff/meetings/{id}/walk-ins), so the count of people who came is true.
 */
import { councilAreas } from '../../core/council-areas.js';
import { BackLink, Button, EmailInput, ErrorSummary, NotificationBanner, ProblemBanner, Select, TextInput, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import type { Meeting, Registration, WalkIn } from '../model.js';
import { Lines } from '../../core/ui/choices.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { Child } from 'hono/jsx';
import { plural, RegistrationStatusTag } from './meeting-details.js';
import { attendModeOf, confirmedPlaces, modeOf } from '../modes.js';

export interface CheckInResult {
  /** Whom the last tap marked (or unmarked), for the banner. */
  registration: Registration;
  attended: boolean;
}

function MarkForm({ meeting, registration, search, attended, children, secondary }: {
  meeting: Meeting;
  registration: Registration;
  search: string;
  attended: boolean;
  children: string;
  secondary?: boolean;
}) {
  return (
    <PostForm action={`/staff/meetings/${meeting.id}/check-in/${registration.id}`}>
      <input type="hidden" name="search" value={search} />
      <input type="hidden" name="attended" value={attended ? 'yes' : 'no'} />
      <Button secondary={secondary}>
        {children}
        <span class="govuk-visually-hidden">{` ${registration.name}, ${registration.reference}`}</span>
      </Button>
    </PostForm>
  );
}

/** One person as a card: name, reference, places and status at a glance, then the one button. */
function PersonCard({ meeting, registration, search }: { meeting: Meeting; registration: Registration; search: string }) {
  const attended = Boolean(registration.attendedAt);
  return (
    <div class="govuk-summary-card">
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">{registration.name}</h3>
      </div>
      <div class="govuk-summary-card__content">
        <p class="govuk-body govuk-!-margin-bottom-2">
          Reference <strong>{registration.reference}</strong>, {plural(registration.places, 'place')}
          {modeOf(meeting) === 'in-person' ? null : <>, {attendModeOf(registration) === 'online' ? 'online' : 'in person'}</>}
        </p>
        <p class="govuk-body govuk-!-margin-bottom-2">
          {attended ? <strong class="govuk-tag govuk-tag--blue">Attended</strong> : <RegistrationStatusTag status={registration.status} />}
        </p>
        {registration.accessNeeds ? (
          <p class="govuk-body govuk-!-margin-bottom-2">
            <strong>Access needs:</strong> <Lines text={registration.accessNeeds} />
          </p>
        ) : null}
        {registration.status !== 'confirmed' ? (
          <p class="govuk-body govuk-!-margin-bottom-0">
            {registration.status === 'waitlisted'
              ? 'On the waiting list: they do not have a confirmed place.'
              : registration.status === 'requested'
                ? 'Being processed: they do not have a confirmed place yet.'
                : registration.status === 'refused'
                  ? 'No place: the meeting was full or closed when this was decided.'
                  : 'This registration was cancelled.'}
          </p>
        ) : attended ? (
          <MarkForm meeting={meeting} registration={registration} search={search} attended={false} secondary>
            Mark as not attended
          </MarkForm>
        ) : (
          <MarkForm meeting={meeting} registration={registration} search={search} attended>
            Mark as attended
          </MarkForm>
        )}
      </div>
    </div>
  );
}

export function CheckInPage(props: {
  meeting: Meeting;
  search: string;
  results?: Registration[];
  last?: CheckInResult;
  problem?: Child;
  /** The walk-in just added, for the banner. */
  walkedIn?: WalkIn;
  /** The walk-in form shown again with what was wrong. */
  walkIn?: { values: FormValues; errors: Errors };
}) {
  const { meeting, search, results, last, problem, walkedIn, walkIn } = props;
  const walkInErrors = walkIn?.errors ?? {};
  return (
    <Layout
      title={`Check in: ${meeting.title}`}
      hasErrors={hasErrors(walkInErrors)}
      staff
      current="/staff/meetings"
      beforeContent={
        <BackLink href={`/staff/meetings/${meeting.id}`}>Back to the meeting</BackLink>
      }
    >
      {last ? (
        <NotificationBanner success>
          <p class="govuk-notification-banner__heading">
            {last.attended ? `${last.registration.name} marked as attended` : `${last.registration.name} no longer marked as attended`}
          </p>
          {last.attended ? (
            <MarkForm meeting={meeting} registration={last.registration} search={search} attended={false} secondary>
              Undo
            </MarkForm>
          ) : null}
        </NotificationBanner>
      ) : null}
      {walkedIn ? (
        <NotificationBanner success>
          <p class="govuk-notification-banner__heading">{`${walkedIn.name} added as a walk-in and counted as attending`}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={walkInErrors} />
      <ProblemBanner title="Not checked in" problem={problem} />
      <span class="govuk-caption-l">{meeting.title}</span>
      <h1 class="govuk-heading-l">Check in</h1>
      <p class="govuk-body">
        {`${meeting.attendedCount} of ${plural(confirmedPlaces(meeting), 'confirmed place')} checked in so far`}
        {meeting.walkInCount ? `, and ${plural(meeting.walkInCount, 'walk-in')}.` : '.'}
      </p>
      <form method="get" action={`/staff/meetings/${meeting.id}/check-in`} novalidate>
        <TextInput name="search" label="Name or reference" autocomplete="off" spellcheck={false} value={search} />
        <Button>Search</Button>
      </form>
      {results === undefined ? null : results.length === 0 ? (
        <>
          <h2 class="govuk-heading-m">No one found</h2>
          <p class="govuk-body">Check the spelling, or try part of their name or their reference.</p>
        </>
      ) : (
        <>
          <h2 class="govuk-heading-m">{`${plural(results.length, 'person', 'people')} found`}</h2>
          {results.map((r) => (
            <PersonCard meeting={meeting} registration={r} search={search} />
          ))}
        </>
      )}
      <h2 class="govuk-heading-m" id="walk-in">Someone who did not register</h2>
      <p class="govuk-body">Add them so the number of people who came is right. Only their name is needed.</p>
      <PostForm action={`/staff/meetings/${meeting.id}/walk-ins`} values={walkIn?.values}>
        <TextInput name="name" label="Their name" autocomplete="off" spellcheck={false} value={walkIn?.values['name']} error={walkInErrors['name']} />
        <EmailInput
          label="Their email address (optional)"
          hint="Only if they want to hear from the office about this meeting. They will be sent one short feedback survey after it."
          values={walkIn?.values ?? {}}
          errors={walkInErrors}
          someoneElses
        />
        <Select
          name="areaCode"
          label="Where they live (optional)"
          value={walkIn?.values['areaCode'] ?? ''}
          error={walkInErrors['areaCode']}
          options={[{ value: '', text: 'Not given' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]}
        />
        <Button secondary>Add walk-in</Button>
      </PostForm>
    </Layout>
  );
}
