/**
 * The form that creates or changes a session. It reads the posted text into the shape the JSON API
 * takes and validates it with the same schema, so the page and the API refuse the same things with the
 * same words; answers are kept as typed when shown again.
 */
import * as z from 'zod/mini';
import { councilAreas } from '../../core/council-areas.js';
import type { Read } from '../../core/http/form-route.js';
import { localLondonToUtcIso, utcIsoToLondonFields } from '../../core/time.js';
import { Button, ErrorSummary, Radios, Select, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { DateInput } from '../../core/ui/date-input.js';
import { hasErrors, inFieldOrder, issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { joinDate, parseTime } from '../../core/ui/typed-dates.js';
import { DEFAULT_HOST, sessionForm, venueKinds, type Session, type SessionInput } from '../model.js';
import { BankHolidayWarning } from './bank-holiday.js';
import { CURRENT } from './staff-parts.js';

const SESSION_FIELDS = ['districtCode', 'venueName', 'venueAddress', 'venueKind', 'stepFree', 'latitude', 'longitude', 'accessInformation', 'date', 'startTime', 'endTime', 'slotMinutes', 'bufferMinutes', 'host', 'status'] as const;

export function readSessionForm(form: FormValues): Read<SessionInput> {
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
  return parsed.success && !hasErrors(all) ? { input: parsed.data } : { errors: all };
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
      <BankHolidayWarning day={joinDate(values['date-day'] ?? '', values['date-month'] ?? '', values['date-year'] ?? '')} />
      <PostForm action={session ? `/staff/surgeries/sessions/${session.id}/edit` : '/staff/surgeries/sessions/new'} values={values}>
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
      </PostForm>
    </StaffPage>
  );
}
