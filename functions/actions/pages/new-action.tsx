/** Raising an action on its own: one that arises from no capability's work. */
import { ActionFields } from '../../core/actions/form.js';
import { Button, ErrorSummary, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { raisedFrom } from '../sources.js';

export function NewActionPage({ values, errors = {} }: { values: FormValues; errors?: Errors }) {
  return (
    <StaffPage title="Add an action" current="/staff/actions" back="/staff/actions" hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Add an action</h1>
      <p class="govuk-body">For an action that does not arise from {raisedFrom()}. Actions arising from those are added on their own pages.</p>
      <PostForm action="/staff/actions/new" values={values}>
        <ActionFields values={values} errors={errors} />
        <Button>Add the action</Button>
      </PostForm>
    </StaffPage>
  );
}
