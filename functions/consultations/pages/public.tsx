/**
 * The public pages: the questionnaire, for anyone, without an account and without JavaScript, and the
 * published results. Every page of questions posts and redirects (core's `formRoute`); answers wait
 * in a server-side draft keyed by the browser's random cookie token until "check your answers" sends
 * them. A form sent twice is answered as the first was (core's submission key, in every PostForm).
 *
 *   GET       /consultations                              open, coming and closed consultations
 *   GET       /consultations/{id}                         start page (or why it is not open)
 *   GET/POST  /consultations/{id}/questions/{page}        one page of questions (?return=check after "Change")
 *   GET/POST  /consultations/{id}/check-answers           check, optionally ask for a copy, send
 *   GET       /consultations/{id}/confirmation/{ref}      the receipt reference
 *   GET       /consultations/{id}/results                 "we asked, you said, we did", once published
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { publicOutcomesOf } from '../../core/actions/public-outcomes.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { clientAddress } from '../../core/http/client-address.js';
import { formRoute, type Shown } from '../../core/http/form-route.js';
import { invalidField, Refusal } from '../../core/refusal.js';
import { inFieldOrder, looksLikeId, type FormValues } from '../../core/ui/forms.js';
import { emailAddress } from '../../core/validation.js';
import { checkAnswers } from '../answers.js';
import { getConsultation, listPublicConsultations } from '../consultations.js';
import { journeyPages, visiblePages, withoutHiddenAnswers } from '../definition.js';
import { CAPABILITY, phaseOf, type Answers, type Consultation } from '../model.js';
import { publicResultsOf } from '../reading-results.js';
import { referenceFor, responseIdFromReference } from '../references.js';
import { draftExpiry } from '../retention.js';
import { findResponse, submitResponse } from '../responding.js';
import { getDraft, saveDraftAnswers } from '../store/drafts.js';
import { afterChange, answersFromForm, browserToken, checkPath, ensureBrowserToken, formFromAnswers, positionOf, questionPath } from './journey.js';
import { PublicResultsPage, ResultsComingPage } from './public-results.js';
import { CheckAnswersPage, ConfirmationPage, ConsultationListPage, CookiesNeededPage, QuestionsPage, StartPage } from './questionnaire.js';

/** A published consultation (drafts do not exist as far as the public can tell). */
async function published(c: Context): Promise<Consultation | undefined> {
  const id = c.req.param('id') ?? '';
  const found = looksLikeId(id) ? await getConsultation(id) : undefined;
  return found && found.status !== 'draft' ? found : undefined;
}

const start = (id: string) => `/consultations/${id}`;
const confirmation = (id: string, reference: string) => `/consultations/${id}/confirmation/${reference}`;

/** Where a post on the questionnaire stands: the consultation, the browser's draft key, and the page. */
interface Journey {
  consultation: Consultation;
  token: string | undefined;
  pageId: string;
  returnToCheck: boolean;
}

const journeyOf = async (c: Context): Promise<Journey | undefined> => {
  const consultation = await published(c);
  return consultation && { consultation, token: browserToken(c), pageId: c.req.param('page') ?? '', returnToCheck: c.req.query('return') === 'check' };
};

/** The questionnaire cannot go on now: it is not open, or the browser keeps no cookie. */
function mustBeOpen({ consultation, token }: Journey, now: Date): string {
  const phase = phaseOf(consultation, now);
  if (phase === 'upcoming') throw new Refusal('consultation_not_open', 'This consultation is not open yet');
  if (phase !== 'open') throw new Refusal('consultation_closed', 'This consultation has closed');
  if (!token) throw new Refusal('cookies_needed', 'Your answers could not be kept', { kind: 'invalid' });
  return token;
}

/** One page of questions, with the answers so far (undefined when it does not show for them). */
function questionsPage(consultation: Consultation, pageId: string, answers: Answers, returnToCheck: boolean, values: FormValues, errors?: Record<string, string | undefined>) {
  const position = positionOf(consultation, pageId, answers);
  const page = position.pages[position.index];
  if (!page) return undefined;
  const back = returnToCheck ? checkPath(consultation.id) : position.previous ? questionPath(consultation.id, position.previous.id) : start(consultation.id);
  const ordered = errors && inFieldOrder(errors, page.questions.flatMap((q) => [q.id, `${q.id}-other`]));
  return (
    <QuestionsPage
      consultation={consultation}
      page={page}
      position={{ number: position.index + 1, of: position.pages.length }}
      values={values}
      {...(ordered ? { errors: ordered } : {})}
      answers={answers}
      back={back}
      returnToCheck={returnToCheck}
    />
  );
}

/** Saves one page's answers in the draft; where to go next. */
async function savePage(journey: Journey, form: FormValues): Promise<string> {
  const { consultation, pageId } = journey;
  const now = new Date();
  const token = mustBeOpen(journey, now);
  const answers = (await getDraft(token, consultation.id, now))?.answers ?? {};
  const position = positionOf(consultation, pageId, answers);
  const page = position.pages[position.index];
  if (!page) return journeyPages(consultation).some((p) => p.id === pageId) ? start(consultation.id) : '/consultations';
  const ids = new Set(page.questions.map((q) => q.id));
  const checked = checkAnswers(consultation, { ...answers, ...answersFromForm(page, form, answers) }, { only: ids });
  if (checked.errors.length) throw new Refusal('invalid_answers', 'Some of the answers are not valid', { kind: 'invalid', fields: checked.errors });
  const set = Object.fromEntries([...ids].flatMap((id) => (checked.answers[id] ? [[id, checked.answers[id]!]] : [])));
  await saveDraftAnswers(token, consultation.id, { set, remove: [...ids], definitionVersion: consultation.definitionVersion, now: now.toISOString(), expiresAt: draftExpiry(now) });
  const updated = { ...answers, ...set };
  for (const id of ids) if (!set[id]) delete updated[id];
  if (journey.returnToCheck) return afterChange(consultation, page.id, updated);
  const next = positionOf(consultation, page.id, updated).next;
  return next ? questionPath(consultation.id, next.id) : checkPath(consultation.id);
}

/** The draft's answers as they stand, or where to go to fix them (the questions changed since, or a required one was skipped). */
async function reviewed(consultation: Consultation, token: string | undefined) {
  const draft = token ? await getDraft(token, consultation.id) : undefined;
  // Sent already (from this window or another): its confirmation.
  if (draft?.sentAs) return { redirect: confirmation(consultation.id, referenceFor(draft.sentAs)) };
  if (!draft) return { redirect: start(consultation.id) };
  const answers = withoutHiddenAnswers(consultation, draft.answers);
  const { errors } = checkAnswers(consultation, answers);
  const firstProblem = errors[0] && journeyPages(consultation).find((p) => p.questions.some((q) => q.id === errors[0]!.field.replace(/-other$/, '')));
  if (firstProblem) return { redirect: questionPath(consultation.id, firstProblem.id, true) };
  return { answers, draft };
}

/** Sends the draft as the response; where to go then (its confirmation, or back to check the answers). */
async function send(journey: Journey, form: FormValues, address: string): Promise<string> {
  const { consultation } = journey;
  const now = new Date();
  const token = mustBeOpen(journey, now);
  const review = await reviewed(consultation, token);
  if (!review.answers) return review.redirect;
  const typed = form['receiptEmail']?.trim() ?? '';
  const email = typed ? z.safeParse(emailAddress(), typed) : undefined;
  if (email && !email.success) throw invalidField('receiptEmail', email.error.issues[0]?.message ?? 'Enter an email address in the correct format, like name@example.com');
  const draft = { ...(review.draft.id ? { id: review.draft.id } : {}), version: review.draft.version };
  try {
    const receiptEmail = email?.success ? { receiptEmail: email.data } : {};
    const result = await submitResponse(consultation.id, { answers: review.answers, channel: 'online', browserTokenHash: token, draft, clientAddress: address, ...receiptEmail }, now);
    return `${confirmation(consultation.id, result.reference)}${email?.success && result.outcome === 'submitted' ? '?emailed=yes' : ''}`;
  } catch (error) {
    // The questions changed while they answered, or the draft changed in another window: where to look again.
    if (error instanceof Refusal && (error.kind === 'invalid' || error.code === 'draft_changed')) return checkPath(consultation.id);
    throw error;
  }
}

/** A refusal on the questionnaire: the start page (closed or not open yet, as it is now) or why cookies are needed. */
async function stopped({ context: { consultation }, refusal }: Shown<Journey>) {
  if (refusal?.code === 'cookies_needed') return <CookiesNeededPage consultation={consultation} />;
  return <StartPage consultation={(await getConsultation(consultation.id, { consistent: true })) ?? consultation} now={new Date()} />;
}

export function publicPages(app: Hono<AppEnv>): void {
  app.get('/consultations', async (c) => c.html(<ConsultationListPage consultations={await listPublicConsultations()} now={new Date()} />));

  app.get('/consultations/:id', async (c) => {
    const consultation = await published(c);
    if (!consultation) return handleNotFound(c);
    const first = journeyPages(consultation)[0];
    return c.html(<StartPage consultation={consultation} now={new Date()} {...(first ? { firstPageId: first.id } : {})} />);
  });

  app.get('/consultations/:id/questions/:page', async (c) => {
    const consultation = await published(c);
    if (!consultation) return handleNotFound(c);
    if (phaseOf(consultation, new Date()) !== 'open') return c.redirect(start(consultation.id), 303);
    const token = ensureBrowserToken(c);
    const answers = (await getDraft(token, consultation.id))?.answers ?? {};
    const pageId = c.req.param('page');
    const page = journeyPages(consultation).find((p) => p.id === pageId);
    if (!page) return handleNotFound(c);
    const shown = questionsPage(consultation, pageId, answers, c.req.query('return') === 'check', formFromAnswers(page.questions, answers));
    // A page that does not show for these answers (a condition not met): on to the next that does.
    if (!shown) {
      const first = positionOf(consultation, pageId, answers).pages[0];
      return c.redirect(first ? questionPath(consultation.id, first.id) : checkPath(consultation.id), 303);
    }
    c.header('Cache-Control', 'no-store');
    return c.html(shown);
  });

  formRoute(app, '/consultations/:id/questions/:page', {
    load: journeyOf,
    read: ({ values }) => ({ input: values }),
    act: (form, journey) => savePage(journey, form),
    done: (next) => next,
    again: async (shown) => {
      const { consultation, token, pageId, returnToCheck } = shown.context;
      if (shown.refusal?.code !== 'invalid_answers') return stopped(shown);
      const answers = (token ? await getDraft(token, consultation.id) : undefined)?.answers ?? {};
      return questionsPage(consultation, pageId, answers, returnToCheck, shown.values, shown.errors) ?? stopped(shown);
    },
  });

  app.get('/consultations/:id/check-answers', async (c) => {
    const consultation = await published(c);
    if (!consultation) return handleNotFound(c);
    if (phaseOf(consultation, new Date()) !== 'open') return c.redirect(start(consultation.id), 303);
    const review = await reviewed(consultation, browserToken(c));
    if (!review.answers) return c.redirect(review.redirect, 303);
    const pages = visiblePages(consultation, review.answers);
    c.header('Cache-Control', 'no-store');
    return c.html(<CheckAnswersPage consultation={consultation} pages={pages} answers={review.answers} values={{}} back={questionPath(consultation.id, pages.at(-1)!.id)} />);
  });

  formRoute(app, '/consultations/:id/check-answers', {
    rateLimited: true,
    load: async (c) => {
      const journey = await journeyOf(c);
      return journey && { ...journey, address: clientAddress(c) };
    },
    read: ({ values }) => ({ input: values }),
    act: (form, journey) => send(journey, form, journey.address),
    done: (next) => next,
    again: async (shown, c) => {
      if (!shown.errors?.['receiptEmail']) return stopped(shown);
      const { consultation, token } = shown.context;
      const review = await reviewed(consultation, token);
      if (!review.answers) return c.redirect(review.redirect, 303);
      const pages = visiblePages(consultation, review.answers);
      return <CheckAnswersPage consultation={consultation} pages={pages} answers={review.answers} values={shown.values} errors={shown.errors} back={questionPath(consultation.id, pages.at(-1)!.id)} />;
    },
  });

  app.get('/consultations/:id/confirmation/:reference', async (c) => {
    const consultation = await published(c);
    const id = responseIdFromReference(c.req.param('reference') ?? '');
    if (!consultation || !id || !(await findResponse(consultation.id, id))) return handleNotFound(c);
    c.header('Cache-Control', 'no-store');
    return c.html(<ConfirmationPage consultation={consultation} reference={`${id.slice(0, 4)}-${id.slice(4)}`} emailed={c.req.query('emailed') === 'yes'} />);
  });

  app.get('/consultations/:id/results', async (c) => {
    const consultation = await published(c);
    if (!consultation || phaseOf(consultation, new Date()) !== 'closed') return handleNotFound(c);
    if (!consultation.resultsPublishedAt) return c.html(<ResultsComingPage consultation={consultation} />);
    return c.html(<PublicResultsPage consultation={consultation} results={await publicResultsOf(consultation)} outcomes={await publicOutcomesOf(CAPABILITY, consultation.id)} />);
  });
}
