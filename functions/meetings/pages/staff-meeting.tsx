/**
 * GET /staff/meetings/{id}: one meeting for staff: its details, attendance figures, links to check-in,
 * questions and the CSV export, every registration, and the actions it raised (from questions and on
 * the night). Cancelling (the meeting or one registration) always goes through a confirmation page
 * with a warning button.
 */
import { councilAreaName } from '../../core/council-areas.js';
import type { Action } from '../../core/actions/model.js';
import { BackLink, Button, ErrorSummary, ProblemBanner, SuccessBanner, SummaryList, Table, Tag, Textarea, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { ConfirmPage, StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { formatLondon, londonDay } from '../../core/time.js';
import type { Suppression } from '../../core/outbox/suppression.js';
import { EmailStopped } from '../../core/ui/email-stopped.js';
import { lastEmailWords } from '../words.js';
import { LIMITS, type Meeting, type Registration, type WalkIn } from '../model.js';
import { Lines, Paragraphs } from '../../core/ui/choices.js';
import { meetingRows, plural, RegistrationStatusTag } from './meeting-details.js';
import { MeetingActions } from './meeting-actions.js';
import { MeetingFeedback } from './meeting-feedback.js';
import type { FeedbackSummary } from '../../core/feedback.js';
import { MeetingStatusTag, placesTaken } from './staff-list.js';
import type { Child } from 'hono/jsx';
import type { MeetingAttendance } from '../rules.js';
import { JoinLinkSummary } from './join-link.js';
import type { JoinLink } from '../join-links.js';
import { attendModeOf, attendModesOf, attendWords, modeOf, modeWords, placesIn, waitlistedPlaces } from '../modes.js';

/** What attendanceSummary() in the service reports for one meeting. */
export type AttendanceSummary = MeetingAttendance;

export const percent = (rate: number | null) => (rate === null ? 'Not known yet' : `${Math.round(rate * 100)}%`);

function EmailStatus({ registration, stopped }: { registration: Registration; stopped: Suppression | undefined }) {
  const last = registration.lastEmail;
  const words = last ? lastEmailWords(last) : 'None';
  const status = !last ? <>{words}</> : last.status === 'failed' ? <Tag colour="red">{words}</Tag> : last.status === 'pending' ? <Tag colour="grey">{words}</Tag> : <>{words}</>;
  if (!stopped) return status;
  return (
    <>
      <EmailStopped suppression={stopped} />
      <br />
      {status}
    </>
  );
}

/** Long questions are cut short in the table; the questions page shows them in full. */
const shorten = (text: string | undefined, max = 60) => (!text ? '' : text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

function AttendanceFigures({ summary }: { summary: AttendanceSummary }) {
  return (
    <>
      <h2 class="govuk-heading-m">Attendance</h2>
      {summary.ended ? null : <p class="govuk-body">The meeting has not ended yet, so these figures may change.</p>}
      <SummaryList
        rows={[
          { key: 'Places registered', value: String(summary.registered) },
          { key: 'Attended', value: summary.walkIns ? `${summary.attended} (${plural(summary.walkIns, 'walk-in')})` : String(summary.attended) },
          { key: 'Cancelled', value: String(summary.cancelled) },
          { key: 'No-shows', value: summary.ended ? String(summary.noShows) : 'Counted when the meeting ends' },
          { key: 'No-show rate', value: summary.ended ? percent(summary.noShowRate) : 'Counted when the meeting ends' },
        ]}
      />
    </>
  );
}

/** People added at the door without registering: each counts once in the attendance. */
function WalkInsSection({ walkIns }: { walkIns: WalkIn[] }) {
  return (
    <>
      <h2 class="govuk-heading-l">Walk-ins</h2>
      {walkIns.length === 0 ? (
        <p class="govuk-body">No one has been added at the door.</p>
      ) : (
        <Table
          head={['Name', 'Email address', 'Council area', 'Added']}
          rows={walkIns.map((w) => [w.name, w.email ?? '', w.areaCode ? councilAreaName(w.areaCode) : '', `${formatLondon(w.attendedAt)} by ${w.addedBy}`])}
        />
      )}
    </>
  );
}

/** How it is held and, at a hybrid meeting, each mode's places: taken, of how many, and waiting. */
function modeRows(meeting: Meeting): { key: string; value: string }[] {
  const mode = modeOf(meeting);
  if (mode === 'in-person') return [];
  const rows = [{ key: 'Held', value: modeWords[mode] }];
  if (mode !== 'hybrid') return rows;
  return [
    ...rows,
    ...attendModesOf(meeting).map((m) => {
      const p = placesIn(meeting, m);
      return { key: `Places ${m === 'online' ? 'online' : 'in person'}`, value: `${p.confirmed} of ${p.capacity} taken, ${plural(p.waitlisted, 'place')} waiting` };
    }),
  ];
}

export function StaffMeetingPage(props: {
  meeting: Meeting;
  registrations: Registration[];
  actions: Action[];
  summary: AttendanceSummary;
  /** Its feedback survey's counts (core/feedback.ts), once one has been sent. */
  feedback?: FeedbackSummary | undefined;
  /** Registrants whose email has stopped (bounced or complained), by address. */
  stopped?: ReadonlyMap<string, Suppression>;
  now: Date;
  banner?: string;
  walkIns?: WalkIn[];
  /** An online or hybrid meeting's link to join, staff's to see and change. */
  joinLink?: JoinLink | undefined;
}) {
  const { meeting, registrations, actions, summary, now, banner, walkIns = [] } = props;
  const stopped = props.stopped ?? new Map<string, Suppression>();
  const base = `/staff/meetings/${meeting.id}`;
  const started = new Date(meeting.startsAt) <= now;
  return (
    <Layout
      title={meeting.title}
      staff
      current="/staff/meetings"
      beforeContent={
        <BackLink href="/staff/meetings">All meetings</BackLink>
      }
    >
      <SuccessBanner message={banner} />
      <span class="govuk-caption-l">Meeting</span>
      <h1 class="govuk-heading-xl">{meeting.title}</h1>
      <p class="govuk-body">
        <MeetingStatusTag meeting={meeting} now={now} />
      </p>
      {meeting.status === 'cancelled' && meeting.cancelReason ? (
        <>
          <h2 class="govuk-heading-m">Why it was cancelled</h2>
          <Paragraphs text={meeting.cancelReason} />
        </>
      ) : null}
      <div class="govuk-button-group">
        <a class="govuk-button" href={`${base}/check-in`} draggable="false">
          Check in
        </a>
        <a class="govuk-link" href={`${base}/questions`}>
          Questions
        </a>
        <a class="govuk-link" href={`${base}/registrations.csv`} download>
          Export registrations (CSV)
        </a>
        {meeting.status !== 'cancelled' && !started ? (
          <>
            <a class="govuk-link" href={`${base}/edit`}>
              Edit meeting
            </a>
            <a class="govuk-link" href={`${base}/cancel`}>
              Cancel meeting
            </a>
          </>
        ) : null}
      </div>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              ...meetingRows(meeting),
              { key: 'Registration', value: `Opens ${formatLondon(meeting.registrationOpensAt)}, closes ${formatLondon(meeting.registrationClosesAt)}` },
              ...modeRows(meeting),
              { key: 'Places taken', value: placesTaken(meeting) },
              { key: 'Waiting list', value: meeting.waitingList ? `${plural(waitlistedPlaces(meeting), 'place')} waiting` : 'No waiting list' },
              { key: 'Most places per person', value: String(meeting.maxPlacesPerRegistration) },
            ]}
          />
          {modeOf(meeting) === 'in-person' ? null : <JoinLinkSummary meeting={meeting} link={props.joinLink} />}
          <AttendanceFigures summary={summary} />
          <MeetingFeedback meeting={meeting} summary={props.feedback} now={now} />
        </div>
      </div>
      <h2 class="govuk-heading-l">Registrations</h2>
      {registrations.length === 0 ? (
        <p class="govuk-body">No one has registered yet.</p>
      ) : (
        <Table
          head={['Reference', 'Name', 'Places', ...(modeOf(meeting) === 'in-person' ? [] : ['Attending']), 'Status', 'Access needs', 'Question', 'Last email', 'Attended', 'Action']}
          rows={registrations.map((r) => [
            r.reference,
            r.name,
            String(r.places),
            ...(modeOf(meeting) === 'in-person' ? [] : [attendWords[attendModeOf(r)]]),
            <RegistrationStatusTag status={r.status} />,
            r.accessNeeds ? <Lines text={r.accessNeeds} /> : '',
            shorten(r.question),
            <EmailStatus registration={r} stopped={stopped.get(r.email)} />,
            r.attendedAt ? 'Yes' : 'No',
            r.status !== 'cancelled' && !started ? (
              <a class="govuk-link" href={`${base}/registrations/${r.id}/cancel`}>
                Cancel<span class="govuk-visually-hidden"> registration {r.reference}</span>
              </a>
            ) : (
              ''
            ),
          ])}
        />
      )}
      <h2 class="govuk-heading-l">Actions</h2>
      <p class="govuk-body">
        Actions from questions sent in advance are raised on the <a class="govuk-link" href={`${base}/questions`}>questions page</a>.
      </p>
      <MeetingActions actions={actions} today={londonDay(now)} />
      <p class="govuk-body">
        <a class="govuk-button govuk-button--secondary" href={`${base}/actions/new`} draggable="false">
          Raise an action from the meeting
        </a>
      </p>
      <WalkInsSection walkIns={walkIns} />
      <h2 class="govuk-heading-l">You said, we did</h2>
      {meeting.youSaidWeDid ? (
        <>
          <Paragraphs text={meeting.youSaidWeDid.text} />
          <p class="govuk-body-s">{`Version ${meeting.youSaidWeDid.version}, saved by ${meeting.youSaidWeDid.by} on ${formatLondon(meeting.youSaidWeDid.at)}. It is on the public page.`}</p>
        </>
      ) : (
        <p class="govuk-body">Not written yet. Once saved, it is shown on the meeting’s public page.</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/you-said-we-did`}>
          {meeting.youSaidWeDid ? 'Change “you said, we did”' : 'Write “you said, we did”'}
        </a>
      </p>
    </Layout>
  );
}

/**
 * "Are you sure?" before staff cancel a whole meeting: everyone registered is emailed, with the reason
 * given here (required), which the meeting's page also shows.
 */
export function ConfirmCancelMeetingPage({ meeting, values = {}, errors = {} }: { meeting: Meeting; values?: FormValues; errors?: Errors }) {
  const people = meeting.confirmedCount + meeting.waitlistedCount;
  const back = `/staff/meetings/${meeting.id}`;
  return (
    <StaffPage title="Are you sure you want to cancel this meeting?" current="/staff/meetings" back={back} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{meeting.title}</span>
      <h1 class="govuk-heading-l">Are you sure you want to cancel this meeting?</h1>
      <SummaryList rows={meetingRows(meeting).filter((r) => r.key === 'When' || r.key === 'Council area')} />
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Warning</span>
          {`We'll email ${plural(people, 'registered person', 'registered people')} to tell them, with your reason. You cannot undo this.`}
        </strong>
      </div>
      <PostForm action={`${back}/cancel`} values={values}>
        <Textarea
          name="reason"
          label="Why is it cancelled?"
          hint={`Everyone registered is emailed this, and it is shown on the meeting's page. You can enter up to ${LIMITS.cancelReason} characters.`}
          rows={3}
          value={values['reason']}
          error={errors['reason']}
        />
        <div class="govuk-button-group">
          <Button warning>Yes, cancel this meeting</Button>
          <a class="govuk-link" href={back}>
            No, go back
          </a>
        </div>
      </PostForm>
    </StaffPage>
  );
}

/** "Are you sure?" before staff cancel one person's registration (again, with why, when it could not be). */
export function ConfirmCancelRegistrationPage({ meeting, registration, problem }: { meeting: Meeting; registration: Registration; problem?: Child }) {
  return (
    <ConfirmPage
      staff={{ current: '/staff/meetings' }}
      caption={meeting.title}
      title="Are you sure you want to cancel this registration?"
      action={`/staff/meetings/${meeting.id}/registrations/${registration.id}/cancel`}
      confirm="Yes, cancel this registration"
      back={`/staff/meetings/${meeting.id}`}
    >
      <ProblemBanner title="The registration was not cancelled" problem={problem} />
      <SummaryList
        rows={[
          { key: 'Reference', value: registration.reference },
          { key: 'Name', value: registration.name },
          { key: 'Places', value: String(registration.places) },
          { key: 'Status', value: <RegistrationStatusTag status={registration.status} /> },
        ]}
      />
      <p class="govuk-body">We'll email them to say their registration has been cancelled.</p>
    </ConfirmPage>
  );
}
