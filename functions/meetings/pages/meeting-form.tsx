/**
 * The form staff use to create and edit a meeting. Dates and times are typed as they read on a UK clock
 * and converted to UTC before `meetingInput` validates them, so BST and GMT are always right.
 */
import { BackLink, Button, ErrorSummary, ProblemBanner, Radios, Select, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { councilAreas } from '../../core/council-areas.js';
import { OfficeAttendeeRadios } from '../../core/ui/office-attendee.js';
import { themes } from '../../core/themes.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { Layout } from '../../core/ui/layout.js';
import { LIMITS, meetingForm, type Meeting, type MeetingInput } from '../model.js';
import { dateTimeValues, DateInput, readDateTime } from '../../core/ui/date-input.js';
import { hasErrors, inFieldOrder, issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import * as z from 'zod/mini';
import { utcIsoToLondonFields } from '../../core/ui/typed-dates.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { Child } from 'hono/jsx';

const DATE_TIMES = {
  startsAt: { legend: 'Start', missing: 'Enter when the meeting starts', noun: 'The start' },
  endsAt: { legend: 'End', missing: 'Enter when the meeting ends', noun: 'The end' },
  registrationOpensAt: { legend: 'Registration opens', missing: 'Enter when registration opens', noun: 'When registration opens' },
  registrationClosesAt: { legend: 'Registration closes', missing: 'Enter when registration closes', noun: 'When registration closes' },
} as const;
type DateTimeField = keyof typeof DATE_TIMES;

const FIELDS = [
  'title',
  'description',
  'areaCode',
  'venue',
  'address',
  'latitude',
  'longitude',
  'startsAt',
  'endsAt',
  'registrationOpensAt',
  'registrationClosesAt',
  'mode',
  'capacity',
  'onlineCapacity',
  'maxPlacesPerRegistration',
  'waitingList',
  'accessInformation',
  'attendedFor',
  'themes',
] as const;

/** Messages in staff's words for number fields, whatever zod's own check was. */
const NUMBER_MESSAGES: Record<string, { missing: string; wrong: string }> = {
  latitude: { missing: 'Enter the latitude', wrong: 'Enter a latitude in the UK, between 49.8 and 60.9, like 52.6369' },
  longitude: { missing: 'Enter the longitude', wrong: 'Enter a longitude in the UK, between -8.7 and 1.8, like -1.1398' },
  capacity: { missing: 'Enter how many people the venue can take', wrong: `Capacity must be a whole number from 1 to ${LIMITS.capacity}` },
  onlineCapacity: { missing: 'Enter how many people can join online', wrong: `Online places must be a whole number from 1 to ${LIMITS.capacity}` },
  maxPlacesPerRegistration: {
    missing: 'Enter the most places one person can book',
    wrong: `The most places one person can book must be a whole number from 1 to ${LIMITS.placesPerRegistration}`,
  },
};

/** A meeting as the form shows it, for editing (or an example to post). */
export function meetingFormValues(meeting: Omit<MeetingInput, 'attendedFor' | 'themes' | 'mode'> & Partial<Pick<MeetingInput, 'attendedFor' | 'mode'>>): FormValues {
  const mode = meeting.mode ?? 'in-person';
  return {
    title: meeting.title,
    description: meeting.description,
    areaCode: meeting.areaCode,
    venue: meeting.venue,
    address: meeting.address,
    latitude: String(meeting.latitude),
    longitude: String(meeting.longitude),
    mode,
    // A mode's places are shown only when the meeting is held that way.
    capacity: mode === 'online' ? '' : String(meeting.capacity),
    onlineCapacity: mode === 'in-person' || meeting.onlineCapacity === undefined ? '' : String(meeting.onlineCapacity),
    maxPlacesPerRegistration: String(meeting.maxPlacesPerRegistration),
    waitingList: meeting.waitingList ? 'yes' : 'no',
    accessInformation: meeting.accessInformation,
    attendedFor: meeting.attendedFor ?? 'commissioner',
    ...Object.assign({}, ...(Object.keys(DATE_TIMES) as DateTimeField[]).map((f) => dateTimeValues(f, utcIsoToLondonFields(meeting[f])))),
  };
}

/** A meeting's title, description and place as typed: the meeting form's and the recorded-meeting form's first answers. */
export const whatAndWhere = (form: FormValues) => ({
  title: form['title'] ?? '',
  description: form['description'] ?? '',
  areaCode: form['areaCode'] ?? '',
  venue: form['venue'] ?? '',
  address: form['address'] ?? '',
  latitude: form['latitude']?.trim(),
  longitude: form['longitude']?.trim(),
});

/** The fields for them, the same on both forms. */
export function WhatAndWhereFields({ values, errors }: { values: FormValues; errors: Errors }) {
  return (
    <>
      <TextInput name="title" label="Title" hint="Residents see this in the list of meetings." value={values['title']} error={errors['title']} />
      <Textarea
        name="description"
        label="Description (optional)"
        hint="What the meeting is about and who it is for. Leave a blank line between paragraphs."
        value={values['description']}
        error={errors['description']}
      />
      <Select
        name="areaCode"
        label="Council area"
        value={values['areaCode'] ?? ''}
        error={errors['areaCode']}
        options={[{ value: '', text: 'Choose a council area' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]}
      />
      <TextInput name="venue" label="Venue" hint="For example, Loughborough Town Hall" value={values['venue']} error={errors['venue']} />
      <Textarea name="address" label="Address" hint="Put each line of the address on a new line." rows={4} value={values['address']} error={errors['address']} />
      <TextInput
        name="latitude"
        label="Latitude"
        hint="For the map link. For example, 52.6369"
        inputmode="decimal"
        width={10}
        value={values['latitude']}
        error={errors['latitude']}
      />
      <TextInput
        name="longitude"
        label="Longitude"
        hint="For example, -1.1398"
        width={10}
        value={values['longitude']}
        error={errors['longitude']}
      />
    </>
  );
}

/** Validates the posted form; every problem is reported at once, in the order the fields appear. */
export function readMeetingForm(form: FormValues, themes: readonly string[] = []): { input?: MeetingInput; errors: Errors } {
  const errors: Errors = {};
  const instants: Partial<Record<DateTimeField, string>> = {};
  for (const field of Object.keys(DATE_TIMES) as DateTimeField[]) {
    const read = readDateTime(form, field, DATE_TIMES[field]);
    if (read.error !== undefined) errors[field] = read.error;
    else instants[field] = read.iso;
  }
  const waitingList = form['waitingList'];
  if (waitingList !== 'yes' && waitingList !== 'no') errors['waitingList'] = 'Select yes if people can join a waiting list when the meeting is full';
  const mode = form['mode'] || 'in-person';
  // Each mode's places are asked for only when the meeting is held that way.
  const notAsked = new Set(mode === 'online' ? ['capacity'] : mode === 'in-person' ? ['onlineCapacity'] : []);
  for (const [field, words] of Object.entries(NUMBER_MESSAGES)) if (!notAsked.has(field) && !form[field]?.trim()) errors[field] = words.missing;

  const parsed = z.safeParse(meetingForm, {
    ...whatAndWhere(form),
    ...instants,
    mode,
    capacity: notAsked.has('capacity') ? undefined : form['capacity']?.trim(),
    onlineCapacity: notAsked.has('onlineCapacity') ? undefined : form['onlineCapacity']?.trim(),
    maxPlacesPerRegistration: form['maxPlacesPerRegistration']?.trim(),
    waitingList: waitingList === 'yes',
    accessInformation: form['accessInformation'] ?? '',
    attendedFor: form['attendedFor'] || 'commissioner',
    themes,
  });
  if (!parsed.success) {
    for (const [field, message] of Object.entries(issuesToErrors(parsed.error.issues))) {
      errors[field] ??= NUMBER_MESSAGES[field]?.wrong ?? message;
    }
  }
  const ordered = inFieldOrder(errors, FIELDS);
  return parsed.success && !hasErrors(ordered) ? { input: parsed.data, errors: {} } : { errors: ordered };
}

export function MeetingFormPage(props: { meeting?: Meeting; values: FormValues; errors?: Errors; problem?: Child; themes?: readonly string[] }) {
  const { meeting, values, errors = {}, problem } = props;
  const chosenThemes = props.themes ?? meeting?.themes ?? [];
  const title = meeting ? `Edit ${meeting.title}` : 'Create a meeting';
  const action = meeting ? `/staff/meetings/${meeting.id}/edit` : '/staff/meetings/new';
  const back = meeting ? `/staff/meetings/${meeting.id}` : '/staff/meetings';
  const dateInput = (name: DateTimeField, hint?: string) => (
    <DateInput name={name} legend={DATE_TIMES[name].legend} hint={hint} withTime values={values} error={errors[name]} />
  );
  return (
    <Layout
      title={title}
      hasErrors={hasErrors(errors)}
      staff
      current="/staff/meetings"
      beforeContent={
        <BackLink href={back}>Back</BackLink>
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="The meeting was not saved" problem={problem} />
          <h1 class="govuk-heading-xl">{meeting ? 'Edit meeting' : 'Create a meeting'}</h1>
          {meeting ? (
            <p class="govuk-body">
              If you change the time or place, everyone registered is sent an email with an updated calendar invite.
            </p>
          ) : null}
          <PostForm action={action} values={values}>
            <WhatAndWhereFields values={values} errors={errors} />
            <h2 class="govuk-heading-m">Date and time</h2>
            <p class="govuk-body">Use UK time. For example, 3 12 2026 and 18:30.</p>
            {dateInput('startsAt')}
            {dateInput('endsAt')}
            {dateInput('registrationOpensAt')}
            {dateInput('registrationClosesAt', 'No later than the start of the meeting.')}
            <h2 class="govuk-heading-m">Places</h2>
            <Radios
              name="mode"
              legend="How is the meeting held?"
              hint="The link to join online is never shown on the meeting’s page: only people with a place online are emailed it."
              value={values['mode'] ?? 'in-person'}
              error={errors['mode']}
              options={[
                { value: 'in-person', text: 'In person, at the venue' },
                { value: 'online', text: 'Online only' },
                { value: 'hybrid', text: 'Both: in person and online' },
              ]}
            />
            <TextInput
              name="capacity"
              label="Places in person"
              hint="How many people the venue can take. Leave blank for a meeting held online only."
              inputmode="numeric"
              width={5}
              value={values['capacity']}
              error={errors['capacity']}
            />
            <TextInput
              name="onlineCapacity"
              label="Places online"
              hint="How many people can join online. Leave blank for a meeting held in person only."
              inputmode="numeric"
              width={5}
              value={values['onlineCapacity']}
              error={errors['onlineCapacity']}
            />
            <TextInput
              name="maxPlacesPerRegistration"
              label="Most places one person can book"
              hint={`For themselves and people coming with them. Up to ${LIMITS.placesPerRegistration}.`}
              inputmode="numeric"
              width={2}
              value={values['maxPlacesPerRegistration'] ?? '1'}
              error={errors['maxPlacesPerRegistration']}
            />
            <Radios
              name="waitingList"
              legend="Can people join a waiting list when the meeting is full?"
              inline
              value={values['waitingList']}
              error={errors['waitingList']}
              options={[
                { value: 'yes', text: 'Yes' },
                { value: 'no', text: 'No' },
              ]}
            />
            <Textarea
              name="accessInformation"
              label="Access information (optional)"
              hint="For example, step-free access, hearing loop, accessible toilets, parking, nearest bus stop."
              value={values['accessInformation']}
              error={errors['accessInformation']}
            />
            <h2 class="govuk-heading-m">For the office’s reports</h2>
            <OfficeAttendeeRadios legend="Who attends for the office?" value={values['attendedFor']} error={errors['attendedFor']} />
            <Checkboxes name="themes" legend="Themes (optional)" hint="What the meeting is about, in the office’s list of themes: the reports count them across everything the office does." size="s" small columns items={themes.map((t) => ({ value: t.id, text: t.label }))} checked={chosenThemes} error={errors['themes']} />
            <Button>{meeting ? 'Save changes' : 'Create meeting'}</Button>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}
