/**
 * A respondent asks about their response, giving the receipt reference they were shown: staff find it
 * by that reference (one read: the reference names the response's shard) and see its answers, to read
 * back to them. A form that only finds something, so it is a GET.
 *
 *   GET /staff/consultations/{id}/responses/find[?reference=K7QM-4X2P]
 */
import { recordAccess } from '../../core/people/access-record.js';
import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import { handleNotFound } from '../../core/http/app.js';
import { Button, ErrorSummary, SummaryList, TextInput } from '../../core/ui/components.js';
import { StaffPage } from '../../core/ui/pages.js';
import { formatLondon } from '../../core/time.js';
import { answerLines } from '../answers.js';
import { allQuestions } from '../definition.js';
import { channelLabel, flagLabels, type Consultation, type StoredResponse } from '../model.js';
import { responseIdFromReference } from '../references.js';
import { findResponse } from '../responding.js';
import { answersDeletedBefore } from '../retention.js';
import { findConsultation } from './console.js';
import { base, STAFF } from './paths.js';

function FindResponsePage({ consultation, reference, error, response }: { consultation: Consultation; reference?: string; error?: string; response?: StoredResponse }) {
  const questions = allQuestions(consultation);
  return (
    <StaffPage title={`Find a response: ${consultation.title}`} current={STAFF} back={base(consultation)} hasErrors={Boolean(error)}>
      <ErrorSummary errors={error ? { reference: error } : {}} />
      <span class="govuk-caption-l">{consultation.title}</span>
      <h1 class="govuk-heading-xl">Find a response by its reference</h1>
      <form method="get" action={`${base(consultation)}/responses/find`} novalidate>
        <TextInput name="reference" label="Receipt reference" hint="The reference the respondent was shown and emailed, like K7QM-4X2P." value={reference ?? ''} error={error} spellcheck={false} autocomplete="off" />
        <Button>Find the response</Button>
      </form>
      {response ? (
        <>
          <h2 class="govuk-heading-l">Response {response.reference}</h2>
          <SummaryList
            rows={[
              { key: 'Sent', value: formatLondon(response.submittedAt) },
              { key: 'How', value: channelLabel(response.channel) },
              ...(response.flags.length ? [{ key: 'Possible duplicate', value: response.flags.map((f) => flagLabels[f]).join('; ') }] : []),
            ]}
          />
          <h3 class="govuk-heading-m">Answers</h3>
          <SummaryList
            rows={questions.map((q) => {
              const lines = answerLines(q, response.answers[q.id], response.answers);
              return { key: q.text, value: lines.length ? lines.join('; ') : 'Not answered' };
            })}
          />
        </>
      ) : null}
    </StaffPage>
  );
}

export function staffReceiptPages(app: Hono<AppEnv>): void {
  app.get(`${STAFF}/:id/responses/find`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    const reference = c.req.query('reference');
    if (reference === undefined) return c.html(<FindResponsePage consultation={consultation} />);
    const id = responseIdFromReference(reference);
    if (!id) return c.html(<FindResponsePage consultation={consultation} reference={reference} error="Enter the reference as it was shown, 8 letters and numbers like K7QM-4X2P" />, 400);
    const response = await findResponse(consultation.id, id);
    // Answers past their deletion date are not shown, even in the days before TTL removes them.
    const kept = response && response.submittedAt >= answersDeletedBefore(new Date());
    if (!response || !kept) return c.html(<FindResponsePage consultation={consultation} reference={reference} error={`No response to this consultation has the reference ${reference.trim()}, or its answers have been deleted (24 months after it was sent)`} />, 404);
    // Anonymous, but its free text may say who wrote it: a look at it is recorded.
    await recordAccess(c, { what: `A response to ${consultation.title}, found by its receipt reference`, people: 1 });
    return c.html(<FindResponsePage consultation={consultation} reference={reference} response={response} />);
  });
}
