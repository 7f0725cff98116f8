/**
 * Answers checked against the consultation's own definition: the right kind of answer for each
 * question, choice ids that exist, within limits, required questions answered, and conditional
 * questions answered only when they show. Text is normalised as everywhere (core/validation.ts).
 * Messages say what to do, for the error summary and beside the field (WCAG 3.3.1, 3.3.3).
 *
 *   const { answers, errors } = checkAnswers(consultation, body.answers, { strict: true });
 */
import * as z from 'zod/mini';
import type { FieldError } from '../core/refusal.js';
import { text } from '../core/validation.js';
import { PREFER_NOT, outwardCodeOf } from './about-you.js';
import { allQuestions, isShown, optionsOf, questionsById } from './definition.js';
import { LIMITS, type Answer, type Answers, type Consultation, type Question } from './model.js';

/** One answer as JSON sends it; which fields a question reads depends on its type. */
export const answerJson = z.strictObject({
  choice: z.optional(z.string({ error: 'Give the chosen option’s id as text' })),
  choices: z.optional(z.array(z.string({ error: 'Give each chosen option’s id as text' }))),
  other: z.optional(z.string({ error: 'Give the “Other” answer as text' })),
  text: z.optional(z.string({ error: 'Give the answer as text' })),
  number: z.optional(z.number({ error: 'Give the answer as a number' })),
  outwardCode: z.optional(z.string({ error: 'Give the first part of the postcode as text' })),
});
export const answersJson = z.record(z.string().check(z.maxLength(40)), answerJson);

/** A problem with the "Other" text names that box (`part: 'other'`), so the error summary links to it. */
type Checked = { answer?: Answer; error?: string; part?: 'other' };

const freeText = (max: number, label = 'your answer') => text({ label, max, multiline: true });

function normalisedText(value: string | undefined, max: number, label?: string): { value?: string; error?: string } {
  if (value === undefined) return {};
  const parsed = z.safeParse(freeText(max, label), value);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check your answer' };
  return parsed.data ? { value: parsed.data } : {};
}

const isBlank = (a: Answer) =>
  a.choice === undefined && (a.choices === undefined || a.choices.length === 0) && (a.text === undefined || a.text.trim() === '') && a.number === undefined && (a.outwardCode === undefined || a.outwardCode.trim() === '') && (a.other === undefined || a.other.trim() === '');

/** Checks one answer to one question; `answers` are the answers so far (the council-area options depend on the postcode). */
export function checkAnswer(question: Question, raw: Answer, answers: Answers = {}): Checked {
  if (isBlank(raw)) return {};
  const unexpected = (fields: Array<keyof Answer>) => fields.some((f) => raw[f] !== undefined);
  switch (question.type) {
    case 'single':
    case 'scale':
    case 'precept':
    case 'area': {
      if (unexpected(['choices', 'text', 'number', 'outwardCode'])) return { error: 'Select one option' };
      const option = optionsOf(question, answers).find((o) => o.id === raw.choice);
      if (!option) return { error: raw.choice === undefined ? 'Select one option' : 'Select one of the options given' };
      return withOther(option.other === true, raw, { choice: option.id });
    }
    case 'multiple': {
      if (unexpected(['choice', 'text', 'number', 'outwardCode'])) return { error: 'Select the options that apply' };
      const chosen = [...new Set(raw.choices ?? [])];
      if (chosen.length === 0) return raw.other ? { error: 'Select “Other” to say what else' } : {};
      const options = optionsOf(question);
      if (chosen.some((id) => !options.some((o) => o.id === id))) return { error: 'Select from the options given' };
      if (chosen.length > question.maxChoices) return { error: `Select up to ${question.maxChoices} ${question.maxChoices === 1 ? 'option' : 'options'}` };
      const ordered = options.filter((o) => chosen.includes(o.id));
      return withOther(ordered.some((o) => o.other), raw, { choices: ordered.map((o) => o.id) });
    }
    case 'text': {
      if (unexpected(['choice', 'choices', 'number', 'outwardCode', 'other'])) return { error: 'Enter your answer as text' };
      const { value, error } = normalisedText(raw.text, question.maxLength);
      if (error) return { error };
      return value ? { answer: { text: value } } : {};
    }
    case 'number': {
      if (unexpected(['choice', 'choices', 'text', 'outwardCode', 'other'])) return { error: 'Enter a number' };
      const n = raw.number!;
      if (!Number.isInteger(n)) return { error: 'Enter a whole number, like 5' };
      if (n < question.min || n > question.max) return { error: `Enter a number from ${question.min} to ${question.max}` };
      return { answer: { number: n } };
    }
    case 'outward-code': {
      if (unexpected(['choices', 'text', 'number', 'other'])) return { error: 'Enter the first part of your postcode, like LE11' };
      const typed = raw.outwardCode?.trim();
      if (typed && raw.choice) return { error: 'Enter the first part of your postcode, or choose “Prefer not to say”, but not both' };
      if (raw.choice !== undefined) return raw.choice === PREFER_NOT.id ? { answer: { choice: PREFER_NOT.id } } : { error: 'Enter the first part of your postcode, like LE11' };
      const outwardCode = outwardCodeOf(typed ?? '');
      return outwardCode ? { answer: { outwardCode } } : { error: 'Enter the first part of a postcode, like LE11 or LE2' };
    }
  }
}

function withOther(isOther: boolean, raw: Answer, answer: Answer): Checked {
  if (!isOther) return raw.other === undefined || raw.other.trim() === '' ? { answer } : { error: 'Only give other text when you choose “Other”' };
  const { value, error } = normalisedText(raw.other, LIMITS.otherText, 'your other answer');
  if (error) return { error, part: 'other' };
  if (!value) return { error: 'Say what your other answer is', part: 'other' };
  return { answer: { ...answer, other: value } };
}

/** What to do when a required question was not answered. */
export function missingMessage(question: Question): string {
  switch (question.type) {
    case 'multiple':
      return 'Select at least one option';
    case 'text':
      return 'Enter your answer';
    case 'number':
      return 'Enter a number';
    default:
      return 'Select one option';
  }
}

export interface CheckedAnswers {
  answers: Answers;
  errors: FieldError[];
}

/**
 * Every answer checked in page order. `strict` (the JSON API): an unknown question, or an answer to
 * a question that does not show for the other answers, is an error. Otherwise (the questionnaire's
 * own pages) such answers are dropped: they belong to questions an answer changed later has hidden.
 * `only` limits the check to some questions (one page of the questionnaire).
 */
export function checkAnswers(
  consultation: Pick<Consultation, 'pages' | 'aboutYou'>,
  raw: Readonly<Record<string, Answer>>,
  options: { strict?: boolean; prefix?: string; only?: ReadonlySet<string>; required?: boolean } = {},
): CheckedAnswers {
  const { strict = false, prefix, only, required = true } = options;
  const field = (id: string, part?: 'other') => (prefix ? `${prefix}.${id}${part ? `.${part}` : ''}` : `${id}${part ? `-${part}` : ''}`);
  const questions = allQuestions(consultation);
  const byId = questionsById(consultation);
  const answers: Answers = {};
  const errors: FieldError[] = [];
  if (strict) for (const id of Object.keys(raw)) if (!byId.has(id)) errors.push({ field: field(id), message: 'There is no question with this id in this consultation' });
  for (const question of questions) {
    if (only && !only.has(question.id)) {
      if (raw[question.id]) answers[question.id] = raw[question.id]!;
      continue;
    }
    const given = raw[question.id];
    const shown = isShown(question, answers, byId);
    if (!shown) {
      if (strict && given && !isBlank(given)) errors.push({ field: field(question.id), message: 'Do not answer this question: it only applies to an answer not given to an earlier question' });
      continue;
    }
    const checked = given ? checkAnswer(question, given, answers) : {};
    if (checked.error) errors.push({ field: field(question.id, checked.part), message: checked.error });
    else if (checked.answer) answers[question.id] = checked.answer;
    else if (question.required && required) errors.push({ field: field(question.id), message: missingMessage(question) });
  }
  return { answers, errors };
}

/** An answer in words, a line per chosen option (the "Other" text beside its option): for check-your-answers, the receipt and exports. */
export function answerLines(question: Question, answer: Answer | undefined, answers: Answers = {}): string[] {
  if (!answer) return [];
  if (answer.text !== undefined) return [answer.text];
  if (answer.number !== undefined) return [`${answer.number}${question.type === 'number' && question.unit ? ` ${question.unit}` : ''}`];
  if (answer.outwardCode !== undefined) return [answer.outwardCode];
  if (answer.choice === PREFER_NOT.id && question.type === 'outward-code') return [PREFER_NOT.label];
  const options = optionsOf(question, answers);
  const label = (id: string) => {
    const option = options.find((o) => o.id === id);
    if (!option) return id;
    return option.other && answer.other ? `${option.label}: ${answer.other}` : option.label;
  };
  if (answer.choice !== undefined) return [label(answer.choice)];
  return (answer.choices ?? []).map(label);
}
