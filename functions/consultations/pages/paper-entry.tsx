/** Entering a response given on paper, at an event or by telephone: every question on one page, as the respondent answered. */
import type { Child } from 'hono/jsx';
import { councilAreas } from '../../core/council-areas.js';
import { ChoiceList } from '../../core/ui/choices.js';
import { Button, ErrorSummary, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { StaffPage } from '../../core/ui/pages.js';
import { NOT_SURE, OUTSIDE_LLR } from '../about-you.js';
import { journeyPages } from '../definition.js';
import { channels, type Consultation } from '../model.js';
import { QuestionFields } from './question-fields.js';
import { base, STAFF } from './paths.js';

export function PaperEntryPage(props: { consultation: Consultation; values: FormValues; errors?: Errors; problem?: Child; banner?: string }) {
  const { consultation: c, values, errors = {} } = props;
  const pages = journeyPages(c);
  return (
    <StaffPage title={`Enter a response: ${c.title}`} current={STAFF} back={base(c)} banner={props.banner} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">Enter a response given on paper, at an event or by telephone</h1>
      {props.problem ? <div class="govuk-inset-text">{props.problem}</div> : null}
      <p class="govuk-body">Type the answers as the respondent gave them. Leave out questions they did not answer, and questions that did not apply to them.</p>
      <PostForm values={values}>
        <ChoiceList
          kind="radio"
          name="channel"
          legend="How was it given?"
          options={channels.filter((ch) => ch.id !== 'online').map((ch) => ({ value: ch.id, text: ch.label }))}
          values={values['channel'] ? [values['channel']] : []}
          error={errors['channel']}
        />
        {pages.map((page) => (
          <>
            <h2 class="govuk-heading-m">{page.title}</h2>
            {page.questions.map((q) =>
              q.type === 'area' ? (
                <ChoiceList
                  kind="radio"
                  name={q.id}
                  legend={q.text}
                  hint="Only when the postcode district covers more than one council area (for example LE2, LE8 or LE67)."
                  options={[...councilAreas.map((a) => ({ value: a.code as string, text: a.name as string })), { value: OUTSIDE_LLR.id, text: OUTSIDE_LLR.label }, { value: NOT_SURE.id, text: 'Not sure' }]}
                  values={values[q.id] ? [values[q.id]!] : []}
                  error={errors[q.id]}
                />
              ) : (
                <QuestionFields question={q} values={values} errors={errors} answers={{}} asHeading={false} />
              ),
            )}
          </>
        ))}
        <Button>Save response</Button>
      </PostForm>
    </StaffPage>
  );
}
