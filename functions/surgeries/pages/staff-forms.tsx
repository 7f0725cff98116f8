/**
 * The staff forms that create and change things: a session, a council, an outcome. Each reads the
 * posted text into the shape the JSON API takes and validates it with the same schema, so the page and
 * the API refuse the same things with the same words; answers are kept as typed when shown again.
 */
import * as z from 'zod/mini';
import { actionOwners } from '../../core/actions/model.js';
import { councilAreas } from '../../core/council-areas.js';
import { themes } from '../../core/themes.js';
import { formatLondon, localLondonToUtcIso, utcIsoToLondonFields } from '../../core/time.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { Button, ErrorSummary, Radios, Select, Table, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { DateInput } from '../../core/ui/date-input.js';
import { hasErrors, inFieldOrder, issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { joinDate, parseTime } from '../../core/ui/typed-dates.js';
import {
  attendanceKinds,
  councilInput,
  labelOf,
  type Booking,
  DEFAULT_HOST,
  governanceKinds,
  LIMITS,
  outcomeInput,
  sessionForm,
  venueKinds,
  type Council,
  type CouncilInput,
  type OutcomeInput,
  type Session,
  type SessionInput,
} from '../model.js';

const CURRENT = '/staff/surgeries';

// ---------------------------------------------------------------------------------------------------
// Sessions

const SESSION_FIELDS = ['districtCode', 'venueName', 'venueAddress', 'venueKind', 'stepFree', 'latitude', 'longitude', 'accessInformation', 'date', 'startTime', 'endTime', 'slotMinutes', 'bufferMinutes', 'host', 'status'] as const;

export function readSessionForm(form: FormValues): { input?: SessionInput; errors: Errors } {
  const errors: Errors = {};
  const [day, month, year] = ['day', 'month', 'year'].map((p) => (form[`date-${p}`] ?? '').trim());
  let date: string | undefined;
  if (!day && !month && !year) errors['date'] = 'Enter the date of the surgery';
  else {
    date = joinDate(day!, month!, year!);
    if (!date || !localLondonToUtcIso(date, '12:00')) errors['date'] = 'The date must be a real date, like 3 12 2026';
  }
  const time = (name: 'startTime' | 'endTime', label: string) => {
    const typed = (form[name] ?? '').trim();
    if (!typed) {
      errors[name] = `Enter the ${label} time`;
      return undefined;
    }
    const parsed = parseTime(typed);
    if (!parsed) errors[name] = `Enter the ${label} time as a real time, like 9:30am or 14:00`;
    return parsed;
  };
  const startTime = time('startTime', 'start');
  const endTime = time('endTime', 'end');
  const text = (name: string) => (form[name]?.trim() ? form[name] : undefined);
  const parsed = z.safeParse(sessionForm, {
    districtCode: form['districtCode'] ?? '',
    venueName: form['venueName'] ?? '',
    venueAddress: form['venueAddress'] ?? '',
    venueKind: form['venueKind'] ?? '',
    stepFree: form['stepFree'] === 'yes' ? true : form['stepFree'] === 'no' ? false : undefined,
    latitude: text('latitude'),
    longitude: text('longitude'),
    accessInformation: form['accessInformation'],
    date: date ?? '2000-01-01',
    startTime: startTime ?? '00:00',
    endTime: endTime ?? '23:59',
    slotMinutes: text('slotMinutes'),
    bufferMinutes: text('bufferMinutes'),
    host: text('host'),
    status: form['status'] || 'draft',
  });
  const schemaErrors = parsed.success ? {} : issuesToErrors(parsed.error.issues);
  // Checks that compare the times mean nothing until the date and times themselves are real.
  if (errors['date'] || errors['startTime'] || errors['endTime']) for (const f of ['startTime', 'endTime', 'slotMinutes']) delete schemaErrors[f];
  if (schemaErrors['stepFree']) schemaErrors['stepFree'] = 'Say whether the venue is step-free';
  if (schemaErrors['districtCode']) schemaErrors['districtCode'] = 'Choose the district';
  const all = inFieldOrder({ ...schemaErrors, ...errors }, SESSION_FIELDS);
  return parsed.success && !hasErrors(all) ? { input: parsed.data, errors: {} } : { errors: all };
}

export function sessionFormValues(s: Session): FormValues {
  const d = utcIsoToLondonFields(s.startsAt);
  return {
    districtCode: s.districtCode,
    venueName: s.venueName,
    venueAddress: s.venueAddress,
    venueKind: s.venueKind,
    stepFree: s.stepFree ? 'yes' : 'no',
    latitude: s.latitude === undefined ? '' : String(s.latitude),
    longitude: s.longitude === undefined ? '' : String(s.longitude),
    accessInformation: s.accessInformation ?? '',
    'date-day': d.day,
    'date-month': d.month,
    'date-year': d.year,
    startTime: s.startTime,
    endTime: s.endTime,
    slotMinutes: String(s.slotMinutes),
    bufferMinutes: String(s.bufferMinutes),
    host: s.host,
    status: s.status === 'cancelled' ? 'published' : s.status,
  };
}

export function SessionFormPage({ session, values, errors = {}, problem }: { session?: Session; values: FormValues; errors?: Errors; problem?: string }) {
  const title = session ? 'Change the surgery session' : 'New surgery session';
  return (
    <StaffPage title={title} current={CURRENT} back={session ? `/staff/surgeries/sessions/${session.id}` : '/staff/surgeries'} hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={problem ? { form: problem, ...errors } : errors} />
      <h1 class="govuk-heading-xl">{title}</h1>
      {problem ? <p id="form" class="govuk-body">{problem}</p> : null}
      <form method="post" action={session ? `/staff/surgeries/sessions/${session.id}/edit` : '/staff/surgeries/sessions/new'} novalidate>
        <Select name="districtCode" label="District" value={values['districtCode'] ?? ''} error={errors['districtCode']} options={[{ value: '', text: 'Choose the district' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
        <TextInput name="venueName" label="Venue" value={values['venueName']} error={errors['venueName']} />
        <Textarea name="venueAddress" label="Address, or how to join online" rows={3} value={values['venueAddress']} error={errors['venueAddress']} />
        <Radios name="venueKind" legend="Kind of venue" value={values['venueKind']} error={errors['venueKind']} options={venueKinds.map((v) => ({ value: v.id, text: v.label }))} />
        <Radios name="stepFree" legend="Is the venue step-free?" inline value={values['stepFree']} error={errors['stepFree']} options={[{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }]} />
        <TextInput name="latitude" label="Latitude (optional)" hint="For the staff map, like 52.6466. Leave empty for online surgeries." inputmode="decimal" width={10} value={values['latitude']} error={errors['latitude']} />
        <TextInput name="longitude" label="Longitude (optional)" hint="Like -1.2035." inputmode="decimal" width={10} value={values['longitude']} error={errors['longitude']} />
        <Textarea name="accessInformation" label="Access information (optional)" rows={3} value={values['accessInformation']} error={errors['accessInformation']} />
        <DateInput name="date" legend="Date" hint="For example, 3 12 2026" values={values} error={errors['date']} />
        <TextInput name="startTime" label="Start time" hint="London time, like 9:30am or 14:00" width={5} value={values['startTime']} error={errors['startTime']} />
        <TextInput name="endTime" label="End time" width={5} value={values['endTime']} error={errors['endTime']} />
        <TextInput name="slotMinutes" label="Length of each slot, in minutes" inputmode="numeric" width={3} value={values['slotMinutes'] ?? '30'} error={errors['slotMinutes']} />
        <TextInput name="bufferMinutes" label="Gap between slots, in minutes" inputmode="numeric" width={3} value={values['bufferMinutes'] ?? '10'} error={errors['bufferMinutes']} />
        <TextInput name="host" label="Host" value={values['host'] ?? DEFAULT_HOST} error={errors['host']} />
        <Radios
          name="status"
          legend="Status"
          value={values['status'] ?? 'draft'}
          error={errors['status']}
          options={[
            { value: 'draft', text: 'Draft: only staff can see it' },
            { value: 'published', text: 'Published: councils can book' },
          ]}
        />
        <Button>{session ? 'Save changes' : 'Create session'}</Button>
      </form>
    </StaffPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Councils

const COUNCIL_FIELDS = ['name', 'districtCode', 'governance', 'parishes', 'clerkName', 'clerkEmail'] as const;

export function readCouncilForm(form: FormValues): { input?: CouncilInput; errors: Errors } {
  const parsed = z.safeParse(councilInput, {
    name: form['name'] ?? '',
    districtCode: form['districtCode'] ?? '',
    parishes: (form['parishes'] ?? '').split(/\r?\n/).map((p) => p.trim()).filter(Boolean),
    clerkName: form['clerkName'],
    clerkEmail: form['clerkEmail'] ?? '',
    governance: form['governance'] ?? '',
  });
  if (parsed.success) return { input: parsed.data, errors: {} };
  const errors = issuesToErrors(parsed.error.issues);
  if (errors['districtCode']) errors['districtCode'] = 'Choose the district';
  return { errors: inFieldOrder(errors, COUNCIL_FIELDS) };
}

export const councilFormValues = (c: Council): FormValues => ({
  name: c.name,
  districtCode: c.districtCode,
  governance: c.governance,
  parishes: c.parishes.join('\n'),
  clerkName: c.clerkName ?? '',
  clerkEmail: c.clerkEmail ?? '',
  version: String(c.version),
});

export function CouncilFormPage({ council, values, errors = {}, problem, bookings = [] }: { council?: Council; values: FormValues; errors?: Errors; problem?: string; bookings?: Booking[] }) {
  const title = council ? `Change ${council.name}` : 'Add a council';
  return (
    <StaffPage title={title} current={CURRENT} back="/staff/surgeries/councils" hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={problem ? { form: problem, ...errors } : errors} />
      <h1 class="govuk-heading-xl">{title}</h1>
      {problem ? <p id="form" class="govuk-body">{problem}</p> : null}
      {council?.note ? <p class="govuk-inset-text">{council.note}</p> : null}
      <form method="post" action={council ? `/staff/surgeries/councils/${council.id}` : '/staff/surgeries/councils/new'} novalidate>
        {council ? <input type="hidden" name="version" value={values['version'] ?? String(council.version)} /> : null}
        <TextInput name="name" label="Name" hint="For example, Glenfield Parish Council" value={values['name']} error={errors['name']} />
        <Select name="districtCode" label="District" value={values['districtCode'] ?? ''} error={errors['districtCode']} options={[{ value: '', text: 'Choose the district' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
        <Radios name="governance" legend="Governance" value={values['governance']} error={errors['governance']} options={governanceKinds.map((g) => ({ value: g.id, text: g.label }))} />
        <Textarea name="parishes" label="Civil parishes it covers (optional)" hint="One on each line." rows={3} value={values['parishes']} error={errors['parishes']} />
        <TextInput name="clerkName" label="Clerk’s name (optional)" autocomplete="off" spellcheck={false} value={values['clerkName']} error={errors['clerkName']} />
        <TextInput name="clerkEmail" label="Clerk’s email address (optional)" hint="Invitations, and links to confirm bookings asked for on our website, go to this address. Without one, the council cannot book online." type="email" spellcheck={false} value={values['clerkEmail']} error={errors['clerkEmail']} />
        <Button>{council ? 'Save changes' : 'Add council'}</Button>
      </form>
      {council ? (
        <>
          <h2 class="govuk-heading-l">Surgeries</h2>
          {bookings.length ? (
            <Table
              head={['When', 'Status', 'Outcome']}
              rows={bookings.map((b) => [
                <a class="govuk-link" href={`/staff/surgeries/bookings/${b.id}`}>{formatLondon(b.slotStartsAt)}</a>,
                b.status === 'confirmed' ? 'Booked' : b.status === 'cancelled' ? 'Cancelled' : 'Requested',
                b.outcome ? labelOf(attendanceKinds, b.outcome.attendance) : '',
              ])}
            />
          ) : (
            <p class="govuk-body">No bookings yet.</p>
          )}
          {council.status === 'active' ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`/staff/surgeries/councils/${council.id}/retire`}>Retire this council</a>
            </p>
          ) : (
            <form method="post" action={`/staff/surgeries/councils/${council.id}/reinstate`} novalidate>
              <p class="govuk-body">This council is retired: it is not invited and cannot book.</p>
              <Button secondary>Put it back on the list</Button>
            </form>
          )}
        </>
      ) : null}
    </StaffPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Outcomes

export const ACTION_ROWS = 3;

/** The posted outcome, with up to three actions (a row counts when "what" is filled in). */
export function readOutcomeForm(form: FormValues, chosenThemes: readonly string[]): { input?: OutcomeInput; errors: Errors } {
  const errors: Errors = {};
  const actions: unknown[] = [];
  for (let i = 0; i < ACTION_ROWS; i++) {
    const what = form[`action${i}-what`]?.trim();
    if (!what) continue;
    const [d, m, y] = ['day', 'month', 'year'].map((p) => (form[`action${i}-due-${p}`] ?? '').trim());
    let dueOn: string | undefined;
    if (d || m || y) {
      dueOn = joinDate(d!, m!, y!);
      if (!dueOn || !localLondonToUtcIso(dueOn, '12:00')) errors[`action${i}-due`] = 'The due date must be a real date';
    }
    actions.push({ what, owner: { kind: form[`action${i}-owner`] ?? '', name: form[`action${i}-ownerName`] }, ...(dueOn ? { dueOn } : {}) });
  }
  const parsed = z.safeParse(outcomeInput, {
    version: Number(form['version'] ?? 'NaN'),
    attendance: form['attendance'] ?? '',
    themes: chosenThemes,
    notes: form['notes'],
    signposted: form['signposted'],
    actions,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index, ...rest] = issue.path.map(String);
      if (top === 'actions') {
        const rows = [...Array(ACTION_ROWS).keys()].filter((i) => form[`action${i}-what`]?.trim());
        const row = rows[Number(index)] ?? 0;
        const field = rest[0] === 'owner' ? (rest[1] === 'name' ? 'ownerName' : 'owner') : rest[0] === 'dueOn' ? 'due' : 'what';
        errors[`action${row}-${field}`] ??= issue.message;
      } else if (top) errors[top] ??= top === 'attendance' ? 'Say whether the council came' : issue.message;
    }
  }
  return parsed.success && !hasErrors(errors) ? { input: parsed.data, errors: {} } : { errors };
}

export function OutcomeFields({ values, themesChosen, errors }: { values: FormValues; themesChosen: readonly string[]; errors: Errors }) {
  return (
    <>
      <input type="hidden" name="version" value={values['version'] ?? '0'} />
      <Radios name="attendance" legend="Did the council come?" inline value={values['attendance']} error={errors['attendance']} options={attendanceKinds.map((a) => ({ value: a.id, text: a.label }))} />
      <Checkboxes name="themes" legend="Themes raised" small hint="From the platform’s theme list, so they can be counted across surgeries, visits and meetings." error={errors['themes']} items={themes.map((t) => ({ value: t.id, text: t.label }))} checked={themesChosen} />
      <Textarea name="notes" label="Notes (optional)" hint={`You can enter up to ${LIMITS.notes} characters.`} value={values['notes']} error={errors['notes']} />
      <TextInput name="signposted" label="Not a police matter: signposted to (optional)" hint="For example, the district council’s environmental health team" value={values['signposted']} error={errors['signposted']} />
      <h2 class="govuk-heading-m">Actions arising</h2>
      <p class="govuk-body">Each action goes on the action log, linked to this booking. Leave a row empty if there is nothing more to add.</p>
      {[...Array(ACTION_ROWS).keys()].map((i) => (
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Action {i + 1}</legend>
          <Textarea name={`action${i}-what`} label="What needs to be done" rows={2} value={values[`action${i}-what`]} error={errors[`action${i}-what`]} />
          <Select name={`action${i}-owner`} label="Owner" value={values[`action${i}-owner`] ?? ''} error={errors[`action${i}-owner`]} options={[{ value: '', text: 'Choose who owns it' }, ...actionOwners.map((o) => ({ value: o.id, text: o.label }))]} />
          <TextInput name={`action${i}-ownerName`} label="Owner’s name (for a person, partnership, commander or organisation)" value={values[`action${i}-ownerName`]} error={errors[`action${i}-ownerName`]} />
          <DateInput name={`action${i}-due`} legend="Due date (optional)" values={values} error={errors[`action${i}-due`]} />
        </fieldset>
      ))}
    </>
  );
}
