/**
 * What respondents see: the list of consultations, a consultation's start page (or why it is not
 * open), one page of questions, check your answers, and the confirmation with the receipt reference.
 */
import { BackLink, Button, ErrorSummary, Panel, Tag, TextInput, type Errors } from '../../core/ui/components.js';
import { Details, Paragraphs } from '../../core/ui/choices.js';
import type { FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';
import { formatLondon } from '../../core/time.js';
import { answerLines } from '../answers.js';
import type { Answers, Consultation, Phase, QuestionPage } from '../model.js';
import { phaseOf } from '../model.js';
import { checkPath, questionPath } from './journey.js';
import { QuestionFields } from './question-fields.js';

const CURRENT = '/consultations';

export function DemoTag({ consultation }: { consultation: Pick<Consultation, 'demo'> }) {
  return consultation.demo ? (
    <p class="govuk-body">
      <Tag colour="yellow">Demo data</Tag> This consultation and its figures are made up, to show how the service works.
    </p>
  ) : null;
}

const phaseTag = (phase: Phase) =>
  phase === 'open' ? <Tag colour="green">Open</Tag> : phase === 'upcoming' ? <Tag colour="blue">Opens soon</Tag> : <Tag colour="grey">Closed</Tag>;

export function ConsultationListPage({ consultations, now }: { consultations: Consultation[]; now: Date }) {
  const open = consultations.filter((c) => phaseOf(c, now) !== 'closed');
  const closed = consultations.filter((c) => phaseOf(c, now) === 'closed');
  return (
    <Layout title="Consultations" current={CURRENT}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">Consultations</h1>
          <p class="govuk-body-l">Tell the Police and Crime Commissioner what you think: about policing priorities, and about the police part of your council tax.</p>
          <h2 class="govuk-heading-m">Open now and coming soon</h2>
          {open.length === 0 ? (
            <p class="govuk-body">There are no consultations open at the moment. Check again later.</p>
          ) : (
            <ul class="govuk-list">
              {open.map((c) => (
                <li>
                  <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                    <a class="govuk-link" href={`/consultations/${c.id}`}>
                      {c.title}
                    </a>
                  </h3>
                  <p class="govuk-body">
                    {phaseTag(phaseOf(c, now))} {phaseOf(c, now) === 'open' ? `Closes ${formatLondon(c.closesAt)}` : `Opens ${formatLondon(c.opensAt)}`}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {closed.length ? (
            <>
              <h2 class="govuk-heading-m">Closed</h2>
              <ul class="govuk-list">
                {closed.map((c) => (
                  <li>
                    <a class="govuk-link" href={c.resultsPublishedAt ? `/consultations/${c.id}/results` : `/consultations/${c.id}`}>
                      {c.title}
                    </a>
                    {c.resultsPublishedAt ? ': results and what we did' : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

/** What the consultation is about, and its background to open (the start page, and the staff preview). */
export function Introduction({ consultation: c }: { consultation: Pick<Consultation, 'introduction' | 'background'> }) {
  return (
    <>
      <Paragraphs text={c.introduction} className="govuk-body-l" />
      {c.background ? (
        <Details summary="What is the precept, and why are we asking?">
          <Paragraphs text={c.background} />
        </Details>
      ) : null}
    </>
  );
}

/** The start page: what it is about, the background to open, when it closes, and the way in (or why not). */
export function StartPage({ consultation: c, now, firstPageId }: { consultation: Consultation; now: Date; firstPageId?: string }) {
  const phase = phaseOf(c, now);
  return (
    <Layout title={c.title} current={CURRENT} beforeContent={<BackLink href="/consultations">All consultations</BackLink>}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{c.title}</h1>
          <DemoTag consultation={c} />
          <Introduction consultation={c} />
          {phase === 'open' ? (
            <>
              <p class="govuk-body">
                The consultation closes at <strong>{formatLondon(c.closesAt)}</strong>.
              </p>
              <p class="govuk-body">It takes about 5 to 10 minutes. You do not need to give your name or email address, and every question about you is optional.</p>
              <p class="govuk-body">We keep your answers between pages with a cookie that holds a random code, not anything about you.</p>
              {firstPageId ? (
                <a href={questionPath(c.id, firstPageId)} role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">
                  Start now
                  <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
                  </svg>
                </a>
              ) : null}
            </>
          ) : phase === 'upcoming' ? (
            <div class="govuk-inset-text">This consultation opens at {formatLondon(c.opensAt)}. You cannot respond before then.</div>
          ) : (
            <>
              <div class="govuk-inset-text">This consultation closed at {formatLondon(c.status === 'closed' && c.closedAt && c.closedAt < c.closesAt ? c.closedAt : c.closesAt)}. We are no longer taking responses.</div>
              {c.resultsPublishedAt ? (
                <p class="govuk-body">
                  <a class="govuk-link" href={`/consultations/${c.id}/results`}>
                    Read the results and what the Commissioner decided
                  </a>
                </p>
              ) : (
                <p class="govuk-body">We will publish the results and what the Commissioner decided here.</p>
              )}
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}

export interface QuestionPageProps {
  consultation: Consultation;
  page: QuestionPage;
  position: { number: number; of: number };
  values: FormValues;
  errors?: Errors;
  answers: Answers;
  back: string;
  returnToCheck: boolean;
}

export function QuestionsPage({ consultation: c, page, position, values, errors = {}, answers, back, returnToCheck }: QuestionPageProps) {
  const single = page.questions.length === 1;
  const caption = `${page.title === 'About you' ? 'About you' : c.title} – page ${position.number} of ${position.of}`;
  const title = single ? page.questions[0]!.text : page.title;
  return (
    <Layout title={title} hasErrors={Object.keys(errors).length > 0} current={CURRENT} beforeContent={<BackLink href={back} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <PostForm action={questionPath(c.id, page.id, returnToCheck)} values={values}>
            {single ? null : (
              <>
                <span class="govuk-caption-l">{caption}</span>
                <h1 class="govuk-heading-l">{page.title}</h1>
              </>
            )}
            {page.questions.map((q) => (
              <QuestionFields question={q} values={values} errors={errors} answers={answers} asHeading={single} {...(single ? { caption } : {})} />
            ))}
            <Button>{returnToCheck ? 'Save and go back to check your answers' : 'Continue'}</Button>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}

export function CheckAnswersPage(props: { consultation: Consultation; pages: QuestionPage[]; answers: Answers; values: FormValues; errors?: Errors; back: string }) {
  const { consultation: c, pages, answers, values, errors = {} } = props;
  return (
    <Layout title="Check your answers before sending your response" hasErrors={Object.keys(errors).length > 0} current={CURRENT} beforeContent={<BackLink href={props.back} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span class="govuk-caption-l">{c.title}</span>
          <h1 class="govuk-heading-l">Check your answers before sending your response</h1>
          {pages.map((page) => (
            <>
              <h2 class="govuk-heading-m">{page.title}</h2>
              <dl class="govuk-summary-list govuk-!-margin-bottom-9">
                {page.questions.map((q) => {
                  const lines = answerLines(q, answers[q.id], answers);
                  return (
                    <div class="govuk-summary-list__row">
                      <dt class="govuk-summary-list__key">{q.text}</dt>
                      <dd class="govuk-summary-list__value">
                        {lines.length === 0 ? (
                          <span class="govuk-hint govuk-!-margin-bottom-0">Not answered</span>
                        ) : lines.length === 1 ? (
                          lines[0]
                        ) : (
                          <ul class="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
                            {lines.map((l) => (
                              <li>{l}</li>
                            ))}
                          </ul>
                        )}
                      </dd>
                      <dd class="govuk-summary-list__actions">
                        <a class="govuk-link" href={questionPath(c.id, page.id, true)}>
                          Change<span class="govuk-visually-hidden"> your answer to: {q.text}</span>
                        </a>
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </>
          ))}
          {/* One key per showing of this page (PostForm): sending it twice stores one response. */}
          <PostForm action={checkPath(c.id)} values={values}>
            <h2 class="govuk-heading-m">Get a copy of your answers</h2>
            <TextInput
              name="receiptEmail"
              label="Email address (optional)"
              hint="We will email you a copy of your answers. We use the address only to send it, and delete it once it is sent: it is not kept with your answers."
              type="email"
              autocomplete="email"
              spellcheck={false}
              value={values['receiptEmail']}
              error={errors['receiptEmail']}
            />
            <h2 class="govuk-heading-m">Now send your response</h2>
            <p class="govuk-body">
              By sending it you agree that we may use your answers, without your name, to inform the Commissioner’s decision and publish the results. Read our{' '}
              <a class="govuk-link" href="/privacy">
                privacy notice
              </a>
              .
            </p>
            <Button>Send your response</Button>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}

export function ConfirmationPage({ consultation: c, reference, emailed }: { consultation: Consultation; reference: string; emailed: boolean }) {
  return (
    <Layout title="Response sent" current={CURRENT}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel title="Response sent">
            Your receipt reference is
            <br />
            <strong>{reference}</strong>
          </Panel>
          {emailed ? <p class="govuk-body">We are emailing a copy of your answers to the address you gave. We will not keep the address.</p> : null}
          <h2 class="govuk-heading-m">What happens next</h2>
          <p class="govuk-body">
            The consultation closes at {formatLondon(c.closesAt)}. The Commissioner will consider every response before deciding, and we will publish the results, and what was decided,
            on this website.
          </p>
          <p class="govuk-body">Keep your reference if you want to ask us about your response. We cannot find it any other way: we do not keep your name or email address.</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/consultations">
              See other consultations
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** When the questionnaire cannot go on because the browser does not keep cookies. */
export function CookiesNeededPage({ consultation: c }: { consultation: Consultation }) {
  return (
    <Layout title="Your answers could not be kept" current={CURRENT}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Your answers could not be kept</h1>
          <p class="govuk-body">We keep your answers between pages with a cookie holding a random code. Your browser did not send it back, so we cannot keep your answers.</p>
          <p class="govuk-body">Allow cookies for this site, then start again. The cookie holds nothing about you, and we use it for nothing else.</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/consultations/${c.id}`}>
              Start again
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
