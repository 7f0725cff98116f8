/**
 * Raising an action from a meeting: from a question a resident sent in advance (the question shown
 * above the form), or something raised on the night. The fields are core's (ActionFields), with the
 * meeting's council area already chosen.
 */
import type { Child } from 'hono/jsx';
import { ActionFields } from '../../core/actions/form.js';
import { Button, ErrorSummary, ProblemBanner, type Errors } from '../../core/ui/components.js';
import { Paragraphs } from '../../core/ui/choices.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { formatLondonDate } from '../../core/time.js';
import type { Meeting } from '../model.js';
import type { Question } from '../registrations.js';

export function RaiseActionPage({ meeting, question, values, errors = {}, problem }: { meeting: Meeting; question?: Question; values: FormValues; errors?: Errors; problem?: Child }) {
  const base = `/staff/meetings/${meeting.id}`;
  const title = question ? `Raise an action from question ${question.reference}` : 'Raise an action from the meeting';
  return (
    <StaffPage title={title} current="/staff/meetings" back={question ? `${base}/questions` : base} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <ProblemBanner title="The action was not raised" problem={problem} />
      <span class="govuk-caption-l">
        {meeting.title}, {formatLondonDate(meeting.startsAt)}
      </span>
      <h1 class="govuk-heading-xl">{title}</h1>
      {question ? (
        <div class="govuk-inset-text">
          <p class="govuk-body govuk-!-font-weight-bold">{`${question.name} asked:`}</p>
          <Paragraphs text={question.question} />
        </div>
      ) : (
        <p class="govuk-body">Something raised on the night, or about the meeting as a whole. It goes on the action log, where it is followed up.</p>
      )}
      <PostForm action={question ? `${base}/questions/${question.registrationId}/actions/new` : `${base}/actions/new`} values={values}>
        <ActionFields values={{ areaCode: meeting.areaCode, ...values }} errors={errors} />
        <Button>Raise the action</Button>
      </PostForm>
    </StaffPage>
  );
}
