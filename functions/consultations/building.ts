/**
 * Staff build a consultation's questionnaire a page and a question at a time: add, edit, remove and
 * reorder. Each is a change to the definition (consultations.ts `changeConsultation`): checked as a
 * whole before saving, and refused once the consultation has responses.
 */
import { invalidField, notFound, Refusal } from '../core/refusal.js';
import { changeConsultation } from './consultations.js';
import { buildQuestion, newPageId, newQuestionId } from './definition.js';
import { LIMITS, type Consultation, type QuestionInput } from './model.js';

const noSuchPage = () => notFound('There is no page with this id in this consultation', 'no_such_page');
const noSuchQuestion = () => notFound('There is no question with this id in this consultation', 'no_such_question');

function pageIndex(c: Consultation, pageId: string): number {
  const i = c.pages.findIndex((p) => p.id === pageId);
  if (i < 0) throw noSuchPage();
  return i;
}

function questionPlace(c: Consultation, questionId: string): { page: number; index: number } {
  for (const [page, p] of c.pages.entries()) {
    const index = p.questions.findIndex((q) => q.id === questionId);
    if (index >= 0) return { page, index };
  }
  throw noSuchQuestion();
}

export function addPage(id: string, title: string, now?: Date): Promise<Consultation> {
  return changeConsultation(
    id,
    (c) => {
      if (c.pages.length >= LIMITS.pages) throw invalidField('title', `A consultation can have up to ${LIMITS.pages} pages`);
      return { ...c, pages: [...c.pages, { id: newPageId(c), title, questions: [] }] };
    },
    now,
  );
}

export function renamePage(id: string, pageId: string, title: string, now?: Date): Promise<Consultation> {
  return changeConsultation(
    id,
    (c) => {
      const index = pageIndex(c, pageId);
      return { ...c, pages: c.pages.map((p, i) => (i === index ? { ...p, title } : p)) };
    },
    now,
  );
}

/** Removes a page and its questions; refused while a later question depends on one of them. */
export function removePage(id: string, pageId: string, now?: Date): Promise<Consultation> {
  return changeConsultation(
    id,
    (c) => {
      const i = pageIndex(c, pageId);
      const removed = new Set(c.pages[i]!.questions.map((q) => q.id));
      const dependent = c.pages.flatMap((p) => p.questions).find((q) => q.showWhen && removed.has(q.showWhen.questionId) && !removed.has(q.id));
      if (dependent) throw new Refusal('question_depends_on_page', `“${dependent.text}” depends on a question on this page: change it first`);
      return { ...c, pages: c.pages.filter((_, j) => j !== i) };
    },
    now,
  );
}

export function movePage(id: string, pageId: string, direction: 'up' | 'down', now?: Date): Promise<Consultation> {
  return changeConsultation(
    id,
    (c) => {
      const i = pageIndex(c, pageId);
      const j = direction === 'up' ? i - 1 : i + 1;
      if (j < 0 || j >= c.pages.length) return c;
      const pages = [...c.pages];
      [pages[i], pages[j]] = [pages[j]!, pages[i]!];
      return { ...c, pages };
    },
    now,
  );
}

export async function addQuestion(id: string, pageId: string, input: QuestionInput, now?: Date): Promise<{ consultation: Consultation; questionId: string }> {
  let questionId = '';
  const consultation = await changeConsultation(
    id,
    (c) => {
      const i = pageIndex(c, pageId);
      if (c.pages[i]!.questions.length >= LIMITS.questionsPerPage) throw invalidField('text', `A page can have up to ${LIMITS.questionsPerPage} questions`);
      questionId = newQuestionId(c);
      const question = buildQuestion(input, questionId);
      return { ...c, pages: c.pages.map((p, j) => (j === i ? { ...p, questions: [...p.questions, question] } : p)) };
    },
    now,
  );
  return { consultation, questionId };
}

export function editQuestion(id: string, questionId: string, input: QuestionInput, now?: Date): Promise<Consultation> {
  return changeConsultation(
    id,
    (c) => {
      const { page, index } = questionPlace(c, questionId);
      const before = c.pages[page]!.questions[index]!;
      if (before.type !== input.type) throw invalidField('type', 'A question’s type cannot change: remove it and add a new one');
      const question = buildQuestion(input, questionId, before);
      return { ...c, pages: c.pages.map((p, j) => (j === page ? { ...p, questions: p.questions.map((q, k) => (k === index ? question : q)) } : p)) };
    },
    now,
  );
}

/** Removes a question; refused while another depends on it. */
export function removeQuestion(id: string, questionId: string, now?: Date): Promise<Consultation> {
  return changeConsultation(
    id,
    (c) => {
      const { page, index } = questionPlace(c, questionId);
      const dependent = c.pages.flatMap((p) => p.questions).find((q) => q.showWhen?.questionId === questionId);
      if (dependent) throw new Refusal('question_has_dependents', `“${dependent.text}” depends on this question: change it first`);
      return { ...c, pages: c.pages.map((p, j) => (j === page ? { ...p, questions: p.questions.filter((_, k) => k !== index) } : p)) };
    },
    now,
  );
}

/** Moves a question up or down within its page. */
export function moveQuestion(id: string, questionId: string, direction: 'up' | 'down', now?: Date): Promise<Consultation> {
  return changeConsultation(
    id,
    (c) => {
      const { page, index } = questionPlace(c, questionId);
      const target = direction === 'up' ? index - 1 : index + 1;
      const questions = [...c.pages[page]!.questions];
      if (target < 0 || target >= questions.length) return c;
      [questions[index], questions[target]] = [questions[target]!, questions[index]!];
      return { ...c, pages: c.pages.map((p, j) => (j === page ? { ...p, questions } : p)) };
    },
    now,
  );
}

export { questionPlace };
