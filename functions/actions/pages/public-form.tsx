/**
 * "What happened next": whether the action's outcome shows on the public page it came from, and what
 * residents read there, against the version the person is looking at. Shown once the action is finished.
 */
import * as z from 'zod/mini';
import { isFinished, type Action } from '../../core/actions/model.js';
import { Button, Checkbox, Textarea, type Errors } from '../../core/ui/components.js';
import { issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { actionPublicInput, type ActionPublicInput } from '../model.js';
import { hasPublicPage } from '../sources.js';
import { NO_PUBLIC_PAGE } from '../tracking.js';

export function ActionPublicForm({ action, values, errors = {} }: { action: Action; values?: FormValues; errors?: Errors }) {
  if (!hasPublicPage(action.source)) return <p class="govuk-body">{NO_PUBLIC_PAGE}.</p>;
  const shown = values ?? { public: action.public ? 'yes' : '', outcome: action.publicOutcome ?? '' };
  return (
    <PostForm action={`/staff/actions/${action.id}/public`} values={shown}>
      <p class="govuk-body">
        {action.public && isFinished(action.status)
          ? 'What happened is shown on the public page this action came from.'
          : action.public
            ? 'What happened will be shown on the public page this action came from once the action is done or closed.'
            : 'Not shown on the public page this action came from.'}
      </p>
      <input type="hidden" name="version" value={String(action.version)} />
      <Checkbox name="public" value="yes" legend="Public page" label="Show what happened on the public page it came from, once the action is done or closed" checked={shown['public'] === 'yes'} error={errors['public']} />
      <Textarea name="outcome" label="What happened, for residents" hint="Plain words: residents read this, under the action’s description, in “What happened next”. Leave out names and personal details." rows={3} value={shown['outcome']} error={errors['outcome']} />
      <Button secondary>Save what residents see</Button>
    </PostForm>
  );
}

/** The posted fields → the change, or the errors by field. */
export function readPublicForm(form: FormValues): { input: ActionPublicInput; errors?: undefined } | { input?: undefined; errors: Errors } {
  const parsed = z.safeParse(actionPublicInput, { version: Number(form['version']), public: form['public'] === 'yes', outcome: form['outcome'] ?? '' });
  return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
}
