/**
 * The questionnaire's plumbing for pages without JavaScript: the browser's random token (an HttpOnly
 * cookie; it keys the draft and the "same browser" mark, and says nothing about the person), reading a
 * page's form into answers and answers back into form values, and where to go next.
 *
 * Form fields per question: radios `<id>` (with `<id>-other` for "Other, please say"), checkboxes
 * `<id>--<option>`, text and numbers `<id>`, the postcode `<id>` with `<id>-prefer-not`.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { config } from '../../core/config.js';
import { newSecret } from '../../core/ids.js';
import { checkboxField } from '../../core/ui/choices.js';
import type { FormValues } from '../../core/ui/forms.js';
import { PREFER_NOT } from '../about-you.js';
import { optionsOf, visiblePages } from '../definition.js';
import type { Answer, Answers, Consultation, Question, QuestionPage } from '../model.js';
import { hashToken } from '../responding.js';

export const BROWSER_COOKIE = 'consultation_browser';
const YEAR_SECONDS = 365 * 24 * 3600;

/** The browser's token, hashed, if it has one. */
export function browserToken(c: Context): string | undefined {
  const token = getCookie(c, BROWSER_COOKIE);
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? hashToken(token) : undefined;
}

/** The browser's token, hashed; a new one is set as a cookie when it has none. */
export function ensureBrowserToken(c: Context): string {
  const existing = browserToken(c);
  if (existing) return existing;
  const token = newSecret(32);
  setCookie(c, BROWSER_COOKIE, token, { path: '/consultations', httpOnly: true, sameSite: 'Lax', secure: config().secureCookies, maxAge: YEAR_SECONDS });
  return hashToken(token);
}

/** A page's answers as the form posted them (not yet checked). */
export function answersFromForm(page: QuestionPage, form: FormValues, answersSoFar: Answers): Record<string, Answer> {
  const raw: Record<string, Answer> = {};
  for (const q of page.questions) {
    const value = (name: string) => {
      const v = form[name];
      return v === undefined || v.trim() === '' ? undefined : v;
    };
    const options = optionsOf(q, answersSoFar);
    switch (q.type) {
      case 'single':
      case 'scale':
      case 'precept':
      case 'area': {
        const choice = value(q.id);
        // The "Other" box only counts when "Other" is chosen (as GOV.UK's conditional reveal behaves).
        const isOther = options.some((o) => o.id === choice && o.other);
        raw[q.id] = { ...(choice ? { choice } : {}), ...(isOther && value(`${q.id}-other`) ? { other: form[`${q.id}-other`] } : {}) };
        break;
      }
      case 'multiple': {
        const choices = options.filter((o) => form[checkboxField(q.id, o.id)] === 'yes').map((o) => o.id);
        const isOther = options.some((o) => o.other && choices.includes(o.id));
        raw[q.id] = { ...(choices.length ? { choices } : {}), ...(isOther && value(`${q.id}-other`) ? { other: form[`${q.id}-other`] } : {}) };
        break;
      }
      case 'text':
        raw[q.id] = value(q.id) ? { text: form[q.id]! } : {};
        break;
      case 'number': {
        const typed = value(q.id)?.trim().replace(/,/g, '');
        raw[q.id] = typed === undefined ? {} : { number: /^-?\d{1,9}$/.test(typed) ? Number(typed) : Number.NaN };
        break;
      }
      case 'outward-code':
        raw[q.id] = { ...(value(q.id) ? { outwardCode: form[q.id] } : {}), ...(form[`${q.id}-prefer-not`] === 'yes' ? { choice: PREFER_NOT.id } : {}) };
        break;
    }
  }
  return raw;
}

/** Stored answers as form values, to show a page again with them filled in. */
export function formFromAnswers(questions: readonly Question[], answers: Answers): FormValues {
  const form: FormValues = {};
  for (const q of questions) {
    const a = answers[q.id];
    if (!a) continue;
    if (a.choice !== undefined) form[q.id] = a.choice;
    for (const choice of a.choices ?? []) form[checkboxField(q.id, choice)] = 'yes';
    if (a.other !== undefined) form[`${q.id}-other`] = a.other;
    if (a.text !== undefined) form[q.id] = a.text;
    if (a.number !== undefined) form[q.id] = String(a.number);
    if (a.outwardCode !== undefined) form[q.id] = a.outwardCode;
    if (q.type === 'outward-code' && a.choice === PREFER_NOT.id) {
      delete form[q.id];
      form[`${q.id}-prefer-not`] = 'yes';
    }
  }
  return form;
}

export interface Position {
  pages: QuestionPage[];
  /** Index of the page among those that show for these answers (-1 when it does not show). */
  index: number;
  previous?: QuestionPage;
  next?: QuestionPage;
}

export function positionOf(consultation: Consultation, pageId: string, answers: Answers): Position {
  const pages = visiblePages(consultation, answers);
  const index = pages.findIndex((p) => p.id === pageId);
  return { pages, index, ...(index > 0 ? { previous: pages[index - 1] } : {}), ...(index >= 0 && index + 1 < pages.length ? { next: pages[index + 1] } : {}) };
}

export const questionPath = (consultationId: string, pageId: string, returnToCheck = false) => `/consultations/${consultationId}/questions/${pageId}${returnToCheck ? '?return=check' : ''}`;
export const checkPath = (consultationId: string) => `/consultations/${consultationId}/check-answers`;

/**
 * After changing an answer from "check your answers": back there, unless the change opened a page
 * with a question still to answer (a condition now met), which comes first.
 */
export function afterChange(consultation: Consultation, pageId: string, answers: Answers): string {
  const { pages, index } = positionOf(consultation, pageId, answers);
  const waiting = pages.slice(index + 1).find((p) => p.questions.some((q) => !answers[q.id] && (q.required || q.showWhen || q.type === 'area')));
  return waiting ? questionPath(consultation.id, waiting.id, true) : checkPath(consultation.id);
}
