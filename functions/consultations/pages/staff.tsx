/**
 * Staff console pages for consultations. Everything under /staff needs the staff role (createApp
 * guards it); handlers read the form, call the domain and pick a page; every change redirects.
 *
 *   GET       /staff/consultations                               the list
 *   GET/POST  /staff/consultations/new                           create (details)
 *   GET       /staff/consultations/{id}                          the consultation, its pages and questions
 *   GET/POST  /staff/consultations/{id}/edit                     details
 *   GET/POST  /staff/consultations/{id}/pages/new, /pages/{page}/edit, /pages/{page}/remove; POST /pages/{page}/move
 *   GET       /staff/consultations/{id}/pages/{page}/questions/new[?type=]   choose a type, then the question form
 *   POST      /staff/consultations/{id}/pages/{page}/questions/new/{type}
 *   GET/POST  /staff/consultations/{id}/questions/{q}/edit, /questions/{q}/remove; POST /questions/{q}/move
 *   GET       /staff/consultations/{id}/preview
 *   GET/POST  /staff/consultations/{id}/publish, /close, /copy
 *   GET       /staff/consultations/{id}/results[?flagged=&breakdown=], /results.csv, /responses.csv
 *   GET       /staff/consultations/{id}/comments[?question=&after=], /comments.csv?question=
 *   POST      /staff/consultations/{id}/comments/{q}/{response}, /tags
 *   GET/POST  /staff/consultations/{id}/responses/new            paper and event responses
 *   GET/POST  /staff/consultations/{id}/decision; POST /publish-results, /withdraw-results
 */
import type { Context, Hono } from 'hono';
import { handleNotFound } from '../../core/http/app.js';
import { isAdmin, requireRole, type AppEnv } from '../../core/http/auth.js';
import { newSecret } from '../../core/ids.js';
import { looksLikeSubmissionKey } from '../../core/idempotency.js';
import { csvResponse } from '../../core/ui/csv.js';
import { attempt, inFieldOrder, looksLikeId, pageErrors, readForm, refusalOnPage, refusalStatus, type FormValues } from '../../core/ui/forms.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import { requiredText } from '../../core/validation.js';
import * as z from 'zod/mini';
import { checkAnswers } from '../answers.js';
import { addPage, addQuestion, editQuestion, movePage, moveQuestion, questionPlace, removePage, removeQuestion, renamePage } from '../building.js';
import { answersKept, closeConsultation, copyConsultation, createConsultation, getConsultation, listConsultations, publishConsultation, publishResults, recordDecision, responseCount, updateDetails, withdrawResults } from '../consultations.js';
import { journeyPages, ownQuestions } from '../definition.js';
import { commentRows, responseRows, resultRows } from '../exports.js';
import { phaseOf, type Channel, type Consultation } from '../model.js';
import { forPublic } from '../results.js';
import { resultsOf } from '../reading-results.js';
import { submitResponse } from '../responding.js';
import { allResponses } from '../store/responses.js';
import { allTexts, getThemes, textsPage } from '../store/comments.js';
import { addTag, tagAnswer, themeChoices } from '../tagging.js';
import { checkboxField } from '../../core/ui/choices.js';
import { ChooseTypePage, DetailsFormPage, detailsFormValues, PageFormPage, QuestionFormPage, questionFormValues, questionTypeFrom, readDetailsForm, readQuestionForm } from './builder-forms.js';
import { answersFromForm } from './journey.js';
import { AnswersDeletedPage, CommentsPage } from './staff-answers.js';
import { CopyPage, DecisionPage, OverviewPage, PaperEntryPage, PreviewPage, StaffListPage, StaffResultsPage } from './staff-views.js';

const DONE: Record<string, string> = {
  created: 'Consultation created',
  updated: 'Consultation updated',
  published: 'Consultation published',
  closed: 'Consultation closed: it no longer accepts responses',
  copied: 'Copy made: this is the new draft',
  'page-added': 'Page added',
  'page-changed': 'Page changed',
  'page-removed': 'Page removed',
  'question-added': 'Question added',
  'question-changed': 'Question saved',
  'question-removed': 'Question removed',
  moved: 'Order changed',
  'response-saved': 'Response saved',
  'decision-saved': 'Decision saved',
  'results-published': 'The results page is public',
  'results-withdrawn': 'The results page has been taken down',
  tagged: 'Themes saved',
  'tag-added': 'Tag added',
};

const base = (c: Pick<Consultation, 'id'>) => `/staff/consultations/${c.id}`;

async function find(c: Context): Promise<Consultation | undefined> {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getConsultation(id, { consistent: true }) : undefined;
}

/** Shows the overview with a refusal's message (e.g. the questions are locked by responses). */
async function overviewWithProblem(c: Context, consultation: Consultation, message: string, status: 400 | 404 | 409 | 410) {
  return c.html(<OverviewPage consultation={consultation} keeping={await answersKept(consultation)} now={new Date()} problem={message} />, status);
}

const pageTitle = requiredText({ label: 'a title for the page', max: 120, message: 'Enter a title for the page' });

export function staffPages(app: Hono<AppEnv>): void {
  app.get('/staff/consultations', async (c) => c.html(<StaffListPage consultations={await listConsultations()} now={new Date()} />));

  app.get('/staff/consultations/new', (c) => c.html(<DetailsFormPage values={{ suppressionThreshold: '10', weighting: 'no' }} />));

  app.post('/staff/consultations/new', async (c) => {
    const form = await readForm(c);
    const { input, errors } = readDetailsForm(form);
    if (!input) return c.html(<DetailsFormPage values={form} errors={errors} />, 400);
    const created = await createConsultation({ details: input, pages: [] });
    return c.redirect(`${base(created)}?done=created`, 303);
  });

  app.get('/staff/consultations/:id', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<OverviewPage consultation={consultation} keeping={await answersKept(consultation)} now={new Date()} banner={DONE[c.req.query('done') ?? '']} />);
  });

  app.get('/staff/consultations/:id/edit', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<DetailsFormPage consultation={consultation} values={detailsFormValues(consultation)} />);
  });

  app.post('/staff/consultations/:id/edit', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    const { input, errors } = readDetailsForm(form);
    if (!input) return c.html(<DetailsFormPage consultation={consultation} values={form} errors={errors} />, 400);
    const result = await attempt(() => updateDetails(consultation.id, input));
    if ('refusal' in result) return c.html(<DetailsFormPage consultation={consultation} values={form} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
    return c.redirect(`${base(consultation)}?done=updated`, 303);
  });

  // Pages -----------------------------------------------------------------------------------------

  app.get('/staff/consultations/:id/pages/new', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<PageFormPage consultation={consultation} values={{}} editing={false} />);
  });

  app.post('/staff/consultations/:id/pages/new', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    const title = z.safeParse(pageTitle, form['title'] ?? '');
    if (!title.success) return c.html(<PageFormPage consultation={consultation} values={form} errors={{ title: title.error.issues[0]!.message }} editing={false} />, 400);
    const result = await attempt(() => addPage(consultation.id, title.data));
    if ('refusal' in result) return c.html(<PageFormPage consultation={consultation} values={form} errors={{ title: result.refusal.fields?.[0]?.message ?? result.refusal.message }} editing={false} />, refusalStatus(result.refusal));
    return c.redirect(`${base(consultation)}?done=page-added`, 303);
  });

  app.get('/staff/consultations/:id/pages/:page/edit', async (c) => {
    const consultation = await find(c);
    const page = consultation?.pages.find((p) => p.id === c.req.param('page'));
    if (!consultation || !page) return handleNotFound(c);
    return c.html(<PageFormPage consultation={consultation} values={{ title: page.title }} editing />);
  });

  app.post('/staff/consultations/:id/pages/:page/edit', async (c) => {
    const consultation = await find(c);
    const page = consultation?.pages.find((p) => p.id === c.req.param('page'));
    if (!consultation || !page) return handleNotFound(c);
    const form = await readForm(c);
    const title = z.safeParse(pageTitle, form['title'] ?? '');
    if (!title.success) return c.html(<PageFormPage consultation={consultation} values={form} errors={{ title: title.error.issues[0]!.message }} editing />, 400);
    const result = await attempt(() => renamePage(consultation.id, page.id, title.data));
    if ('refusal' in result) return c.html(<PageFormPage consultation={consultation} values={form} errors={{ title: result.refusal.message }} editing />, refusalStatus(result.refusal));
    return c.redirect(`${base(consultation)}?done=page-changed`, 303);
  });

  app.get('/staff/consultations/:id/pages/:page/remove', async (c) => {
    const consultation = await find(c);
    const page = consultation?.pages.find((p) => p.id === c.req.param('page'));
    if (!consultation || !page) return handleNotFound(c);
    return c.html(
      <ConfirmPage title={`Remove the page “${page.title}”?`} caption={consultation.title} action={`${base(consultation)}/pages/${page.id}/remove`} confirm="Yes, remove it and its questions" back={base(consultation)} staff={{ current: '/staff/consultations' }}>
        <p class="govuk-body">Its {page.questions.length} {page.questions.length === 1 ? 'question goes' : 'questions go'} with it.</p>
      </ConfirmPage>,
    );
  });

  app.post('/staff/consultations/:id/pages/:page/remove', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const result = await attempt(() => removePage(consultation.id, c.req.param('page')));
    if ('refusal' in result) return result.refusal.kind === 'not-found' ? handleNotFound(c) : overviewWithProblem(c, consultation, result.refusal.message, refusalStatus(result.refusal) as 409);
    return c.redirect(`${base(consultation)}?done=page-removed`, 303);
  });

  app.post('/staff/consultations/:id/pages/:page/move', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    const result = await attempt(() => movePage(consultation.id, c.req.param('page'), form['direction'] === 'down' ? 'down' : 'up'));
    if ('refusal' in result) return result.refusal.kind === 'not-found' ? handleNotFound(c) : overviewWithProblem(c, consultation, result.refusal.message, 409);
    return c.redirect(`${base(consultation)}?done=moved`, 303);
  });

  // Questions -------------------------------------------------------------------------------------

  app.get('/staff/consultations/:id/pages/:page/questions/new', async (c) => {
    const consultation = await find(c);
    const pageIndex = consultation?.pages.findIndex((p) => p.id === c.req.param('page')) ?? -1;
    if (!consultation || pageIndex < 0) return handleNotFound(c);
    const page = consultation.pages[pageIndex]!;
    const asked = c.req.query('type');
    const type = questionTypeFrom(asked);
    if (!type) return c.html(<ChooseTypePage consultation={consultation} pageId={page.id} {...(asked !== undefined ? { error: 'Choose the type of question' } : {})} />, asked !== undefined ? 400 : 200);
    return c.html(<QuestionFormPage consultation={consultation} pageIndex={pageIndex} type={type} values={type === 'scale' || type === 'precept' ? { includeDontKnow: 'yes' } : {}} action={`${base(consultation)}/pages/${page.id}/questions/new/${type}`} editing={false} />);
  });

  app.post('/staff/consultations/:id/pages/:page/questions/new/:type', async (c) => {
    const consultation = await find(c);
    const pageIndex = consultation?.pages.findIndex((p) => p.id === c.req.param('page')) ?? -1;
    const type = questionTypeFrom(c.req.param('type'));
    if (!consultation || pageIndex < 0 || !type) return handleNotFound(c);
    const page = consultation.pages[pageIndex]!;
    const form = await readForm(c);
    const action = `${base(consultation)}/pages/${page.id}/questions/new/${type}`;
    const { input, errors } = readQuestionForm(type, form);
    if (!input) return c.html(<QuestionFormPage consultation={consultation} pageIndex={pageIndex} type={type} values={form} errors={errors} action={action} editing={false} />, 400);
    const result = await attempt(() => addQuestion(consultation.id, page.id, input));
    if ('refusal' in result) {
      return c.html(<QuestionFormPage consultation={consultation} pageIndex={pageIndex} type={type} values={form} action={action} editing={false} {...problemOf(result.refusal)} />, refusalStatus(result.refusal));
    }
    return c.redirect(`${base(consultation)}?done=question-added`, 303);
  });

  app.get('/staff/consultations/:id/questions/:question/edit', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const place = attemptPlace(consultation, c.req.param('question'));
    if (!place) return handleNotFound(c);
    const q = consultation.pages[place.page]!.questions[place.index]!;
    if (q.type === 'outward-code' || q.type === 'area') return handleNotFound(c);
    return c.html(<QuestionFormPage consultation={consultation} pageIndex={place.page} type={q.type} values={questionFormValues(q)} action={`${base(consultation)}/questions/${q.id}/edit`} editing />);
  });

  app.post('/staff/consultations/:id/questions/:question/edit', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const place = attemptPlace(consultation, c.req.param('question'));
    const q = place && consultation.pages[place.page]!.questions[place.index]!;
    const type = q && questionTypeFrom(q.type);
    if (!place || !q || !type) return handleNotFound(c);
    const form = await readForm(c);
    const action = `${base(consultation)}/questions/${q.id}/edit`;
    const { input, errors } = readQuestionForm(type, form);
    if (!input) return c.html(<QuestionFormPage consultation={consultation} pageIndex={place.page} type={type} values={form} errors={errors} action={action} editing />, 400);
    const result = await attempt(() => editQuestion(consultation.id, q.id, input));
    if ('refusal' in result) return c.html(<QuestionFormPage consultation={consultation} pageIndex={place.page} type={type} values={form} action={action} editing {...problemOf(result.refusal)} />, refusalStatus(result.refusal));
    return c.redirect(`${base(consultation)}?done=question-changed`, 303);
  });

  app.get('/staff/consultations/:id/questions/:question/remove', async (c) => {
    const consultation = await find(c);
    const place = consultation && attemptPlace(consultation, c.req.param('question'));
    if (!consultation || !place) return handleNotFound(c);
    const q = consultation.pages[place.page]!.questions[place.index]!;
    return c.html(<ConfirmPage title="Remove this question?" caption={consultation.title} action={`${base(consultation)}/questions/${q.id}/remove`} confirm="Yes, remove it" back={base(consultation)} staff={{ current: '/staff/consultations' }}>
      <p class="govuk-body">{q.text}</p>
    </ConfirmPage>);
  });

  app.post('/staff/consultations/:id/questions/:question/remove', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const result = await attempt(() => removeQuestion(consultation.id, c.req.param('question')));
    if ('refusal' in result) return result.refusal.kind === 'not-found' ? handleNotFound(c) : overviewWithProblem(c, consultation, result.refusal.message, 409);
    return c.redirect(`${base(consultation)}?done=question-removed`, 303);
  });

  app.post('/staff/consultations/:id/questions/:question/move', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    const result = await attempt(() => moveQuestion(consultation.id, c.req.param('question'), form['direction'] === 'down' ? 'down' : 'up'));
    if ('refusal' in result) return result.refusal.kind === 'not-found' ? handleNotFound(c) : overviewWithProblem(c, consultation, result.refusal.message, 409);
    return c.redirect(`${base(consultation)}?done=moved`, 303);
  });

  // Preview, publish, close, copy -----------------------------------------------------------------

  app.get('/staff/consultations/:id/preview', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<PreviewPage consultation={consultation} />);
  });

  app.get('/staff/consultations/:id/publish', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    if (consultation.status !== 'draft') return c.redirect(base(consultation), 303);
    return c.html(
      <ConfirmPage title="Publish this consultation?" caption={consultation.title} action={`${base(consultation)}/publish`} confirm="Yes, publish it" back={base(consultation)} staff={{ current: '/staff/consultations' }}>
        <p class="govuk-body">It will be listed on the public consultations page straight away, and take responses from its opening time.</p>
        <p class="govuk-body">Once someone responds, its questions cannot change.</p>
      </ConfirmPage>,
    );
  });

  app.post('/staff/consultations/:id/publish', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const result = await attempt(() => publishConsultation(consultation.id));
    if ('refusal' in result) return overviewWithProblem(c, consultation, result.refusal.fields?.[0]?.message ?? result.refusal.message, refusalStatus(result.refusal) as 409);
    return c.redirect(`${base(consultation)}?done=published`, 303);
  });

  app.get('/staff/consultations/:id/close', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    if (consultation.status !== 'published' || phaseOf(consultation, new Date()) === 'closed') return c.redirect(base(consultation), 303);
    return c.html(
      <ConfirmPage title="Close this consultation now?" caption={consultation.title} action={`${base(consultation)}/close`} confirm="Yes, close it now" back={base(consultation)} staff={{ current: '/staff/consultations' }}>
        <p class="govuk-body">It will stop taking responses online straight away. You can still enter paper responses.</p>
      </ConfirmPage>,
    );
  });

  app.post('/staff/consultations/:id/close', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const result = await attempt(() => closeConsultation(consultation.id));
    if ('refusal' in result) return overviewWithProblem(c, consultation, result.refusal.message, 409);
    return c.redirect(`${base(consultation)}?done=closed`, 303);
  });

  app.get('/staff/consultations/:id/copy', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const locked = (await responseCount(consultation.id)) > 0;
    return c.html(<CopyPage consultation={consultation} values={{ title: locked ? `${consultation.title} (new version)` : `Copy of ${consultation.title}` }} locked={locked} />);
  });

  app.post('/staff/consultations/:id/copy', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    const title = z.safeParse(requiredText({ label: 'a title for the copy', max: 150, message: 'Enter a title for the copy' }), form['title'] ?? '');
    const kind = form['kind'] === 'version' || form['kind'] === 'copy' ? form['kind'] : undefined;
    if (!title.success || !kind) {
      return c.html(
        <CopyPage consultation={consultation} values={form} locked={false} errors={inFieldOrder({ ...(kind ? {} : { kind: 'Choose what the copy is for' }), ...(title.success ? {} : { title: title.error.issues[0]!.message }) }, ['kind', 'title'])} />,
        400,
      );
    }
    const copy = await copyConsultation(consultation.id, { title: title.data, newVersion: kind === 'version' });
    return c.redirect(`${base(copy)}?done=copied`, 303);
  });

  // Results and exports ---------------------------------------------------------------------------

  app.get('/staff/consultations/:id/results', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const asked = c.req.query('breakdown');
    const breakdown = asked === 'area' || asked === 'age' || asked === 'channel' ? asked : undefined;
    const results = await resultsOf(consultation, { includeFlagged: c.req.query('flagged') !== 'exclude' });
    return c.html(<StaffResultsPage consultation={consultation} results={results} {...(breakdown ? { breakdown } : {})} />);
  });

  app.get('/staff/consultations/:id/results.csv', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const results = forPublic(await resultsOf(consultation, { includeFlagged: c.req.query('flagged') !== 'exclude' }));
    return csvResponse(c, `results-${consultation.id}.csv`, resultRows(consultation, results));
  });

  app.get('/staff/consultations/:id/responses.csv', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const keeping = await answersKept(consultation);
    if (keeping.allDeleted) return c.html(<AnswersDeletedPage consultation={consultation} keeping={keeping} />, 410);
    return csvResponse(c, `responses-${consultation.id}.csv`, responseRows(consultation, await allResponses(consultation.id)));
  });

  // Free text -------------------------------------------------------------------------------------

  const textQuestions = (consultation: Consultation) => ownQuestions(consultation).filter((q) => q.type === 'text').map((q) => ({ id: q.id, text: q.text }));

  async function commentsPage(c: Context, consultation: Consultation, extra: { problem?: string; errors?: Record<string, string>; values?: FormValues; banner?: string } = {}, status: 200 | 400 | 404 | 409 = 200) {
    const questions = textQuestions(consultation);
    const questionId = questions.find((q) => q.id === c.req.query('question'))?.id ?? questions[0]?.id;
    const after = c.req.query('after') ?? extra.values?.['after'] ?? undefined;
    const [page, themes, keeping] = await Promise.all([
      questionId ? textsPage(consultation.id, questionId, after ? { after } : {}) : Promise.resolve({ texts: [] as never[] }),
      getThemes(consultation.id),
      answersKept(consultation),
    ]);
    return c.html(
      <CommentsPage
        consultation={consultation}
        questions={questions}
        {...(questionId ? { questionId } : {})}
        texts={page.texts}
        {...('next' in page && page.next ? { next: page.next } : {})}
        choices={themeChoices(themes)}
        themes={themes}
        {...(keeping.allDeleted ? { deleted: keeping } : {})}
        values={{ after: after ?? '', ...extra.values }}
        {...(extra.problem ? { problem: extra.problem } : {})}
        {...(extra.errors ? { errors: extra.errors } : {})}
        {...(extra.banner ? { banner: extra.banner } : {})}
      />,
      status,
    );
  }

  app.get('/staff/consultations/:id/comments', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    return commentsPage(c, consultation, { ...(DONE[c.req.query('done') ?? ''] ? { banner: DONE[c.req.query('done')!]! } : {}) });
  });

  app.post('/staff/consultations/:id/comments/:question/:response', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const questionId = c.req.param('question');
    const responseId = c.req.param('response');
    if (!textQuestions(consultation).some((q) => q.id === questionId) || !/^[2-9A-HJ-NP-Z]{8}$/.test(responseId)) return handleNotFound(c);
    const form = await readForm(c);
    const choices = themeChoices(await getThemes(consultation.id));
    const chosen = choices.filter((t) => form[checkboxField(`themes-${responseId}`, t.id)] === 'yes').map((t) => t.id);
    const version = Number(form['version']);
    if (!Number.isInteger(version) || version < 0) return c.text('The version of the tags is missing', 400);
    const result = await attempt(() => tagAnswer(consultation, questionId, responseId, chosen, version));
    const after = form['after'] ? `&after=${encodeURIComponent(form['after'])}` : '';
    if ('refusal' in result) {
      if (result.refusal.kind === 'not-found') return handleNotFound(c);
      return commentsPage(c, consultation, { problem: result.refusal.message, values: { after: form['after'] ?? '' } }, 409);
    }
    return c.redirect(`${base(consultation)}/comments?question=${questionId}${after}&done=tagged`, 303);
  });

  app.post('/staff/consultations/:id/tags', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    const label = z.safeParse(requiredText({ label: 'the tag', max: 60, message: 'Enter the tag' }), form['label'] ?? '');
    if (!label.success) return commentsPage(c, consultation, { errors: { label: label.error.issues[0]!.message }, values: form }, 400);
    const result = await attempt(() => addTag(consultation, label.data));
    if ('refusal' in result) return commentsPage(c, consultation, { errors: pageErrors(result.refusal.fields ?? [{ field: 'label', message: result.refusal.message }]) as Record<string, string>, values: form }, 400);
    const question = c.req.query('question');
    return c.redirect(`${base(consultation)}/comments?done=tag-added${question && /^[a-z0-9-]{1,40}$/.test(question) ? `&question=${question}` : ''}`, 303);
  });

  app.get('/staff/consultations/:id/comments.csv', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const question = textQuestions(consultation).find((q) => q.id === c.req.query('question')) ?? textQuestions(consultation)[0];
    if (!question) return handleNotFound(c);
    const keeping = await answersKept(consultation);
    if (keeping.allDeleted) return c.html(<AnswersDeletedPage consultation={consultation} keeping={keeping} />, 410);
    const [texts, themes] = await Promise.all([allTexts(consultation.id, question.id), getThemes(consultation.id)]);
    return csvResponse(c, `comments-${consultation.id}-${question.id}.csv`, commentRows(question.text, texts, themeChoices(themes)));
  });

  // Paper and event responses ---------------------------------------------------------------------

  app.get('/staff/consultations/:id/responses/new', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    if (consultation.resultsPublishedAt) return overviewWithProblem(c, consultation, 'The results have been published, so no more responses can be entered. To enter one, take the results page down first.', 409);
    return c.html(<PaperEntryPage consultation={consultation} values={{ submission: newSecret(), channel: 'paper' }} banner={DONE[c.req.query('done') ?? '']} />);
  });

  app.post('/staff/consultations/:id/responses/new', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    if (!looksLikeSubmissionKey(form['submission'] ?? '')) form['submission'] = newSecret();
    const channel = form['channel'] === 'paper' || form['channel'] === 'event' ? (form['channel'] as Channel) : undefined;
    const pages = journeyPages(consultation);
    const raw = Object.assign({}, ...pages.map((page) => answersFromForm(page, form, {})));
    const checked = checkAnswers(consultation, raw);
    const order = ['channel', ...pages.flatMap((p) => p.questions.flatMap((q) => [q.id, `${q.id}-other`]))];
    const errors = inFieldOrder({ ...(channel ? {} : { channel: 'Choose how the response was given' }), ...pageErrors(checked.errors) }, order);
    if (Object.keys(errors).length) return c.html(<PaperEntryPage consultation={consultation} values={form} errors={errors} />, 400);
    const result = await attempt(() =>
      submitResponse(consultation.id, { answers: checked.answers, channel: channel!, submission: form['submission']!, ...(c.get('user')?.id ? { enteredBy: c.get('user')!.id } : {}) }),
    );
    if ('refusal' in result) {
      if (result.refusal.kind === 'not-found') return handleNotFound(c);
      return c.html(<PaperEntryPage consultation={consultation} values={form} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
    }
    return c.redirect(`${base(consultation)}/responses/new?done=response-saved`, 303);
  });

  // Decision and the public results page ----------------------------------------------------------

  app.get('/staff/consultations/:id/decision', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<DecisionPage consultation={consultation} values={{ decision: consultation.decision ?? '' }} banner={DONE[c.req.query('done') ?? '']} now={new Date()} canWithdraw={isAdmin(c)} />);
  });

  app.post('/staff/consultations/:id/decision', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    const decision = z.safeParse(requiredText({ label: 'what was decided', max: 5000, multiline: true, message: 'Enter what the Commissioner decided' }), form['decision'] ?? '');
    if (!decision.success) return c.html(<DecisionPage consultation={consultation} values={form} errors={{ decision: decision.error.issues[0]!.message }} now={new Date()} canWithdraw={isAdmin(c)} />, 400);
    await recordDecision(consultation.id, decision.data);
    return c.redirect(`${base(consultation)}/decision?done=decision-saved`, 303);
  });

  app.post('/staff/consultations/:id/publish-results', async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    const form = await readForm(c);
    const result = await attempt(() => publishResults(consultation.id, { includeFlagged: form['flagged'] !== 'exclude' }));
    if ('refusal' in result) return c.html(<DecisionPage consultation={consultation} values={{ decision: consultation.decision ?? '' }} problem={result.refusal.message} now={new Date()} canWithdraw={isAdmin(c)} />, refusalStatus(result.refusal));
    return c.redirect(`${base(consultation)}/decision?done=results-published`, 303);
  });

  // Taking published results down is for admins only (docs/decisions.md).
  app.post('/staff/consultations/:id/withdraw-results', requireRole('admin'), async (c) => {
    const consultation = await find(c);
    if (!consultation) return handleNotFound(c);
    await withdrawResults(consultation.id);
    return c.redirect(`${base(consultation)}/decision?done=results-withdrawn`, 303);
  });
}

function attemptPlace(consultation: Consultation, questionId: string) {
  try {
    return questionPlace(consultation, questionId);
  } catch {
    return undefined;
  }
}

/** A refusal on the question form: its field errors, or its message above the form. */
function problemOf(refusal: Parameters<typeof refusalOnPage>[0]) {
  const shown = refusalOnPage(refusal);
  if ('problem' in shown) return shown;
  // Definition problems name `pages.N.questions.M.field`: show the field's message above the form.
  const message = refusal.fields?.[0]?.message;
  return refusal.fields?.every((f) => !f.field.includes('.')) ? shown : { problem: message ?? refusal.message };
}
