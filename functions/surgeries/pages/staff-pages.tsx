/**
 * The staff console's surgeries pages: the programme, a session (its slots, who was invited and who
 * booked), inviting, cancelling, the day sheet, a booking with its outcome, the council list and its
 * CSV import, and coverage and themes. Every value is escaped by Hono's JSX, `<script>` included.
 */
import type { Action } from '../../core/actions/model.js';
import { actionStatuses, ownerLabel } from '../../core/actions/model.js';
import { councilAreaName, councilAreas } from '../../core/council-areas.js';
import type { OutboxEmail } from '../../core/outbox/outbox.js';
import { themeLabel } from '../../core/themes.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { Button, ErrorSummary, ProblemBanner, Radios, Select, SummaryList, Table, Tag, Textarea, type Errors } from '../../core/ui/components.js';
import { DateInput } from '../../core/ui/date-input.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { ImportPreview } from '../council-import.js';
import type { CoverageRow, ThemesRow } from '../coverage.js';
import { stateLabel, topicsOf, type DaySheetRow } from '../day-sheet.js';
import { attendanceKinds, attendeeRoles, governanceKinds, labelOf, LIMITS, type Council, type Session } from '../model.js';
import type { StoredBooking } from '../store/bookings.js';
import type { Invited } from '../store/sessions.js';
import { MoveChoice } from './manage.js';
import { ACTION_ROWS, OutcomeFields } from './staff-forms.js';
import { Attribution, SessionFacts, SessionStatusTag, sessionWhen, slotWhen } from './parts.js';

const CURRENT = '/staff/surgeries';
const link = (href: string, text: string, hidden?: string) => (
  <a class="govuk-link" href={href}>
    {text}
    {hidden ? <span class="govuk-visually-hidden"> {hidden}</span> : null}
  </a>
);

export interface SessionCounts {
  booked: number;
  free: number;
  blocked: number;
}

export function ProgrammePage({ upcoming, past, banner }: { upcoming: Array<{ session: Session; counts: SessionCounts }>; past: Session[]; banner?: string }) {
  return (
    <StaffPage title="Parish council surgeries" current={CURRENT} banner={banner} wide>
      <h1 class="govuk-heading-xl">Parish council surgeries</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/surgeries/sessions/new" draggable="false">New session</a>
        {link('/staff/surgeries/councils', 'Councils')}
        {link('/staff/surgeries/coverage', 'Coverage and themes')}
      </div>
      <h2 class="govuk-heading-l">Upcoming</h2>
      {upcoming.length ? (
        <Table
          head={['When', 'District', 'Venue', 'Status', 'Booked', 'Free']}
          rows={upcoming.map(({ session, counts }) => [
            link(`/staff/surgeries/sessions/${session.id}`, sessionWhen(session)),
            councilAreaName(session.districtCode),
            session.venueName,
            <SessionStatusTag status={session.status} />,
            String(counts.booked),
            String(counts.free),
          ])}
        />
      ) : (
        <p class="govuk-body">No upcoming sessions.</p>
      )}
      <h2 class="govuk-heading-l">Past</h2>
      {past.length ? (
        <Table head={['When', 'District', 'Venue', 'Status']} rows={past.map((s) => [link(`/staff/surgeries/sessions/${s.id}`, sessionWhen(s)), councilAreaName(s.districtCode), s.venueName, <SessionStatusTag status={s.status} />])} />
      ) : (
        <p class="govuk-body">No past sessions.</p>
      )}
    </StaffPage>
  );
}

const emailState = (email: OutboxEmail | undefined) => (!email || email.status === 'pending' ? 'Waiting to send' : email.status === 'sent' ? 'Sent' : email.status === 'skipped' ? 'Not sent (no longer relevant)' : 'Failed');

export function StaffSessionPage(props: {
  session: Session;
  rows: DaySheetRow[];
  invited: Array<Invited & { council?: Council; email?: OutboxEmail; bookedAt?: string }>;
  now: Date;
  banner?: string;
  problem?: string;
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
      {session.status === 'cancelled' ? <p class="govuk-inset-text">Cancelled: {session.cancelReason}</p> : null}
      <SessionFacts session={session} />
      <div class="govuk-button-group">
        {open ? <a class="govuk-button govuk-button--secondary" href={`/staff/surgeries/sessions/${session.id}/edit`} draggable="false">Change details</a> : null}
        {open && session.status === 'published' ? <a class="govuk-button govuk-button--secondary" href={`/staff/surgeries/sessions/${session.id}/invite`} draggable="false">Invite councils</a> : null}
        {link(`/staff/surgeries/sessions/${session.id}/day-sheet`, 'Day sheet')}
        {link(`/staff/surgeries/sessions/${session.id}/day-sheet.csv`, 'Day sheet (CSV)')}
        {open ? link(`/staff/surgeries/sessions/${session.id}/cancel`, 'Cancel session') : null}
      </div>
      {open && session.status === 'draft' ? (
        <form method="post" action={`/staff/surgeries/sessions/${session.id}/publish`} novalidate>
          <Button>Publish: let councils book</Button>
        </form>
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
            <form method="post" action={`/staff/surgeries/sessions/${session.id}/slots/${slot.id}/${state === 'blocked' ? 'unblock' : 'block'}`} novalidate>
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                {state === 'blocked' ? 'Unblock' : 'Block'}
                <span class="govuk-visually-hidden"> the slot at {formatLondonTime(slot.startsAt)}</span>
              </button>
            </form>
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

export function CancelSessionPage({ session, values = {}, errors = {} }: { session: Session; values?: FormValues; errors?: Errors }) {
  return (
    <StaffPage title="Are you sure you want to cancel this surgery?" current={CURRENT} back={`/staff/surgeries/sessions/${session.id}`} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{session.venueName}, {sessionWhen(session)}</span>
      <h1 class="govuk-heading-l">Are you sure you want to cancel this surgery?</h1>
      <p class="govuk-body">Every council booked is emailed that its booking is cancelled, with the reason you give, and a calendar cancellation.</p>
      <form method="post" action={`/staff/surgeries/sessions/${session.id}/cancel`} novalidate>
        <Textarea name="reason" label="Reason" hint={`Councils see this. You can enter up to ${LIMITS.reason} characters.`} rows={3} value={values['reason']} error={errors['reason']} />
        <div class="govuk-button-group">
          <Button warning>Yes, cancel the surgery</Button>
          {link(`/staff/surgeries/sessions/${session.id}`, 'No, go back')}
        </div>
      </form>
    </StaffPage>
  );
}

export function InvitePage({ session, councils, values = {}, chosen = [], errors = {}, problem }: { session: Session; councils: Council[]; values?: FormValues; chosen?: readonly string[]; errors?: Errors; problem?: string }) {
  const withEmail = councils.filter((c) => c.clerkEmail);
  return (
    <StaffPage title="Invite councils" current={CURRENT} back={`/staff/surgeries/sessions/${session.id}`} hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={problem ? { scope: problem, ...errors } : errors} />
      <span class="govuk-caption-l">{session.venueName}, {sessionWhen(session)}</span>
      <h1 class="govuk-heading-l">Invite councils</h1>
      <p class="govuk-body">
        Each council with a clerk’s email address gets an email with its own booking link. {withEmail.length} of the {councils.length} councils in {councilAreaName(session.districtCode)} have one. Emails go out as fast as our email account allows.
      </p>
      <form method="post" action={`/staff/surgeries/sessions/${session.id}/invite`} novalidate>
        <Radios
          name="scope"
          legend="Who to invite"
          value={values['scope']}
          error={errors['scope']}
          options={[
            { value: 'district', text: `Every council in ${councilAreaName(session.districtCode)}` },
            { value: 'chosen', text: 'The councils I choose below' },
          ]}
        />
        <Checkboxes name="councilIds" legend="Councils" size="s" small error={errors['councilIds']} items={withEmail.map((c) => ({ value: c.id, text: c.name, ...(c.lastInvitedAt ? { hint: `Last invited ${formatLondon(c.lastInvitedAt)}` } : {}) }))} checked={chosen} />
        <Button>Send invitations</Button>
      </form>
      {councils.length > withEmail.length ? (
        <>
          <h2 class="govuk-heading-m">Councils without a clerk’s email address</h2>
          <ul class="govuk-list govuk-list--bullet">
            {councils.filter((c) => !c.clerkEmail).map((c) => (
              <li>{link(`/staff/surgeries/councils/${c.id}`, c.name, '(add an email address)')}</li>
            ))}
          </ul>
        </>
      ) : null}
    </StaffPage>
  );
}

/** The printable day sheet: slots in order, council, who is coming, topics, access needs. */
export function DaySheetPage({ session, rows }: { session: Session; rows: DaySheetRow[] }) {
  return (
    <Layout title={`Day sheet: ${session.venueName}, ${formatLondonDate(session.startsAt)}`} staff current={CURRENT}>
      <span class="govuk-caption-l">Day sheet</span>
      <h1 class="govuk-heading-l">
        {session.venueName}, {sessionWhen(session)}
      </h1>
      <p class="govuk-body">
        {session.venueAddress}. With the {session.host}. {link(`/staff/surgeries/sessions/${session.id}/day-sheet.csv`, 'Download as CSV')}
      </p>
      <Table
        head={['Time', 'Council', 'Who is coming', 'Topics', 'Access needs']}
        rows={rows.map(({ slot, state, booking }) => [
          slotWhen(slot),
          booking ? booking.councilName : stateLabel[state],
          booking ? `${booking.attendeeName} (${labelOf(attendeeRoles, booking.attendeeRole).toLowerCase()}), ${booking.email}` : '',
          booking ? topicsOf(booking).join('; ') : '',
          booking?.accessNeeds ?? '',
        ])}
      />
    </Layout>
  );
}

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
}) {
  const { booking, session, actions, now, values, themes, errors = {}, banner, problem } = props;
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
          { key: 'Email', value: booking.email },
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
        <form method="post" action={`/staff/surgeries/bookings/${booking.id}/outcome`} novalidate>
          <h3 class="govuk-heading-m">{o ? 'Change the outcome' : 'Record the outcome'}</h3>
          <OutcomeFields values={values} themesChosen={themes} errors={errors} />
          <Button>{o ? 'Save changes' : 'Save outcome'}</Button>
        </form>
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

export const outcomeFormValues = (b: StoredBooking): { values: FormValues; themes: string[] } => ({
  values: { version: String(b.outcomeVersion), attendance: b.outcome?.attendance, notes: b.outcome?.notes ?? '', signposted: b.outcome?.signposted ?? '' },
  themes: b.outcome?.themes ?? [],
});

export function RescheduleBookingPage({ booking, places, errors = {}, problem }: { booking: StoredBooking; places: Parameters<typeof MoveChoice>[0]['places']; errors?: Errors; problem?: string }) {
  return (
    <StaffPage title={`Reschedule ${booking.councilName}`} current={CURRENT} back={`/staff/surgeries/bookings/${booking.id}`} hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={problem ? { place: problem, ...errors } : errors} />
      <span class="govuk-caption-l">{booking.councilName}</span>
      <h1 class="govuk-heading-l">Reschedule the booking</h1>
      <p class="govuk-body">Now: {formatLondon(booking.slotStartsAt)}. The council is emailed the new time with an updated calendar invite.</p>
      {places.length ? (
        <form method="post" action={`/staff/surgeries/bookings/${booking.id}/reschedule`} novalidate>
          <input type="hidden" name="fromSlotId" value={booking.slotId} />
          <MoveChoice places={places} error={errors['place']} legend="Move to" />
          <Button>Reschedule</Button>
        </form>
      ) : (
        <p class="govuk-body">There are no free slots in this district’s upcoming surgeries.</p>
      )}
    </StaffPage>
  );
}

export function CancelBookingPage({ booking, values = {}, errors = {} }: { booking: StoredBooking; values?: FormValues; errors?: Errors }) {
  return (
    <StaffPage title="Are you sure you want to cancel this booking?" current={CURRENT} back={`/staff/surgeries/bookings/${booking.id}`} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{booking.councilName}, {formatLondon(booking.slotStartsAt)}</span>
      <h1 class="govuk-heading-l">Are you sure you want to cancel this booking?</h1>
      <form method="post" action={`/staff/surgeries/bookings/${booking.id}/cancel`} novalidate>
        <Textarea name="reason" label="Reason" hint="The council is emailed this with the cancellation." rows={3} value={values['reason']} error={errors['reason']} />
        <div class="govuk-button-group">
          <Button warning>Yes, cancel the booking</Button>
          {link(`/staff/surgeries/bookings/${booking.id}`, 'No, go back')}
        </div>
      </form>
    </StaffPage>
  );
}

export function CouncilsPage({ councils, district, banner, canImport }: { councils: Council[]; district?: string; banner?: string; /** Admins only may import the list. */ canImport: boolean }) {
  const demo = councils.some((c) => c.note?.startsWith('Demo data'));
  return (
    <StaffPage title="Parish and town councils" current={CURRENT} back="/staff/surgeries" banner={banner} wide>
      <h1 class="govuk-heading-xl">Parish and town councils</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/surgeries/councils/new" draggable="false">Add a council</a>
        {canImport ? link('/staff/surgeries/councils/import', 'Import from CSV') : null}
        {link('/staff/surgeries/councils.csv', 'Download as CSV')}
      </div>
      {demo ? <p class="govuk-inset-text">This list is demo data: civil parishes from the ONS list, not a verified list of councils. Only Blaby’s entries name real councils; the clerk addresses are made up.</p> : null}
      <form method="get" action="/staff/surgeries/councils" novalidate>
        <Select name="district" label="District" value={district ?? ''} options={[{ value: '', text: 'All districts' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
        <Button secondary>Show councils</Button>
      </form>
      <Table
        head={['Council', 'District', 'Governance', 'Clerk', 'Last seen', 'Status']}
        rows={councils.map((c) => {
          const seen = Object.values(c.seen).sort().at(-1);
          return [
            link(`/staff/surgeries/councils/${c.id}`, c.name),
            councilAreaName(c.districtCode),
            labelOf(governanceKinds, c.governance),
            c.clerkEmail ? `${c.clerkName ?? ''} ${c.clerkEmail}`.trim() : 'No email address',
            seen ? formatLondonDate(seen) : 'Never',
            c.status === 'active' ? 'Active' : <Tag colour="grey">Retired</Tag>,
          ];
        })}
      />
      <Attribution />
    </StaffPage>
  );
}

export function ImportPage({ csv, preview, errors = {}, done }: { csv?: string; preview?: ImportPreview; errors?: Errors; done?: string }) {
  return (
    <StaffPage title="Import councils from CSV" current={CURRENT} back="/staff/surgeries/councils" banner={done} hasErrors={hasErrors(errors) || Boolean(preview && !preview.ok)} wide>
      <ErrorSummary errors={preview && !preview.ok ? { csv: preview.fileErrors[0] ?? 'Some rows have problems: nothing has been imported. Correct them and upload the file again.', ...errors } : errors} />
      <h1 class="govuk-heading-xl">Import councils from CSV</h1>
      <p class="govuk-body">
        Columns: <code>id, name, district, parishes, clerk_name, clerk_email, governance</code>. Leave <code>id</code> empty to add a council; give it to update one (the download has the ids). Separate parishes with semicolons. You will see every row checked before anything is saved.
      </p>
      {preview ? (
        <>
          <h2 class="govuk-heading-l">{preview.ok ? 'Check the councils before importing' : 'Rows with problems'}</h2>
          {preview.fileErrors.map((e) => (
            <p class="govuk-error-message">{e}</p>
          ))}
          {preview.rows.length ? (
            <Table
              head={['Line', 'Council', 'District', 'What happens', 'Problems']}
              rows={preview.rows.map((r) => [String(r.line), r.name, r.district, r.errors.length ? 'Nothing (fix the problems)' : r.action === 'add' ? 'Added' : 'Updated', r.errors.length ? <ul class="govuk-list">{r.errors.map((e) => <li>{e}</li>)}</ul> : ''])}
            />
          ) : null}
          {preview.ok ? (
            <form method="post" action="/staff/surgeries/councils/import/confirm" novalidate>
              <input type="hidden" name="csv" value={csv ?? ''} />
              <Button>Import {preview.rows.length} {preview.rows.length === 1 ? 'council' : 'councils'}</Button>
            </form>
          ) : null}
        </>
      ) : null}
      <form method="post" action="/staff/surgeries/councils/import" enctype="multipart/form-data" novalidate>
        <div class={`govuk-form-group${errors['file'] ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--m" for="file">
            Upload a CSV file
          </label>
          {errors['file'] ? (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Error:</span> {errors['file']}
            </p>
          ) : null}
          <input class={`govuk-file-upload${errors['file'] ? ' govuk-file-upload--error' : ''}`} id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby={errors['file'] ? 'file-error' : undefined} />
        </div>
        <Button secondary>Check the file</Button>
      </form>
    </StaffPage>
  );
}

const share = (n: number | null) => (n === null ? 'No councils' : `${Math.round(n * 100)}%`);

export function CoveragePage({ rows, overall, themes, values, errors = {} }: { rows: CoverageRow[]; overall: CoverageRow; themes?: { rows: ThemesRow[]; total: ThemesRow; themes: Array<{ id: string; label: string }> }; values: FormValues; errors?: Errors }) {
  const query = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return (
    <StaffPage title="Coverage and themes" current={CURRENT} back="/staff/surgeries" hasErrors={hasErrors(errors)} wide>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Coverage and themes</h1>
      <Table
        caption="Coverage by district (the last 12 months)"
        head={['District', 'Councils', 'Invited', 'With a booking to come', 'Seen', 'Never seen', 'Share seen', 'Attended', 'Did not attend', 'Cancelled']}
        rows={[...rows, overall].map((r) => [r.districtName, String(r.councils), String(r.invited), String(r.booked), String(r.seen), String(r.neverSeen), share(r.shareSeen), String(r.bookings.attended), String(r.bookings.noShow), String(r.bookings.cancelled)])}
      />
      <h2 class="govuk-heading-l">Themes raised</h2>
      <form method="get" action="/staff/surgeries/coverage" novalidate>
        <DateInput name="from" legend="From" hint="For example, 1 4 2026" values={values} error={errors['from']} />
        <DateInput name="to" legend="To" values={values} error={errors['to']} />
        <Button secondary>Show themes</Button>
      </form>
      {themes ? (
        themes.rows.length ? (
          <>
            <Table
              head={['District', 'Surgery days', 'Attended', ...themes.themes.map((t) => t.label)]}
              rows={[...themes.rows, themes.total].map((r) => [r.districtName, String(r.surgeries), String(r.attended), ...themes.themes.map((t) => String(r.themes[t.id as keyof typeof r.themes] ?? 0))])}
            />
            <p class="govuk-body">{link(`/staff/surgeries/themes.csv?${query}`, 'Download themes as CSV')}</p>
          </>
        ) : (
          <p class="govuk-body">No themes were recorded in this period.</p>
        )
      ) : null}
    </StaffPage>
  );
}

export { ACTION_ROWS };
