/**
 * GET/POST /staff/meetings/held/new: a meeting that already happened, recorded with how many came. No
 * registration questions: nobody registered. Dates and times are typed as on a UK clock, as on the
 * meeting form.
 */
import type { Child } from 'hono/jsx';
import * as z from 'zod/mini';
import { OfficeAttendeeRadios } from '../../core/ui/office-attendee.js';
import { themes } from '../../core/themes.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { BackLink, Button, ErrorSummary, ProblemBanner, TextInput, type Errors } from '../../core/ui/components.js';
import { DateInput, readDateTime } from '../../core/ui/date-input.js';
import { hasErrors, inFieldOrder, issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';
import { heldMeetingForm, type HeldMeetingInput } from '../model.js';
import { whatAndWhere, WhatAndWhereFields } from './meeting-form.js';

const DATE_TIMES = {
  startsAt: { legend: 'Start', missing: 'Enter when the meeting started', noun: 'The start' },
  endsAt: { legend: 'End', missing: 'Enter when the meeting ended', noun: 'The end' },
} as const;

const FIELDS = ['title', 'description', 'areaCode', 'venue', 'address', 'latitude', 'longitude', 'startsAt', 'endsAt', 'attendance', 'attendedFor', 'themes'] as const;

/** Validates the posted form; every problem is reported at once, in the order the fields appear. */
export function readHeldMeetingForm(form: FormValues, chosenThemes: readonly string[]): { input: HeldMeetingInput; errors?: undefined } | { errors: Errors } {
  const errors: Errors = {};
  const instants: Record<string, string> = {};
  for (const field of ['startsAt', 'endsAt'] as const) {
    const read = readDateTime(form, field, DATE_TIMES[field]);
    if (read.error !== undefined) errors[field] = read.error;
    else instants[field] = read.iso;
  }
  if (!form['attendance']?.trim()) errors['attendance'] = 'Enter how many people came';
  const parsed = z.safeParse(heldMeetingForm, {
    ...whatAndWhere(form),
    ...instants,
    attendance: form['attendance']?.trim(),
    attendedFor: form['attendedFor'] || 'commissioner',
    themes: chosenThemes,
  });
  if (!parsed.success) for (const [field, message] of Object.entries(issuesToErrors(parsed.error.issues))) errors[field] ??= message;
  const ordered = inFieldOrder(errors, FIELDS);
  return parsed.success && !hasErrors(ordered) ? { input: parsed.data } : { errors: ordered };
}

export function HeldMeetingFormPage({ values, errors = {}, problem, chosenThemes = [] }: { values: FormValues; errors?: Errors; problem?: Child; chosenThemes?: readonly string[] }) {
  return (
    <Layout title="Record a meeting that already happened" hasErrors={hasErrors(errors)} staff current="/staff/meetings" beforeContent={<BackLink href="/staff/meetings">Back</BackLink>}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="The meeting was not recorded" problem={problem} />
          <h1 class="govuk-heading-xl">Record a meeting that already happened</h1>
          <p class="govuk-body">
            For a meeting held without registration, so it counts in the office’s figures. No one is emailed. You can add
            the names of people who came afterwards, from the meeting’s check-in page.
          </p>
          <PostForm action="/staff/meetings/held/new" values={values}>
            <WhatAndWhereFields values={values} errors={errors} />
            <h2 class="govuk-heading-m">Date and time</h2>
            <p class="govuk-body">Use UK time. For example, 3 12 2025 and 18:30.</p>
            <DateInput name="startsAt" legend={DATE_TIMES.startsAt.legend} withTime values={values} error={errors['startsAt']} />
            <DateInput name="endsAt" legend={DATE_TIMES.endsAt.legend} withTime values={values} error={errors['endsAt']} />
            <TextInput
              name="attendance"
              label="How many people came"
              hint="Everyone counted, not the office’s own staff. Each name you add afterwards counts one more."
              inputmode="numeric"
              width={5}
              value={values['attendance']}
              error={errors['attendance']}
            />
            <h2 class="govuk-heading-m">For the office’s reports</h2>
            <OfficeAttendeeRadios value={values['attendedFor']} error={errors['attendedFor']} />
            <Checkboxes name="themes" legend="Themes (optional)" size="s" small columns items={themes.map((t) => ({ value: t.id, text: t.label }))} checked={chosenThemes} error={errors['themes']} />
            <Button>Record meeting</Button>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}
