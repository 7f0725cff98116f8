/**
 * After it closes: what the Commissioner decided, the public results page (published, or taken down by
 * an administrator), and the actions raised from the consultation.
 */
import type { Child } from 'hono/jsx';
import { Button, ErrorSummary, Radios, Textarea, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { StaffPage } from '../../core/ui/pages.js';
import { formatLondon } from '../../core/time.js';
import { phaseOf, type Consultation } from '../model.js';
import { base, STAFF } from './paths.js';

export function DecisionPage(props: { consultation: Consultation; values: FormValues; errors?: Errors; problem?: Child; banner?: string; now: Date; /** Admins only may take the results page down. */ canWithdraw: boolean }) {
  const { consultation: c, values, errors = {} } = props;
  const closed = phaseOf(c, props.now) === 'closed';
  return (
    <StaffPage title={`Decision and results page: ${c.title}`} current={STAFF} back={base(c)} banner={props.banner} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">What the Commissioner decided</h1>
      {props.problem ? <div class="govuk-inset-text">{props.problem}</div> : null}
      <PostForm action={`${base(c)}/decision`} values={values}>
        <Textarea name="decision" label="What was decided (“we did”)" hint="Shown on the public results page. Leave a blank line between paragraphs." value={values['decision']} error={errors['decision']} rows={8} />
        <Button>Save the decision</Button>
      </PostForm>
      <h2 class="govuk-heading-m">The public results page</h2>
      {c.resultsPublishedAt ? (
        <>
          <p class="govuk-body">
            Published {formatLondon(c.resultsPublishedAt)}, {c.publishedWithFlagged === false ? 'leaving out' : 'including'} responses flagged as possible duplicates:{' '}
            <a class="govuk-link" href={`/consultations/${c.id}/results`}>
              /consultations/{c.id}/results
            </a>
          </p>
          {props.canWithdraw ? (
            <PostForm action={`${base(c)}/withdraw-results`}>
              <Button secondary>Take the results page down</Button>
            </PostForm>
          ) : (
            <p class="govuk-body">Only an administrator can take the results page down.</p>
          )}
        </>
      ) : closed ? (
        <PostForm action={`${base(c)}/publish-results`}>
          <Radios
            name="flagged"
            legend="Count responses flagged as possible duplicates?"
            value={values['flagged'] ?? 'include'}
            options={[
              { value: 'include', text: 'Yes, include them' },
              { value: 'exclude', text: 'No, leave them out' },
            ]}
          />
          <Button>Publish the results page</Button>
        </PostForm>
      ) : (
        <p class="govuk-body">You can publish the results once the consultation has closed.</p>
      )}
      {closed ? (
        <>
          <h2 class="govuk-heading-m">Actions</h2>
          <p class="govuk-body">
            <a class="govuk-link" href={`${base(c)}/actions/new`}>
              Raise an action from what was decided
            </a>
            , for the action log to follow up.
          </p>
        </>
      ) : null}
    </StaffPage>
  );
}
