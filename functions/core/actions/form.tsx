/**
 * The fields of a new action on a page, and reading them back, for any capability that raises
 * actions (the action log itself, a visit's page, a surgery's outcome). Dates are London days.
 *
 *   <PostForm action={path} values={values}><ActionFields values={values} errors={errors} /><Button>Add the action</Button></PostForm>
 *   formRoute(app, path, { read: ({ values }) => readActionForm(values), act: (input) => ...newAction(input, ...) });
 */
import * as z from 'zod/mini';
import { councilAreas } from '../council-areas.js';
import { themes } from '../themes.js';
import { Select, Textarea, TextInput, type Errors } from '../ui/components.js';
import { DateInput, readDateTime } from '../ui/date-input.js';
import { hasErrors, inFieldOrder, type FormValues } from '../ui/forms.js';
import { londonDay } from '../time.js';
import { actionOwners, newActionInput, type NewAction } from './model.js';

export const ACTION_FIELDS = ['what', 'ownerKind', 'ownerName', 'theme', 'areaCode', 'dueOn'] as const;

export function ActionFields({ values, errors = {}, fixedArea }: { values: FormValues; errors?: Errors; fixedArea?: boolean }) {
  return (
    <>
      <Textarea name="what" label="What needs to be done" rows={3} value={values['what']} error={errors['what']} />
      <Select
        name="ownerKind"
        label="Who owns it"
        hint="Where the action goes, or who in the office follows it up."
        value={values['ownerKind'] ?? ''}
        error={errors['ownerKind']}
        options={[{ value: '', text: 'Choose an owner' }, ...actionOwners.map((o) => ({ value: o.id, text: o.label }))]}
      />
      <TextInput
        name="ownerName"
        label="Name of the owner (if needed)"
        hint="Needed for a community safety partnership, a Neighbourhood Policing Area commander, another organisation or a named staff member."
        value={values['ownerName']}
        error={errors['ownerName']}
      />
      <Select
        name="theme"
        label="Theme (optional)"
        value={values['theme'] ?? ''}
        error={errors['theme']}
        options={[{ value: '', text: 'No theme' }, ...themes.map((t) => ({ value: t.id, text: t.label }))]}
      />
      {fixedArea ? null : (
        <Select
          name="areaCode"
          label="Council area (optional)"
          value={values['areaCode'] ?? ''}
          error={errors['areaCode']}
          options={[{ value: '', text: 'No council area' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]}
        />
      )}
      <DateInput name="dueOn" legend="Due date (optional)" hint="For example, 27 3 2027" values={values} error={errors['dueOn']} />
    </>
  );
}

/** The posted fields → a new action, or the errors by field (in the order the fields appear). */
export function readActionForm(form: FormValues, now: Date = new Date()): { input: NewAction; errors?: undefined } | { input?: undefined; errors: Errors } {
  const errors: Errors = {};
  const blankDue = ['day', 'month', 'year'].every((p) => !form[`dueOn-${p}`]?.trim());
  let dueOn: string | undefined;
  if (!blankDue) {
    const read = readDateTime(form, 'dueOn', { missing: 'Enter the due date', noun: 'The due date' }, false);
    if (read.error !== undefined) errors['dueOn'] = read.error;
    else {
      dueOn = londonDay(new Date(read.iso));
      if (dueOn.slice(0, 4) < '2000' || dueOn.slice(0, 4) > '2100') errors['dueOn'] = 'The due date must be between the years 2000 and 2100';
      else if (dueOn < londonDay(new Date(now.getTime() - 366 * 86_400_000))) errors['dueOn'] = 'The due date must be within the last year or in the future';
    }
  }
  const parsed = z.safeParse(newActionInput, {
    what: form['what'] ?? '',
    owner: { kind: form['ownerKind'] ?? '', ...(form['ownerName']?.trim() ? { name: form['ownerName'] } : {}) },
    ...(form['theme'] ? { theme: form['theme'] } : {}),
    ...(form['areaCode'] ? { areaCode: form['areaCode'] } : {}),
    ...(dueOn ? { dueOn } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field = path === 'owner.kind' ? 'ownerKind' : path === 'owner.name' ? 'ownerName' : String(issue.path[0]);
      errors[field] ??= issue.message;
    }
  }
  const ordered = inFieldOrder(errors, ACTION_FIELDS);
  return parsed.success && !hasErrors(ordered) ? { input: parsed.data } : { errors: ordered };
}
