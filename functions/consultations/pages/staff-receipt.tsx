/**
 * A respondent asks about their response, giving the receipt reference they were shown: staff find it
 * by that reference (one read: the reference names the response's shard) and see its answers, to read
 * back to them. A form that only finds something, so it is a GET.
 *
 *   GET /staff/consultations/{id}/responses/find[?reference=K7QM-4X2P]
 */
import { recordAccess } from '../../core/people/access-record.js';
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { isAdmin, requireRole, type AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { looksLikeId } from '../../core/ui/forms.js';
import { handleNotFound } from '../../core/http/app.js';
import { Button, ErrorSummary, ProblemBanner, SummaryList, TextInput } from '../../core/ui/components.js';
import { ConfirmPage, StaffPage } from '../../core/ui/pages.js';
import { formatLondon } from '../../core/time.js';
import { answerLines } from '../answers.js';
import { allQuestions } from '../definition.js';
import { channelLabel, flagLabels, type Consultation, type StoredResponse } from '../model.js';
import { responseIdFromReference } from '../references.js';
import { findResponse } from '../responding.js';
import { withdrawResponse } from '../withdrawing.js';
import { answersDeletedBefore } from '../retention.js';
import { findConsultation } from './console.js';
import { base, STAFF } from './paths.js';

function FindResponsePage(props: { consultation: Consultation; reference?: string; error?: string; response?: StoredResponse; canWithdraw?: boolean; banner?: string }) {
  const { consultation, reference, error, response } = props;
  const questions = allQuestions(consultation);
  return (
    <StaffPage title={`Find a response: ${consultation.title}`} current={STAFF} back={base(consultation)} hasErrors={Boolean(error)} banner={props.banner}>
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
          {props.canWithdraw ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base(consultation)}/responses/${response.id}/withdraw`}>
                Withdraw this response<span class="govuk-visually-hidden"> {response.reference}</span>
              </a>{' '}
              if its respondent asks: its answers are deleted and its counts come off the results.
            </p>
          ) : null}
        </>
      ) : null}
    </StaffPage>
  );
}

/** The consultation and the response the path names, if both are there (and the response's answers still kept). */
async function responseOf(c: Context<AppEnv>): Promise<{ consultation: Consultation; response: StoredResponse } | undefined> {
  const responseId = c.req.param('responseId') ?? '';
  const consultation = await findConsultation(c);
  if (!consultation || !looksLikeId(responseId)) return undefined;
  const response = await findResponse(consultation.id, responseId);
  return response && response.submittedAt >= answersDeletedBefore(new Date()) ? { consultation, response } : undefined;
}

function ConfirmWithdrawPage({ consultation, response, problem }: { consultation: Consultation; response: StoredResponse; problem?: Child }) {
  return (
    <ConfirmPage
      title={`Are you sure you want to withdraw response ${response.reference}?`}
      caption={consultation.title}
      action={`${base(consultation)}/responses/${response.id}/withdraw`}
      confirm="Yes, withdraw it"
      back={`${base(consultation)}/responses/find?reference=${encodeURIComponent(response.reference)}`}
      staff={{ current: STAFF }}
    >
      <ProblemBanner title="Not withdrawn" problem={problem} />
      <p class="govuk-body">Its answers are deleted and its counts come off the results. This cannot be undone.</p>
    </ConfirmPage>
  );
}

export function staffReceiptPages(app: Hono<AppEnv>): void {
  app.get(`${STAFF}/:id/responses/find`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    const reference = c.req.query('reference');
    if (reference === undefined) return c.html(<FindResponsePage consultation={consultation} banner={c.req.query('done') === 'withdrawn' ? 'The response has been withdrawn' : undefined} />);
    const id = responseIdFromReference(reference);
    if (!id) return c.html(<FindResponsePage consultation={consultation} reference={reference} error="Enter the reference as it was shown, 8 letters and numbers like K7QM-4X2P" />, 400);
    const response = await findResponse(consultation.id, id);
    // Answers past their deletion date are not shown, even in the days before TTL removes them.
    const kept = response && response.submittedAt >= answersDeletedBefore(new Date());
    if (!response || !kept) return c.html(<FindResponsePage consultation={consultation} reference={reference} error={`No response to this consultation has the reference ${reference.trim()}, or its answers have been deleted (24 months after it was sent)`} />, 404);
    // Anonymous, but its free text may say who wrote it: a look at it is recorded.
    await recordAccess(c, { what: `A response to ${consultation.title}, found by its receipt reference`, people: 1 });
    return c.html(<FindResponsePage consultation={consultation} reference={reference} response={response} canWithdraw={isAdmin(c)} />);
  });

  // Admins only: a withdrawal deletes answers and changes the results.
  app.get(`${STAFF}/:id/responses/:responseId/withdraw`, requireRole('admin'), async (c) => {
    const found = await responseOf(c);
    if (!found) return handleNotFound(c);
    return c.html(<ConfirmWithdrawPage {...found} />);
  });

  formRoute(app, `${STAFF}/:id/responses/:responseId/withdraw`, {
    role: 'admin',
    load: responseOf,
    act: (_, found) => withdrawResponse(found.consultation.id, found.response.id),
    done: (_, found) => `${base(found.consultation)}/responses/find?done=withdrawn`,
    again: ({ context, problem }) => <ConfirmWithdrawPage {...context} problem={problem} />,
  });
}
