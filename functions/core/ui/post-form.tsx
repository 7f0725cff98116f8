/**
 * Every form that changes something: `method="post"`, no browser validation (the server's messages
 * are the GOV.UK ones), and a one-off `submission` key, so a double click or a refresh acts once
 * (core/submissions.ts). A form shown again with its errors keeps the key it was sent with: nothing
 * was saved, so sending it again is still the first time.
 *
 *   <PostForm action={`/staff/meetings/${id}/edit`} values={values}>...</PostForm>
 */
import type { Child } from 'hono/jsx';
import { newSecret } from '../ids.js';
import { looksLikeSubmissionKey } from '../submissions.js';
import type { FormValues } from './forms.js';

/** The form field that carries the key. */
export const SUBMISSION_FIELD = 'submission';

/** The key the form was sent with, or a new one for a form shown for the first time. */
export const submissionFor = (values?: FormValues) => {
  const sent = values?.[SUBMISSION_FIELD];
  return sent && looksLikeSubmissionKey(sent) ? sent : newSecret();
};

export function PostForm(props: { action?: string; values?: FormValues; children: Child; class?: string; enctype?: 'multipart/form-data'; id?: string }) {
  return (
    <form method="post" action={props.action} novalidate class={props.class} enctype={props.enctype} id={props.id}>
      <input type="hidden" name={SUBMISSION_FIELD} value={submissionFor(props.values)} />
      {props.children}
    </form>
  );
}
