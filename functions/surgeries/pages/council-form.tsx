/** The form that adds or changes a council, with the council's surgeries and the way to retire or reinstate it. */
import type { Suppression } from '../../core/outbox/suppression.js';
import { EmailStopped } from '../../core/ui/email-stopped.js';
import * as z from 'zod/mini';
import { councilAreas } from '../../core/council-areas.js';
import type { Read } from '../../core/http/form-route.js';
import { formatLondon } from '../../core/time.js';
import { Button, ErrorSummary, Radios, Select, Table, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { hasErrors, inFieldOrder, issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { attendanceKinds, councilInput, governanceKinds, labelOf, type Booking, type Council, type CouncilInput } from '../model.js';
import { CURRENT } from './staff-parts.js';

const COUNCIL_FIELDS = ['name', 'districtCode', 'governance', 'parishes', 'clerkName', 'clerkEmail'] as const;

export function readCouncilForm(form: FormValues): Read<CouncilInput> {
  const parsed = z.safeParse(councilInput, {
    name: form['name'] ?? '',
    districtCode: form['districtCode'] ?? '',
    parishes: (form['parishes'] ?? '').split(/\r?\n/).map((p) => p.trim()).filter(Boolean),
    clerkName: form['clerkName'],
    clerkEmail: form['clerkEmail'] ?? '',
    governance: form['governance'] ?? '',
  });
  if (parsed.success) return { input: parsed.data };
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

export function CouncilFormPage({ council, values, errors = {}, problem, bookings = [], stopped }: { council?: Council; values: FormValues; errors?: Errors; problem?: string; bookings?: Booking[]; /** Email to the clerk's address has stopped. */ stopped?: Suppression | undefined }) {
  const title = council ? `Change ${council.name}` : 'Add a council';
  return (
    <StaffPage title={title} current={CURRENT} back="/staff/surgeries/councils" hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={problem ? { form: problem, ...errors } : errors} />
      <h1 class="govuk-heading-xl">{title}</h1>
      {problem ? <p id="form" class="govuk-body">{problem}</p> : null}
      {council?.note ? <p class="govuk-inset-text">{council.note}</p> : null}
      {stopped ? (
        <p class="govuk-body">
          Clerk’s email address: <EmailStopped suppression={stopped} />
        </p>
      ) : null}
      <PostForm action={council ? `/staff/surgeries/councils/${council.id}` : '/staff/surgeries/councils/new'} values={values}>
        {council ? <input type="hidden" name="version" value={values['version'] ?? String(council.version)} /> : null}
        <TextInput name="name" label="Name" hint="For example, Glenfield Parish Council" value={values['name']} error={errors['name']} />
        <Select name="districtCode" label="District" value={values['districtCode'] ?? ''} error={errors['districtCode']} options={[{ value: '', text: 'Choose the district' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
        <Radios name="governance" legend="Governance" value={values['governance']} error={errors['governance']} options={governanceKinds.map((g) => ({ value: g.id, text: g.label }))} />
        <Textarea name="parishes" label="Civil parishes it covers (optional)" hint="One on each line." rows={3} value={values['parishes']} error={errors['parishes']} />
        <TextInput name="clerkName" label="Clerk’s name (optional)" autocomplete="off" spellcheck={false} value={values['clerkName']} error={errors['clerkName']} />
        <TextInput name="clerkEmail" label="Clerk’s email address (optional)" hint="Invitations, and links to confirm bookings asked for on our website, go to this address. Without one, the council cannot book online." type="email" spellcheck={false} value={values['clerkEmail']} error={errors['clerkEmail']} />
        <Button>{council ? 'Save changes' : 'Add council'}</Button>
      </PostForm>
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
            <PostForm action={`/staff/surgeries/councils/${council.id}/reinstate`}>
              <p class="govuk-body">This council is retired: it is not invited and cannot book.</p>
              <Button secondary>Put it back on the list</Button>
            </PostForm>
          )}
        </>
      ) : null}
    </StaffPage>
  );
}
