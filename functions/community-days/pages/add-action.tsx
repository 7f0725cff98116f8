/** Adding an action arising from a visit: core's action fields, in the visit's council area unless another is chosen. */
import { ActionFields } from '../../core/actions/form.js';
import { formatLondonDate } from '../../core/time.js';
import { Button, ErrorSummary, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { Visit } from '../model.js';
import { CURRENT } from './visit-list.js';

export function AddActionPage({ visit, values, errors = {} }: { visit: Visit; values: FormValues; errors?: Errors }) {
  return (
    <StaffPage title={`Add an action: ${visit.placeName}`} current={CURRENT} back={`/staff/community-days/visits/${visit.id}`} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{visit.placeName}, {formatLondonDate(visit.startsAt)}</span>
      <h1 class="govuk-heading-xl">Add an action</h1>
      <PostForm action={`/staff/community-days/visits/${visit.id}/actions/new`} values={values}>
        <ActionFields values={{ areaCode: visit.areaCode, ...values }} errors={errors} />
        <Button>Add the action</Button>
      </PostForm>
    </StaffPage>
  );
}
