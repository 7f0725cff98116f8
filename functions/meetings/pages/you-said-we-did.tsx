/**
 * GET/POST /staff/meetings/{id}/you-said-we-did: staff write what residents raised at the meeting and
 * what the office did about it. The public meeting page shows the latest version; every version is
 * listed here with who saved it and when.
 */
import type { Child } from 'hono/jsx';
import { Button, Textarea, type Errors } from '../../core/ui/components.js';
import { Paragraphs } from '../../core/ui/choices.js';
import type { FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { formatLondon, formatLondonDate } from '../../core/time.js';
import { LIMITS, type Meeting, type YouSaidWeDid } from '../model.js';
import { MeetingTaskPage } from './task-page.js';

/** On the public meeting page, once staff have written it. */
export function YouSaidWeDidSection({ meeting }: { meeting: Meeting }) {
  const said = meeting.youSaidWeDid;
  if (!said) return null;
  return (
    <>
      <h2 class="govuk-heading-l">You said, we did</h2>
      <Paragraphs text={said.text} />
      <p class="govuk-body-s">{`Last updated ${formatLondonDate(said.at)}.`}</p>
    </>
  );
}

export function YouSaidWeDidPage({ meeting, versions, values, errors = {}, problem }: {
  meeting: Meeting;
  versions: YouSaidWeDid[];
  values?: FormValues;
  errors?: Errors;
  problem?: Child;
}) {
  const current = meeting.youSaidWeDid;
  return (
    <MeetingTaskPage meeting={meeting} heading="You said, we did" notSaved="Not saved" errors={errors} problem={problem}>
      <p class="govuk-body">
        What residents raised at the meeting and what the office did about it. It is shown on{' '}
        <a class="govuk-link" href={`/meetings/${meeting.id}`}>the meeting’s public page</a> as soon as you save it.
      </p>
      <PostForm action={`/staff/meetings/${meeting.id}/you-said-we-did`} values={values}>
        <input type="hidden" name="version" value={String(current?.version ?? 0)} />
        <Textarea
          name="text"
          label="You said, we did"
          hint="Plain text. Leave a blank line between paragraphs."
          rows={10}
          maxLength={LIMITS.youSaidWeDid}
          value={values?.['text'] ?? current?.text}
          error={errors['text']}
        />
        <Button>Save and publish</Button>
      </PostForm>
      {versions.length ? (
        <>
          <h2 class="govuk-heading-m">Versions</h2>
          {versions.map((v) => (
            <div class="govuk-inset-text">
              <p class="govuk-body-s govuk-!-font-weight-bold">{`Version ${v.version}, saved by ${v.by} on ${formatLondon(v.at)}`}</p>
              <Paragraphs text={v.text} />
            </div>
          ))}
        </>
      ) : null}
    </MeetingTaskPage>
  );
}
