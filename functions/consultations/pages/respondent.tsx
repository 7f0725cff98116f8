/**
 * The questionnaire, for anyone, without an account and without JavaScript. Every page posts and
 * redirects (Post/Redirect/Get); answers wait in a server-side draft keyed by the browser's random
 * cookie token until "check your answers" sends them.
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
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { clientAddress } from '../../core/http/client-address.js';
import { newSecret } from '../../core/ids.js';
import { looksLikeSubmissionKey } from '../../core/idempotency.js';
import { rateLimited } from '../../core/rate-limits.js';
import { attempt, inFieldOrder, looksLikeId, pageErrors, readForm, type FormValues } from '../../core/ui/forms.js';
import { emailAddress } from '../../core/validation.js';
import { checkAnswers } from '../answers.js';
import { getConsultation, listPublicConsultations } from '../consultations.js';
import { journeyPages, visiblePages, withoutHiddenAnswers } from '../definition.js';
import { phaseOf, type Consultation } from '../model.js';
import { referenceFor, responseIdFromReference } from '../references.js';
import { draftExpiry } from '../retention.js';
import { findResponse, previousSubmission, submitResponse } from '../responding.js';
import { getDraft, saveDraftAnswers } from '../store/drafts.js';
import { afterChange, answersFromForm, browserToken, checkPath, ensureBrowserToken, formFromAnswers, positionOf, questionPath } from './journey.js';
import { publicResultsPages } from './public-results.js';
import { CheckAnswersPage, ConfirmationPage, ConsultationListPage, CookiesNeededPage, QuestionPageView, StartPage } from './respondent-views.js';

/** A published consultation (drafts do not exist as far as the public can tell). */
async function published(c: Context): Promise<Consultation | undefined> {
  const id = c.req.param('id') ?? '';
  const found = looksLikeId(id) ? await getConsultation(id) : undefined;
  return found && found.status !== 'draft' ? found : undefined;
}

const start = (id: string) => `/consultations/${id}`;
const confirmation = (id: string, reference: string) => `/consultations/${id}/confirmation/${reference}`;

export function respondentPages(app: Hono<AppEnv>): void {
  app.get('/consultations', async (c) => {
    const now = new Date();
    return c.html(<ConsultationListPage consultations={await listPublicConsultations()} now={now} />);
  });

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
    if (!journeyPages(consultation).some((p) => p.id === pageId)) return handleNotFound(c);
    const position = positionOf(consultation, pageId, answers);
    // A page that does not show for these answers (a condition not met): on to the next that does.
    if (position.index < 0) return c.redirect(position.pages[0] ? questionPath(consultation.id, position.pages[0].id) : checkPath(consultation.id), 303);
    const page = position.pages[position.index]!;
    const returnToCheck = c.req.query('return') === 'check';
    c.header('Cache-Control', 'no-store');
    return c.html(
      <QuestionPageView
        consultation={consultation}
        page={page}
        position={{ number: position.index + 1, of: position.pages.length }}
        values={formFromAnswers(page.questions, answers)}
        answers={answers}
        back={returnToCheck ? checkPath(consultation.id) : position.previous ? questionPath(consultation.id, position.previous.id) : start(consultation.id)}
        returnToCheck={returnToCheck}
      />,
    );
  });

  app.post('/consultations/:id/questions/:page', async (c) => {
    const consultation = await published(c);
    if (!consultation) return handleNotFound(c);
    const now = new Date();
    if (phaseOf(consultation, now) !== 'open') return c.html(<StartPage consultation={consultation} now={now} />, 409);
    const token = browserToken(c);
    if (!token) return c.html(<CookiesNeededPage consultation={consultation} />, 400);
    const pageId = c.req.param('page');
    const draft = await getDraft(token, consultation.id, now);
    const answers = draft?.answers ?? {};
    const position = positionOf(consultation, pageId, answers);
    if (position.index < 0) return c.redirect(journeyPages(consultation).some((p) => p.id === pageId) ? start(consultation.id) : '/consultations', 303);
    const page = position.pages[position.index]!;
    const returnToCheck = c.req.query('return') === 'check';
    const form = await readForm(c);
    const raw = answersFromForm(page, form, answers);
    const ids = new Set(page.questions.map((q) => q.id));
    const checked = checkAnswers(consultation, { ...answers, ...raw }, { only: ids });
    if (checked.errors.length) {
      const errors = inFieldOrder(pageErrors(checked.errors), page.questions.flatMap((q) => [q.id, `${q.id}-other`]));
      return c.html(
        <QuestionPageView
          consultation={consultation}
          page={page}
          position={{ number: position.index + 1, of: position.pages.length }}
          values={form}
          errors={errors}
          answers={answers}
          back={returnToCheck ? checkPath(consultation.id) : position.previous ? questionPath(consultation.id, position.previous.id) : start(consultation.id)}
          returnToCheck={returnToCheck}
        />,
        400,
      );
    }
    const set = Object.fromEntries([...ids].flatMap((id) => (checked.answers[id] ? [[id, checked.answers[id]!]] : [])));
    await saveDraftAnswers(token, consultation.id, { set, remove: [...ids], definitionVersion: consultation.definitionVersion, now: now.toISOString(), expiresAt: draftExpiry(now) });
    const updated = { ...answers, ...set };
    for (const id of ids) if (!set[id]) delete updated[id];
    if (returnToCheck) return c.redirect(afterChange(consultation, page.id, updated), 303);
    const next = positionOf(consultation, page.id, updated).next;
    return c.redirect(next ? questionPath(consultation.id, next.id) : checkPath(consultation.id), 303);
  });

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

  app.get('/consultations/:id/check-answers', async (c) => {
    const consultation = await published(c);
    if (!consultation) return handleNotFound(c);
    if (phaseOf(consultation, new Date()) !== 'open') return c.redirect(start(consultation.id), 303);
    const review = await reviewed(consultation, browserToken(c));
    if (!review.answers) return c.redirect(review.redirect, 303);
    const pages = visiblePages(consultation, review.answers);
    c.header('Cache-Control', 'no-store');
    return c.html(<CheckAnswersPage consultation={consultation} pages={pages} answers={review.answers} values={{ submission: newSecret() }} back={questionPath(consultation.id, pages.at(-1)!.id)} />);
  });

  app.post('/consultations/:id/check-answers', rateLimited('consultations/respond'), async (c) => {
    const consultation = await published(c);
    if (!consultation) return handleNotFound(c);
    const now = new Date();
    const form: FormValues = await readForm(c);
    const token = browserToken(c);
    if (!looksLikeSubmissionKey(form['submission'] ?? '')) form['submission'] = newSecret();
    const submission = form['submission']!;
    // Sent twice (a double click, or a refresh of the answer): the first one's reference.
    const before = await previousSubmission(consultation.id, submission);
    if (before) return c.redirect(confirmation(consultation.id, before.reference), 303);
    if (phaseOf(consultation, now) !== 'open') return c.html(<StartPage consultation={consultation} now={now} />, 409);
    if (!token) return c.html(<CookiesNeededPage consultation={consultation} />, 400);
    const review = await reviewed(consultation, token);
    if (!review.answers) return c.redirect(review.redirect, 303);
    const typed = form['receiptEmail']?.trim() ?? '';
    const email = typed ? z.safeParse(emailAddress(), typed) : undefined;
    if (email && !email.success) {
      const pages = visiblePages(consultation, review.answers);
      return c.html(
        <CheckAnswersPage
          consultation={consultation}
          pages={pages}
          answers={review.answers}
          values={form}
          errors={{ receiptEmail: email.error.issues[0]?.message ?? 'Enter an email address in the correct format, like name@example.com' }}
          back={questionPath(consultation.id, pages.at(-1)!.id)}
        />,
        400,
      );
    }
    const result = await attempt(() =>
      submitResponse(
        consultation.id,
        {
          answers: review.answers,
          channel: 'online',
          browserTokenHash: token,
          draft: { ...(review.draft.id ? { id: review.draft.id } : {}), version: review.draft.version },
          clientAddress: clientAddress(c),
          submission,
          ...(email?.success ? { receiptEmail: email.data } : {}),
        },
        now,
      ),
    );
    if ('refusal' in result) {
      // Closed meanwhile, or the questions changed while they answered: show why, or where to look again.
      if (result.refusal.kind === 'invalid' || result.refusal.code === 'draft_changed') return c.redirect(checkPath(consultation.id), 303);
      return c.html(<StartPage consultation={(await getConsultation(consultation.id, { consistent: true })) ?? consultation} now={now} />, 409);
    }
    return c.redirect(`${confirmation(consultation.id, result.ok.reference)}${email?.success && result.ok.outcome === 'submitted' ? '?emailed=yes' : ''}`, 303);
  });

  app.get('/consultations/:id/confirmation/:reference', async (c) => {
    const consultation = await published(c);
    const id = responseIdFromReference(c.req.param('reference') ?? '');
    if (!consultation || !id || !(await findResponse(consultation.id, id))) return handleNotFound(c);
    c.header('Cache-Control', 'no-store');
    return c.html(<ConfirmationPage consultation={consultation} reference={`${id.slice(0, 4)}-${id.slice(4)}`} emailed={c.req.query('emailed') === 'yes'} />);
  });

  publicResultsPages(app);
}
