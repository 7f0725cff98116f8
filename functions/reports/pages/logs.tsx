/**
 * The invitations log and the engagement log: a short form each (one entry a post) and the entries of
 * the current quarter, newest last. Who attended for the office is asked, so the report counts the
 * Commissioner's and the Deputy's engagement apart.
 */
import { councilAreas } from '../../core/council-areas.js';
import { officeAttendees } from '../../core/period-figures.js';
import type { Quarter } from '../../core/periods.js';
import { themeLabel, themes } from '../../core/themes.js';
import { formatDay } from '../../core/time.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { Button, ErrorSummary, Radios, Select, Table, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { engagementKindLabel, engagementKinds, type Engagement, type Invitation } from '../model.js';

interface LogPageProps<T> {
  quarter: Quarter;
  entries: T[];
  values?: FormValues;
  chosen?: string[];
  errors?: Errors;
  banner?: string;
}

export function InvitationsPage({ quarter, entries, values = {}, errors = {}, banner }: LogPageProps<Invitation>) {
  return (
    <StaffPage title="Invitations to the Commissioner" current="/staff/reports" back="/staff/reports" hasErrors={hasErrors(errors)} banner={banner}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Invitations to the Commissioner</h1>
      <p class="govuk-body">The Panel asks how many invitations came and how many were accepted. Log each one here.</p>
      <PostForm action="/staff/reports/invitations" values={values}>
        <TextInput name="receivedOn" label="Date received" hint="Like 2026-10-02" value={values['receivedOn']} error={errors['receivedOn']} width={10} />
        <TextInput name="from" label="From" value={values['from']} error={errors['from']} />
        <TextInput name="event" label="Event" value={values['event']} error={errors['event']} />
        <Radios name="accepted" legend="Accepted?" inline value={values['accepted']} error={errors['accepted']} options={[{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }]} />
        <Textarea name="reason" label="Reason (optional)" value={values['reason']} error={errors['reason']} rows={2} />
        <Button>Log the invitation</Button>
      </PostForm>
      <Table
        caption={`Invitations received in ${quarter.label}`}
        head={['Date', 'From', 'Event', 'Accepted', 'Reason']}
        rows={entries.map((i) => [formatDay(i.receivedOn), i.from, i.event, i.accepted ? 'Yes' : 'No', i.reason ?? ''])}
      />
    </StaffPage>
  );
}

export function EngagementPage({ quarter, entries, values = {}, chosen = [], errors = {}, banner }: LogPageProps<Engagement>) {
  return (
    <StaffPage title="Engagement log" current="/staff/reports" back="/staff/reports" hasErrors={hasErrors(errors)} banner={banner}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Engagement log</h1>
      <p class="govuk-body">Engagement no other part of the platform records: events organised by others, launch events, youth summits. Community days, public meetings and surgeries are counted from their own records.</p>
      <PostForm action="/staff/reports/engagement" values={values}>
        <TextInput name="on" label="Date" hint="Like 2026-10-02" value={values['on']} error={errors['on']} width={10} />
        <Radios name="attendedFor" legend="Who attended for the office" value={values['attendedFor']} error={errors['attendedFor']} options={officeAttendees.map((a) => ({ value: a.id, text: a.label }))} />
        <Radios name="kind" legend="What kind of engagement" value={values['kind']} error={errors['kind']} options={engagementKinds.map((k) => ({ value: k.id, text: k.label }))} />
        <TextInput name="what" label="What it was" hint="Like: Parish surgeries launch, Melton" value={values['what']} error={errors['what']} />
        <TextInput name="peopleMet" label="People met" value={values['peopleMet']} error={errors['peopleMet']} width={5} inputmode="numeric" />
        <TextInput name="hours" label="Hours" hint="Like 2.5" value={values['hours']} error={errors['hours']} width={5} inputmode="decimal" />
        <Checkboxes name="themes" legend="Themes raised" size="s" small columns items={themes.map((t) => ({ value: t.id, text: t.label }))} checked={chosen} error={errors['themes']} />
        <Select name="areaCode" label="Council area (optional)" value={values['areaCode']} error={errors['areaCode']} options={[{ value: '', text: 'Not in one council area' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
        <Button>Log the engagement</Button>
      </PostForm>
      <Table
        caption={`Engagement logged in ${quarter.label}`}
        head={['Date', 'Who attended', 'What', 'People met', 'Hours', 'Themes', 'Council area']}
        rows={entries.map((e) => [
          formatDay(e.on),
          officeAttendees.find((a) => a.id === e.attendedFor)?.label ?? e.attendedFor,
          `${e.what} (${engagementKindLabel(e.kind).toLowerCase()})`,
          String(e.peopleMet),
          String(e.hours),
          e.themes.map(themeLabel).join(', '),
          councilAreas.find((a) => a.code === e.areaCode)?.name ?? '',
        ])}
      />
    </StaffPage>
  );
}
