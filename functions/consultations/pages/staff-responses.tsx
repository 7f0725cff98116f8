/**
 * What came in: the live results and the exports, the free-text answers with their themes, and
 * responses given on paper or at an event, entered by staff.
 *
 *   GET       /staff/consultations/{id}/results[?flagged=&breakdown=], /results.csv, /responses.csv
 *   GET       /staff/consultations/{id}/comments[?question=&after=], /comments.csv?question=
 *   POST      /staff/consultations/{id}/comments/{q}/{response}, /tags
 *   GET/POST  /staff/consultations/{id}/responses/new            paper and event responses
 */
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import * as z from 'zod/mini';
import type { AppEnv } from '../../core/http/auth.js';
import { handleNotFound } from '../../core/http/app.js';
import { formRoute, type Read } from '../../core/http/form-route.js';
import { checkboxField } from '../../core/ui/choices.js';
import type { Errors } from '../../core/ui/components.js';
import { csvResponse } from '../../core/ui/csv.js';
import { inFieldOrder, pageErrors, type FormValues } from '../../core/ui/forms.js';
import { requiredText } from '../../core/validation.js';
import { checkAnswers } from '../answers.js';
import { answersKept } from '../consultations.js';
import { journeyPages, ownQuestions } from '../definition.js';
import { commentRows, responseRows, resultRows } from '../exports.js';
import { isStaffChannel, type Channel, type Consultation } from '../model.js';
import { resultsOf } from '../reading-results.js';
import { forPublic } from '../results.js';
import { submitResponse } from '../responding.js';
import { allTexts, getThemes, textsPage } from '../store/comments.js';
import { allResponses } from '../store/responses.js';
import { addTag, tagAnswer, themeChoices } from '../tagging.js';
import { AnswersDeletedPage, CommentsPage } from './comments.js';
import { bannerOf, base, findConsultation, overview, STAFF } from './console.js';
import { answersFromForm } from './journey.js';
import { StaffResultsPage } from './live-results.js';
import { PaperEntryPage } from './paper-entry.js';

const tagLabel = requiredText({ label: 'the tag', max: 60, message: 'Enter the tag' });
const RESULTS_PUBLISHED = 'The results have been published, so no more responses can be entered. To enter one, take the results page down first.';

const textQuestions = (consultation: Consultation) => ownQuestions(consultation).filter((q) => q.type === 'text').map((q) => ({ id: q.id, text: q.text }));

/** The free-text answers to one question (the one asked for, or the first), a page at a time, with their themes. */
async function commentsPage(c: Context, consultation: Consultation, extra: { problem?: Child; errors?: Errors; values?: FormValues; banner?: string } = {}) {
  const questions = textQuestions(consultation);
  const questionId = questions.find((q) => q.id === c.req.query('question'))?.id ?? questions[0]?.id;
  const after = c.req.query('after') ?? extra.values?.['after'] ?? undefined;
  const [page, themes, keeping] = await Promise.all([
    questionId ? textsPage(consultation.id, questionId, after ? { after } : {}) : Promise.resolve({ texts: [] as never[] }),
    getThemes(consultation.id),
    answersKept(consultation),
  ]);
  return (
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
      problem={extra.problem}
      errors={extra.errors}
      banner={extra.banner}
    />
  );
}

/** A paper response as typed: how it was given, and the answers, checked against the consultation's questions. */
function readPaperResponse(consultation: Consultation, form: FormValues) {
  const channel: Channel | undefined = isStaffChannel(form['channel'] ?? '') ? (form['channel'] as Channel) : undefined;
  const pages = journeyPages(consultation);
  const checked = checkAnswers(consultation, Object.assign({}, ...pages.map((page) => answersFromForm(page, form, {}))));
  const order = ['channel', ...pages.flatMap((p) => p.questions.flatMap((q) => [q.id, `${q.id}-other`]))];
  const errors = inFieldOrder({ ...(channel ? {} : { channel: 'Choose how the response was given' }), ...pageErrors(checked.errors) }, order);
  return channel && !Object.keys(errors).length ? { input: { channel, answers: checked.answers } } : { errors };
}

export function staffResponsePages(app: Hono<AppEnv>): void {
  app.get(`${STAFF}/:id/results`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    const asked = c.req.query('breakdown');
    const breakdown = asked === 'area' || asked === 'age' || asked === 'channel' ? asked : undefined;
    const results = await resultsOf(consultation, { includeFlagged: c.req.query('flagged') !== 'exclude' });
    return c.html(<StaffResultsPage consultation={consultation} results={results} {...(breakdown ? { breakdown } : {})} />);
  });

  app.get(`${STAFF}/:id/results.csv`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    const results = forPublic(await resultsOf(consultation, { includeFlagged: c.req.query('flagged') !== 'exclude' }));
    return csvResponse(c, `results-${consultation.id}.csv`, resultRows(consultation, results));
  });

  app.get(`${STAFF}/:id/responses.csv`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    const keeping = await answersKept(consultation);
    if (keeping.allDeleted) return c.html(<AnswersDeletedPage consultation={consultation} keeping={keeping} />, 410);
    return csvResponse(c, `responses-${consultation.id}.csv`, responseRows(consultation, await allResponses(consultation.id)));
  });

  // Free text -------------------------------------------------------------------------------------

  app.get(`${STAFF}/:id/comments`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    return c.html(await commentsPage(c, consultation, { banner: bannerOf(c) }));
  });

  formRoute(app, `${STAFF}/:id/comments/:question/:response`, {
    load: async (c) => {
      const consultation = await findConsultation(c);
      const questionId = c.req.param('question') ?? '';
      const responseId = c.req.param('response') ?? '';
      if (!consultation || !textQuestions(consultation).some((q) => q.id === questionId) || !/^[2-9A-HJ-NP-Z]{8}$/.test(responseId)) return undefined;
      return { consultation, questionId, responseId, choices: themeChoices(await getThemes(consultation.id)) };
    },
    read: ({ values }, { responseId, choices }): Read<{ version: number; themes: string[]; after: string }> => {
      const version = Number(values['version']);
      if (!Number.isInteger(version) || version < 0) return { errors: { version: 'The version of the tags is missing' } };
      const themes = choices.filter((t) => values[checkboxField(`themes-${responseId}`, t.id)] === 'yes').map((t) => t.id);
      return { input: { version, themes, after: values['after'] ?? '' } };
    },
    act: ({ themes, version }, { consultation, questionId, responseId }) => tagAnswer(consultation, questionId, responseId, themes, version),
    // Back to the same page of answers.
    done: (_, { consultation, questionId }, { after }) => `${base(consultation)}/comments?question=${questionId}${after ? `&after=${encodeURIComponent(after)}` : ''}&done=tagged`,
    again: async ({ context: { consultation }, values, errors, refusal }, c) => {
      if (errors?.['version'] && !refusal) return c.text(errors['version'], 400);
      // Someone else changed the tags meanwhile (or a theme no longer exists): the answers as they are now.
      return c.html(await commentsPage(c, consultation, { problem: refusal?.message, values: { after: values['after'] ?? '' } }), 409);
    },
  });

  formRoute(app, `${STAFF}/:id/tags`, {
    load: async (c) => {
      const consultation = await findConsultation(c);
      const question = c.req.query('question');
      return consultation && { consultation, question: question && /^[a-z0-9-]{1,40}$/.test(question) ? question : undefined };
    },
    read: ({ values }): Read<string> => {
      const label = z.safeParse(tagLabel, values['label'] ?? '');
      return label.success ? { input: label.data } : { errors: { label: label.error.issues[0]!.message } };
    },
    act: (label, { consultation }) => addTag(consultation, label),
    done: (_, { consultation, question }) => `${base(consultation)}/comments?done=tag-added${question ? `&question=${question}` : ''}`,
    again: async ({ context: { consultation }, values, errors, refusal }, c) =>
      c.html(await commentsPage(c, consultation, { errors: refusal && !refusal.fields ? { label: refusal.message } : errors, values }), 400),
  });

  app.get(`${STAFF}/:id/comments.csv`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    const question = textQuestions(consultation).find((q) => q.id === c.req.query('question')) ?? textQuestions(consultation)[0];
    if (!question) return handleNotFound(c);
    const keeping = await answersKept(consultation);
    if (keeping.allDeleted) return c.html(<AnswersDeletedPage consultation={consultation} keeping={keeping} />, 410);
    const [texts, themes] = await Promise.all([allTexts(consultation.id, question.id), getThemes(consultation.id)]);
    return csvResponse(c, `comments-${consultation.id}-${question.id}.csv`, commentRows(question.text, texts, themeChoices(themes)));
  });

  // Paper and event responses ---------------------------------------------------------------------

  app.get(`${STAFF}/:id/responses/new`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    if (consultation.resultsPublishedAt) return c.html(await overview(consultation, { problem: RESULTS_PUBLISHED }), 409);
    return c.html(<PaperEntryPage consultation={consultation} values={{ channel: 'paper' }} banner={bannerOf(c)} />);
  });

  formRoute(app, `${STAFF}/:id/responses/new`, {
    load: findConsultation,
    read: ({ values }, consultation) => readPaperResponse(consultation, values),
    act: ({ channel, answers }, consultation, by) => submitResponse(consultation.id, { answers, channel, ...(by.user?.id ? { enteredBy: by.user.id } : {}) }),
    done: (_, consultation) => `${base(consultation)}/responses/new?done=response-saved`,
    again: ({ context, values, errors, problem }) => <PaperEntryPage consultation={context} values={values} errors={errors} problem={problem} />,
  });
}
