/**
 * Passing an action on or giving it more time: a new owner or due date (or both) against the version
 * the person is looking at, with a note of why. Read with core's action fields, so the rules (a name
 * for an owner that needs one, a real due date) are the same as when the action was raised.
 */
import * as z from 'zod/mini';
import { readActionForm } from '../../core/actions/form.js';
import { actionOwners, isFinished, type Action } from '../../core/actions/model.js';
import { Button, Select, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { DateInput } from '../../core/ui/date-input.js';
import { issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { actionOwnerChangeInput, type ActionOwnerChangeInput } from '../model.js';

/** The form's fields as the action has them now. */
export function ownerFormValues(action: Action): FormValues {
  const [year, month, day] = action.dueOn?.split('-') ?? [];
  return { ownerKind: action.owner.kind, ownerName: action.owner.name ?? '', ...(action.dueOn ? { 'dueOn-day': String(Number(day)), 'dueOn-month': String(Number(month)), 'dueOn-year': year } : {}) };
}

export function ActionOwnerForm({ action, path, values, errors = {} }: { action: Action; path: string; values?: FormValues; errors?: Errors }) {
  if (isFinished(action.status)) return <p class="govuk-body">This action is closed. Open it again (above) to change its owner or due date.</p>;
  const shown = values ?? ownerFormValues(action);
  return (
    <PostForm action={path} values={shown}>
      <input type="hidden" name="version" value={String(action.version)} />
      <Select
        name="ownerKind"
        label="Who owns it"
        value={shown['ownerKind'] ?? ''}
        error={errors['ownerKind']}
        options={actionOwners.map((o) => ({ value: o.id, text: o.label }))}
      />
      <TextInput name="ownerName" label="Name of the owner (if needed)" hint="Needed for a community safety partnership, a Neighbourhood Policing Area commander, another organisation or a named staff member." value={shown['ownerName']} error={errors['ownerName']} />
      <DateInput name="dueOn" legend="Due date" hint="For example, 27 3 2027. Leave it empty for no due date." values={shown} error={errors['dueOn']} />
      <Textarea name="changeNote" label="Why (optional)" hint="Kept in the history with the change." rows={2} value={shown['changeNote']} error={errors['changeNote']} />
      <Button secondary>Change the owner or due date</Button>
    </PostForm>
  );
}

/** The posted fields → the change, or the errors by field. */
export function readOwnerForm(action: Action, form: FormValues, now: Date = new Date()): { input: ActionOwnerChangeInput; errors?: undefined } | { input?: undefined; errors: Errors } {
  const read = readActionForm({ ...form, what: action.what, theme: action.theme ?? '', areaCode: action.areaCode ?? '' }, now);
  if (read.errors) return { errors: read.errors };
  const parsed = z.safeParse(actionOwnerChangeInput, { version: Number(form['version']), owner: read.input.owner, ...(read.input.dueOn ? { dueOn: read.input.dueOn } : {}), note: form['changeNote'] ?? '' });
  if (!parsed.success) {
    const errors = issuesToErrors(parsed.error.issues);
    return { errors: errors['note'] ? { changeNote: errors['note'] } : errors };
  }
  return { input: parsed.data };
}

