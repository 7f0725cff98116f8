/**
 * The builder: a consultation's pages and questions, a page and a question at a time, and the preview.
 * Each change is refused once the consultation has responses (building.ts); a refusal is shown on the
 * form, or above the overview for the buttons on it (remove, move).
 *
 *   GET/POST  /staff/consultations/{id}/pages/new, /pages/{page}/edit, /pages/{page}/remove; POST /pages/{page}/move
 *   GET       /staff/consultations/{id}/pages/{page}/questions/new[?type=]   choose a type, then the question form
 *   POST      /staff/consultations/{id}/pages/{page}/questions/new/{type}
 *   GET/POST  /staff/consultations/{id}/questions/{q}/edit, /questions/{q}/remove; POST /questions/{q}/move
 *   GET       /staff/consultations/{id}/preview
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../../core/http/auth.js';
import { handleNotFound } from '../../core/http/app.js';
import { formRoute, type Read, type Shown } from '../../core/http/form-route.js';
import type { Refusal } from '../../core/refusal.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import { requiredText } from '../../core/validation.js';
import { addPage, addQuestion, editQuestion, movePage, moveQuestion, questionPlace, removePage, removeQuestion, renamePage } from '../building.js';
import type { Consultation } from '../model.js';
import { ChooseTypePage, PageFormPage, QuestionFormPage, questionFormValues, questionTypeFrom, readQuestionForm } from './builder-forms.js';
import { base, findConsultation, overview, STAFF } from './console.js';
import { PreviewPage } from './preview.js';

const pageTitle = requiredText({ label: 'a title for the page', max: 120, message: 'Enter a title for the page' });
const readTitle = (title: string | undefined): Read<string> => {
  const parsed = z.safeParse(pageTitle, title ?? '');
  return parsed.success ? { input: parsed.data } : { errors: { title: parsed.error.issues[0]!.message } };
};
const direction = (value: string | undefined): Read<'up' | 'down'> => ({ input: value === 'down' ? 'down' : 'up' });

/** A page of the consultation the path names. */
async function findPage(c: Context) {
  const consultation = await findConsultation(c);
  const index = consultation?.pages.findIndex((p) => p.id === c.req.param('page')) ?? -1;
  return consultation && index >= 0 ? { consultation, index, page: consultation.pages[index]! } : undefined;
}

/** Where the question the path names is in the consultation. */
async function findPlace(c: Context) {
  const consultation = await findConsultation(c);
  if (!consultation) return undefined;
  try {
    const place = questionPlace(consultation, c.req.param('question') ?? '');
    return { consultation, pageIndex: place.page, question: consultation.pages[place.page]!.questions[place.index]! };
  } catch {
    return undefined;
  }
}

/** A question staff can edit (not the built-in postcode and council area), with its type. */
async function findQuestion(c: Context) {
  const found = await findPlace(c);
  const type = found && questionTypeFrom(found.question.type);
  return found && type ? { ...found, type } : undefined;
}

/** The overview with what stopped a button's change above it (409: the definition as it stands does not allow it). */
const overviewAgain = async (consultation: Consultation, refusal: Refusal | undefined, c: Context) => c.html(await overview(consultation, { problem: refusal?.message }), 409);

/** A refusal on the question form: its field errors, or its message above the form. */
function onQuestionForm({ errors, problem, refusal }: Pick<Shown<unknown>, 'errors' | 'problem' | 'refusal'>) {
  // Definition problems name `pages.N.questions.M.field`: show the first one's message above the form.
  if (refusal?.fields?.some((f) => f.field.includes('.'))) return { problem: refusal.fields[0]!.message };
  return { errors, problem };
}

/** On the page form, a refusal is the title's problem (too many pages, or the questions are locked). */
const titleProblem = (refusal: Refusal | undefined, errors: Shown<unknown>['errors'], message: (r: Refusal) => string) => (refusal ? { title: message(refusal) } : errors);

export function staffBuilderPages(app: Hono<AppEnv>): void {
  app.get(`${STAFF}/:id/pages/new`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<PageFormPage consultation={consultation} values={{}} editing={false} />);
  });

  formRoute(app, `${STAFF}/:id/pages/new`, {
    load: findConsultation,
    read: ({ values }) => readTitle(values['title']),
    act: (title, consultation) => addPage(consultation.id, title),
    done: (_, consultation) => `${base(consultation)}?done=page-added`,
    again: ({ context, values, errors, refusal }) => (
      <PageFormPage consultation={context} values={values} errors={titleProblem(refusal, errors, (r) => r.fields?.[0]?.message ?? r.message)} editing={false} />
    ),
  });

  app.get(`${STAFF}/:id/pages/:page/edit`, async (c) => {
    const found = await findPage(c);
    if (!found) return handleNotFound(c);
    return c.html(<PageFormPage consultation={found.consultation} values={{ title: found.page.title }} editing />);
  });

  formRoute(app, `${STAFF}/:id/pages/:page/edit`, {
    load: findPage,
    read: ({ values }) => readTitle(values['title']),
    act: (title, { consultation, page }) => renamePage(consultation.id, page.id, title),
    done: (_, { consultation }) => `${base(consultation)}?done=page-changed`,
    again: ({ context, values, errors, refusal }) => <PageFormPage consultation={context.consultation} values={values} errors={titleProblem(refusal, errors, (r) => r.message)} editing />,
  });

  app.get(`${STAFF}/:id/pages/:page/remove`, async (c) => {
    const found = await findPage(c);
    if (!found) return handleNotFound(c);
    const { consultation, page } = found;
    return c.html(
      <ConfirmPage title={`Remove the page “${page.title}”?`} caption={consultation.title} action={`${base(consultation)}/pages/${page.id}/remove`} confirm="Yes, remove it and its questions" back={base(consultation)} staff={{ current: STAFF }}>
        <p class="govuk-body">Its {page.questions.length} {page.questions.length === 1 ? 'question goes' : 'questions go'} with it.</p>
      </ConfirmPage>,
    );
  });

  formRoute(app, `${STAFF}/:id/pages/:page/remove`, {
    load: async (c) => {
      const consultation = await findConsultation(c);
      return consultation && { consultation, pageId: c.req.param('page') ?? '' };
    },
    act: (_, { consultation, pageId }) => removePage(consultation.id, pageId),
    done: (_, { consultation }) => `${base(consultation)}?done=page-removed`,
    // The refusal's own status: a later question depends on one of the page's (409).
    again: ({ context, refusal }) => overview(context.consultation, { problem: refusal?.message }),
  });

  formRoute(app, `${STAFF}/:id/pages/:page/move`, {
    load: async (c) => {
      const consultation = await findConsultation(c);
      return consultation && { consultation, pageId: c.req.param('page') ?? '' };
    },
    read: ({ values }) => direction(values['direction']),
    act: (towards, { consultation, pageId }) => movePage(consultation.id, pageId, towards),
    done: (_, { consultation }) => `${base(consultation)}?done=moved`,
    again: ({ context, refusal }, c) => overviewAgain(context.consultation, refusal, c),
  });

  app.get(`${STAFF}/:id/pages/:page/questions/new`, async (c) => {
    const found = await findPage(c);
    if (!found) return handleNotFound(c);
    const { consultation, index, page } = found;
    const asked = c.req.query('type');
    const type = questionTypeFrom(asked);
    if (!type) return c.html(<ChooseTypePage consultation={consultation} pageId={page.id} {...(asked !== undefined ? { error: 'Choose the type of question' } : {})} />, asked !== undefined ? 400 : 200);
    const values = type === 'scale' || type === 'precept' ? { includeDontKnow: 'yes' } : {};
    return c.html(<QuestionFormPage consultation={consultation} pageIndex={index} type={type} values={values} action={`${base(consultation)}/pages/${page.id}/questions/new/${type}`} editing={false} />);
  });

  formRoute(app, `${STAFF}/:id/pages/:page/questions/new/:type`, {
    load: async (c) => {
      const found = await findPage(c);
      const type = questionTypeFrom(c.req.param('type'));
      return found && type ? { ...found, type } : undefined;
    },
    read: ({ values }, { type }) => readQuestionForm(type, values),
    act: (question, { consultation, page }) => addQuestion(consultation.id, page.id, question),
    done: (_, { consultation }) => `${base(consultation)}?done=question-added`,
    again: ({ context: { consultation, index, page, type }, values, ...shown }) => (
      <QuestionFormPage consultation={consultation} pageIndex={index} type={type} values={values} action={`${base(consultation)}/pages/${page.id}/questions/new/${type}`} editing={false} {...onQuestionForm(shown)} />
    ),
  });

  app.get(`${STAFF}/:id/questions/:question/edit`, async (c) => {
    const found = await findQuestion(c);
    if (!found) return handleNotFound(c);
    const { consultation, pageIndex, question, type } = found;
    return c.html(<QuestionFormPage consultation={consultation} pageIndex={pageIndex} type={type} values={questionFormValues(question)} action={`${base(consultation)}/questions/${question.id}/edit`} editing />);
  });

  formRoute(app, `${STAFF}/:id/questions/:question/edit`, {
    load: findQuestion,
    read: ({ values }, { type }) => readQuestionForm(type, values),
    act: (input, { consultation, question }) => editQuestion(consultation.id, question.id, input),
    done: (_, { consultation }) => `${base(consultation)}?done=question-changed`,
    again: ({ context: { consultation, pageIndex, question, type }, values, ...shown }) => (
      <QuestionFormPage consultation={consultation} pageIndex={pageIndex} type={type} values={values} action={`${base(consultation)}/questions/${question.id}/edit`} editing {...onQuestionForm(shown)} />
    ),
  });

  app.get(`${STAFF}/:id/questions/:question/remove`, async (c) => {
    const found = await findPlace(c);
    if (!found) return handleNotFound(c);
    const { consultation, question: q } = found;
    return c.html(
      <ConfirmPage title="Remove this question?" caption={consultation.title} action={`${base(consultation)}/questions/${q.id}/remove`} confirm="Yes, remove it" back={base(consultation)} staff={{ current: STAFF }}>
        <p class="govuk-body">{q.text}</p>
      </ConfirmPage>,
    );
  });

  const questionOf = async (c: Context) => {
    const consultation = await findConsultation(c);
    return consultation && { consultation, questionId: c.req.param('question') ?? '' };
  };

  formRoute(app, `${STAFF}/:id/questions/:question/remove`, {
    load: questionOf,
    act: (_, { consultation, questionId }) => removeQuestion(consultation.id, questionId),
    done: (_, { consultation }) => `${base(consultation)}?done=question-removed`,
    again: ({ context, refusal }, c) => overviewAgain(context.consultation, refusal, c),
  });

  formRoute(app, `${STAFF}/:id/questions/:question/move`, {
    load: questionOf,
    read: ({ values }) => direction(values['direction']),
    act: (towards, { consultation, questionId }) => moveQuestion(consultation.id, questionId, towards),
    done: (_, { consultation }) => `${base(consultation)}?done=moved`,
    again: ({ context, refusal }, c) => overviewAgain(context.consultation, refusal, c),
  });

  app.get(`${STAFF}/:id/preview`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<PreviewPage consultation={consultation} />);
  });
}
