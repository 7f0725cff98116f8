/** What happened at a surgery: attendance, themes, notes, signposting and up to three actions arising. */
import * as z from 'zod/mini';
import { actionOwners } from '../../core/actions/model.js';
import type { Read } from '../../core/http/form-route.js';
import { themes } from '../../core/themes.js';
import { localLondonToUtcIso } from '../../core/time.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { Radios, Select, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { DateInput } from '../../core/ui/date-input.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { joinDate } from '../../core/ui/typed-dates.js';
import { attendanceKinds, LIMITS, outcomeInput, type OutcomeInput } from '../model.js';
import type { StoredBooking } from '../store/bookings.js';

export const ACTION_ROWS = 3;

/** The posted outcome, with up to three actions (a row counts when "what" is filled in). */
export function readOutcomeForm(form: FormValues, chosenThemes: readonly string[]): Read<OutcomeInput> {
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
  return parsed.success && !hasErrors(errors) ? { input: parsed.data } : { errors };
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

export const outcomeFormValues = (b: StoredBooking): { values: FormValues; themes: string[] } => ({
  values: { version: String(b.outcomeVersion), attendance: b.outcome?.attendance, notes: b.outcome?.notes ?? '', signposted: b.outcome?.signposted ?? '' },
  themes: b.outcome?.themes ?? [],
});
