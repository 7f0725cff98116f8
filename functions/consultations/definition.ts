/**
 * A consultation's questions as a respondent meets them: the pages staff built, then the about-you
 * pages; which questions show for the answers so far (a question with `showWhen` shows only when an
 * earlier answer has that value); and the rules a definition must keep to be saved (conditions point
 * back to earlier choice questions, ids are unique, limits hold).
 */
import type { FieldError } from '../core/refusal.js';
import { aboutYouPages, areaChoices } from './about-you.js';
import { LIMITS, hasOptions, type Answers, type ChoiceOption, type Consultation, type Question, type QuestionInput, type QuestionPage, type PagesInput } from './model.js';
import { preceptOptionLabel } from './precept.js';

export const DONT_KNOW: ChoiceOption = { id: 'dont-know', label: 'Don’t know', dontKnow: true };
export const OTHER: ChoiceOption = { id: 'other', label: 'Other', other: true };

export const scaleOptions: readonly ChoiceOption[] = [
  { id: 'strongly-agree', label: 'Strongly agree' },
  { id: 'agree', label: 'Agree' },
  { id: 'neither', label: 'Neither agree nor disagree' },
  { id: 'disagree', label: 'Disagree' },
  { id: 'strongly-disagree', label: 'Strongly disagree' },
];

/** Every page a respondent may see, in order: the consultation's own, then about you. */
export const journeyPages = (c: Pick<Consultation, 'pages' | 'aboutYou'>): QuestionPage[] => [...c.pages, ...aboutYouPages(c.aboutYou)];

export const allQuestions = (c: Pick<Consultation, 'pages' | 'aboutYou'>): Question[] => journeyPages(c).flatMap((p) => p.questions);

export const ownQuestions = (c: Pick<Consultation, 'pages'>): Question[] => c.pages.flatMap((p) => p.questions);

export const findQuestion = (c: Pick<Consultation, 'pages' | 'aboutYou'>, id: string) => allQuestions(c).find((q) => q.id === id);

/** Whether a question shows, given the answers to the questions before it. */
export function isShown(question: Question, answers: Answers, byId: ReadonlyMap<string, Question>, seen = 0): boolean {
  if (question.type === 'area') return areaChoices(answers).length > 0;
  const when = question.showWhen;
  if (!when) return true;
  const earlier = byId.get(when.questionId);
  if (!earlier || seen > LIMITS.questions || !isShown(earlier, answers, byId, seen + 1)) return false;
  const answer = answers[when.questionId];
  return answer?.choice === when.optionId || Boolean(answer?.choices?.includes(when.optionId));
}

export const questionsById = (c: Pick<Consultation, 'pages' | 'aboutYou'>) => new Map(allQuestions(c).map((q) => [q.id, q]));

/** The pages that have something to ask for these answers, with only the questions that show. */
export function visiblePages(c: Pick<Consultation, 'pages' | 'aboutYou'>, answers: Answers): QuestionPage[] {
  const byId = questionsById(c);
  return journeyPages(c)
    .map((page) => ({ ...page, questions: page.questions.filter((q) => isShown(q, answers, byId)) }))
    .filter((page) => page.questions.length > 0);
}

/** The options a choice question offers (the council-area question's depend on the postcode answer). */
export function optionsOf(question: Question, answers: Answers = {}): ChoiceOption[] {
  if (question.type === 'area') return areaChoices(answers);
  return hasOptions(question) ? question.options : [];
}

/** Answers to questions that no longer show (an earlier answer changed) are dropped. */
export function withoutHiddenAnswers(c: Pick<Consultation, 'pages' | 'aboutYou'>, answers: Answers): Answers {
  const byId = questionsById(c);
  // In page order, so a condition is judged on answers already kept.
  const kept: Answers = {};
  for (const q of allQuestions(c)) {
    const answer = answers[q.id];
    if (answer && isShown(q, kept, byId)) kept[q.id] = answer;
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------
// Building questions from what staff send

const nextId = (prefix: string, taken: ReadonlySet<string>) => {
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
};

/** Options from labels: kept ids stay, a label that was there before keeps its id, the rest get new ones. */
function buildOptions(inputs: ReadonlyArray<{ id?: string; label: string }>, before: readonly ChoiceOption[] = []): ChoiceOption[] {
  const taken = new Set([...inputs.flatMap((o) => (o.id ? [o.id] : [])), DONT_KNOW.id, OTHER.id]);
  return inputs.map((input) => {
    const id = input.id ?? before.find((b) => b.label === input.label && !taken.has(b.id))?.id ?? nextId('o', taken);
    taken.add(id);
    return { id, label: input.label };
  });
}

/** A question as stored, from what staff sent; `before` is the question it replaces (ids kept). */
export function buildQuestion(input: QuestionInput, id: string, before?: Question): Question {
  const base = {
    id,
    text: input.text,
    ...(input.hint ? { hint: input.hint } : {}),
    required: input.required,
    ...(input.showWhen ? { showWhen: input.showWhen } : {}),
  };
  const previous = before && hasOptions(before) ? before.options : [];
  switch (input.type) {
    case 'single':
      return { ...base, type: 'single', options: [...buildOptions(input.options, previous), ...(input.allowOther ? [OTHER] : []), ...(input.includeDontKnow ? [DONT_KNOW] : [])] };
    case 'multiple':
      return { ...base, type: 'multiple', options: [...buildOptions(input.options, previous), ...(input.allowOther ? [OTHER] : [])], maxChoices: input.maxChoices };
    case 'scale':
      return { ...base, type: 'scale', options: [...scaleOptions, ...(input.includeDontKnow ? [DONT_KNOW] : [])] };
    case 'precept':
      return {
        ...base,
        type: 'precept',
        bandDPence: input.bandDPence,
        options: [
          ...[...new Set(input.increasesPence)].sort((a, b) => a - b).map((pence) => ({ id: `increase-${pence}`, label: preceptOptionLabel(pence, input.bandDPence), increasePence: pence })),
          ...(input.includeDontKnow ? [DONT_KNOW] : []),
        ],
      };
    case 'text':
      return { ...base, type: 'text', maxLength: input.maxLength };
    case 'number':
      return { ...base, type: 'number', min: input.min, max: input.max, ...(input.unit ? { unit: input.unit } : {}) };
  }
}

/** Pages as stored, from what staff sent (the JSON API's whole-definition form): ids kept or given. */
export function buildPages(inputs: PagesInput, before: readonly QuestionPage[] = []): QuestionPage[] {
  const pageIds = new Set(inputs.flatMap((p) => (p.id ? [p.id] : [])));
  const questionIds = new Set(inputs.flatMap((p) => p.questions.flatMap((q) => (q.id ? [q.id] : []))));
  const previous = new Map(before.flatMap((p) => p.questions).map((q) => [q.id, q]));
  return inputs.map((page) => {
    const pageId = page.id ?? nextId('p', pageIds);
    pageIds.add(pageId);
    return {
      id: pageId,
      title: page.title,
      questions: page.questions.map((q) => {
        const id = q.id ?? nextId('q', questionIds);
        questionIds.add(id);
        return buildQuestion(q, id, previous.get(id));
      }),
    };
  });
}

export const newQuestionId = (c: Pick<Consultation, 'pages'>) => nextId('q', new Set(ownQuestions(c).map((q) => q.id)));
export const newPageId = (c: Pick<Consultation, 'pages'>) => nextId('p', new Set(c.pages.map((p) => p.id)));

/** Problems that stop a definition being saved, named by `pages.<i>.questions.<j>.<field>`. */
export function definitionProblems(pages: readonly QuestionPage[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Map<string, { page: number; question: Question }>();
  let questions = 0;
  let freeText = 0;
  let options = 0;
  pages.forEach((page, p) =>
    page.questions.forEach((q, i) => {
      const at = `pages.${p}.questions.${i}`;
      questions++;
      if (q.type === 'text') freeText++;
      if (hasOptions(q)) options += q.options.length;
      if (seen.has(q.id) || q.id.startsWith('about-')) problems.push({ field: `${at}.id`, message: `The question id ${q.id} is used more than once` });
      if (q.type === 'multiple' && q.maxChoices > q.options.length) problems.push({ field: `${at}.maxChoices`, message: 'The most choices cannot be more than the number of options' });
      if (q.type === 'number' && q.min >= q.max) problems.push({ field: `${at}.max`, message: 'The largest number must be more than the smallest' });
      if (hasOptions(q) && new Set(q.options.map((o) => o.id)).size !== q.options.length) problems.push({ field: `${at}.options`, message: 'Each option must be different' });
      if (hasOptions(q) && new Set(q.options.map((o) => o.label)).size !== q.options.length) problems.push({ field: `${at}.options`, message: 'Each option must be different' });
      if (q.showWhen) {
        const target = seen.get(q.showWhen.questionId);
        if (!target || target.page >= p) {
          problems.push({ field: `${at}.showWhen`, message: 'A question can only depend on a question on an earlier page' });
        } else if (!hasOptions(target.question) || !target.question.options.some((o) => o.id === q.showWhen!.optionId)) {
          problems.push({ field: `${at}.showWhen`, message: 'A question can only depend on an option of a choice question' });
        }
      }
      seen.set(q.id, { page: p, question: q });
    }),
  );
  if (new Set(pages.map((p) => p.id)).size !== pages.length) problems.push({ field: 'pages', message: 'Each page id must be different' });
  if (pages.length > LIMITS.pages) problems.push({ field: 'pages', message: `A consultation can have up to ${LIMITS.pages} pages` });
  if (questions > LIMITS.questions) problems.push({ field: 'pages', message: `A consultation can have up to ${LIMITS.questions} questions` });
  if (freeText > LIMITS.freeTextQuestions) problems.push({ field: 'pages', message: `A consultation can have up to ${LIMITS.freeTextQuestions} free-text questions` });
  if (options > LIMITS.choiceOptions) problems.push({ field: 'pages', message: `A consultation can have up to ${LIMITS.choiceOptions} options across its questions` });
  return problems;
}

/** The questions a question may depend on: choice questions on pages before `pageIndex`. */
export function conditionTargets(pages: readonly QuestionPage[], pageIndex: number): Array<{ question: Question; option: ChoiceOption }> {
  return pages
    .slice(0, Math.max(0, pageIndex))
    .flatMap((p) => p.questions)
    .flatMap((q) => (hasOptions(q) ? q.options.map((option) => ({ question: q as Question, option })) : []));
}

