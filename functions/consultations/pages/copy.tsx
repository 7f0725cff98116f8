/** Copying a consultation: a new version of it (to change its questions) or next year's. */
import { Button, ErrorSummary, Radios, TextInput, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { Consultation } from '../model.js';
import { base, STAFF } from './paths.js';

export function CopyPage({ consultation: c, values, errors = {}, locked }: { consultation: Consultation; values: FormValues; errors?: Errors; locked: boolean }) {
  return (
    <StaffPage title={`Copy ${c.title}`} current={STAFF} back={base(c)} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">Copy this consultation</h1>
      <p class="govuk-body">The copy is a new draft with the same questions and settings, and no responses.</p>
      <PostForm values={values}>
        <Radios
          name="kind"
          legend="What is the copy for?"
          value={values['kind'] ?? (locked ? 'version' : 'copy')}
          options={[
            { value: 'version', text: 'A new version of this consultation, to change its questions (same dates)' },
            { value: 'copy', text: 'A new consultation, for example next year’s (dates a year later)' },
          ]}
          error={errors['kind']}
        />
        <TextInput name="title" label="Title of the copy" value={values['title']} error={errors['title']} />
        <Button>Make the copy</Button>
      </PostForm>
    </StaffPage>
  );
}
