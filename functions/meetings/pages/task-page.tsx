/**
 * A staff page for one task on a meeting (its join link, "you said, we did"): the meeting's title as
 * the caption, the task as the heading, a way back to the meeting, and the form's errors or refusal.
 */
import type { Child } from 'hono/jsx';
import { BackLink, ErrorSummary, ProblemBanner, type Errors } from '../../core/ui/components.js';
import { hasErrors } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import type { Meeting } from '../model.js';

export function MeetingTaskPage(props: { meeting: Meeting; heading: string; notSaved: string; errors: Errors; problem?: Child; children: Child }) {
  const { meeting, heading, errors } = props;
  return (
    <Layout
      title={`${heading}: ${meeting.title}`}
      staff
      current="/staff/meetings"
      hasErrors={hasErrors(errors)}
      beforeContent={<BackLink href={`/staff/meetings/${meeting.id}`}>Back to the meeting</BackLink>}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title={props.notSaved} problem={props.problem} />
          <span class="govuk-caption-l">{meeting.title}</span>
          <h1 class="govuk-heading-l">{heading}</h1>
          {props.children}
        </div>
      </div>
    </Layout>
  );
}
