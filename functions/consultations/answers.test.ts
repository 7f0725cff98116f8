/** Answers checked against a consultation's own definition: types, ids, limits, required and conditional questions. */
import { describe, expect, it } from 'vitest';
import { areaFromOutwardCode, areaOf, outwardCodeOf } from './about-you.js';
import { answerLines, checkAnswers } from './answers.js';
import { buildPages, definitionProblems, visiblePages, withoutHiddenAnswers } from './definition.js';
import { exampleAnswers, examplePages } from './fixtures.js';
import type { Consultation } from './model.js';

const consultation: Pick<Consultation, 'pages' | 'aboutYou'> = { pages: buildPages(examplePages()), aboutYou: ['age', 'sex', 'ethnicity', 'disability', 'postcode'] };
const strict = (answers: Record<string, unknown>) => checkAnswers(consultation, answers as never, { strict: true, prefix: 'answers' });

describe('a complete, valid set of answers', () => {
  it('passes, normalised', () => {
    const { answers, errors } = strict({ ...exampleAnswers(), q6: { text: '  More officers\u0301 on foot.  ' } });
    expect(errors).toEqual([]);
    expect(answers['q6']).toEqual({ text: 'More officers\u0301 on foot.'.normalize('NFC') });
    expect(answers['q1']).toEqual({ choice: 'increase-1000' });
  });
});

describe('answers of the wrong kind, or outside the definition', () => {
  it.each([
    ['a choice that does not exist', { q1: { choice: 'increase-99999' } }, 'answers.q1', 'Select one of the options given'],
    ['choices for a single-choice question', { q1: { choices: ['increase-0'] } }, 'answers.q1', 'Select one option'],
    ['too many priorities', { q3: { choices: ['o1', 'o2', 'o3', 'o4'] } }, 'answers.q3', 'Select up to 3 options'],
    ['a priority that does not exist', { q3: { choices: ['o1', 'o99'] } }, 'answers.q3', 'Select from the options given'],
    ['“Other” without saying what', { q3: { choices: ['other'] } }, 'answers.q3.other', 'Say what your other answer is'],
    ['other text without choosing “Other”', { q3: { choices: ['o1'], other: 'Parking' } }, 'answers.q3', 'Only give other text when you choose “Other”'],
    ['text over the limit', { q6: { text: 'x'.repeat(2001) } }, 'answers.q6', 'Your answer must be 2000 characters or fewer'],
    ['a number for a text question', { q6: { number: 3 } }, 'answers.q6', 'Enter your answer as text'],
    ['a question that does not exist', { q99: { choice: 'o1' } }, 'answers.q99', 'There is no question with this id in this consultation'],
    ['a full postcode that is not one', { 'about-postcode': { outwardCode: 'LEICESTER' } }, 'answers.about-postcode', 'Enter the first part of a postcode, like LE11 or LE2'],
    ['a council the postcode district is not in', { 'about-postcode': { outwardCode: 'LE8' }, 'about-area': { choice: 'E06000016' } }, 'answers.about-area', 'Select one of the options given'],
  ])('refuses %s, naming the question', (_case, change, field, message) => {
    const { errors } = strict({ ...exampleAnswers(), ...change });
    expect(errors).toEqual([{ field, message }]);
  });

  it('requires required questions, with a message that says what to do', () => {
    expect(strict(exampleAnswers({ q1: undefined })).errors).toEqual([{ field: 'answers.q1', message: 'Select one option' }]);
  });

  it('checks numbers: whole, within the limits', () => {
    const c = { pages: buildPages([{ title: 'Count', questions: [{ type: 'number', text: 'How many times?', required: true, min: 0, max: 50 }] }] as never), aboutYou: [] };
    expect(checkAnswers(c, { q1: { number: 2.5 } }).errors).toEqual([{ field: 'q1', message: 'Enter a whole number, like 5' }]);
    expect(checkAnswers(c, { q1: { number: 51 } }).errors).toEqual([{ field: 'q1', message: 'Enter a number from 0 to 50' }]);
    expect(checkAnswers(c, { q1: { number: 50 } }).answers).toEqual({ q1: { number: 50 } });
  });
});

describe('conditional questions', () => {
  it('shows “Did you report it?” only to victims of crime, and requires it then', () => {
    expect(visiblePages(consultation, exampleAnswers()).map((p) => p.id)).not.toContain('p4');
    expect(visiblePages(consultation, exampleAnswers({ q4: { choice: 'o1' } })).map((p) => p.id)).toContain('p4');
    expect(strict(exampleAnswers({ q4: { choice: 'o1' } })).errors).toEqual([{ field: 'answers.q5', message: 'Select one option' }]);
    expect(strict(exampleAnswers({ q4: { choice: 'o1' }, q5: { choice: 'o2' } })).errors).toEqual([]);
  });

  it('refuses an answer to a question that does not show (API), and drops it (the questionnaire)', () => {
    const answers = exampleAnswers({ q4: { choice: 'o2' }, q5: { choice: 'o1' } });
    expect(strict(answers).errors).toEqual([{ field: 'answers.q5', message: 'Do not answer this question: it only applies to an answer not given to an earlier question' }]);
    const lenient = checkAnswers(consultation, answers);
    expect(lenient.errors).toEqual([]);
    expect(lenient.answers['q5']).toBeUndefined();
    expect(withoutHiddenAnswers(consultation, answers)['q5']).toBeUndefined();
  });

  it('refuses a definition whose condition points at a later page or at something not a choice', () => {
    const pages = buildPages(examplePages());
    pages[3]!.questions[0]!.showWhen = { questionId: 'q6', optionId: 'o1' };
    expect(definitionProblems(pages)).toEqual([{ field: 'pages.3.questions.0.showWhen', message: 'A question can only depend on a question on an earlier page' }]);
    pages[3]!.questions[0]!.showWhen = { questionId: 'q4', optionId: 'o9' };
    expect(definitionProblems(pages)).toEqual([{ field: 'pages.3.questions.0.showWhen', message: 'A question can only depend on an option of a choice question' }]);
  });
});

describe('the council area, from the first part of the postcode', () => {
  it.each([
    ['le11', 'LE11'],
    ['LE11 3AB', 'LE11'],
    ['le113ab', 'LE11'],
    ['  le2 ', 'LE2'],
    ['CV13', 'CV13'],
  ])('reads %j as %s (and never keeps the rest)', (typed, outward) => expect(outwardCodeOf(typed)).toBe(outward));

  it('derives one council where the district is all in one, asks where it spans, and calls the rest outside LLR', () => {
    expect(areaFromOutwardCode('LE11')).toEqual({ area: 'E07000130' });
    expect(areaFromOutwardCode('NG1')).toEqual({ area: 'outside' });
    expect(areaFromOutwardCode('LE8')).toEqual({
      choices: [
        { id: 'E07000129', label: 'Blaby' },
        { id: 'E07000131', label: 'Harborough' },
        { id: 'not-sure', label: 'I’m not sure' },
      ],
    });
    expect(areaOf({ 'about-postcode': { outwardCode: 'LE8' }, 'about-area': { choice: 'E07000131' } })).toBe('E07000131');
    expect(areaOf({ 'about-postcode': { outwardCode: 'LE8' }, 'about-area': { choice: 'not-sure' } })).toBe('unknown');
    expect(areaOf({ 'about-postcode': { choice: 'prefer-not-to-say' } })).toBe('unknown');
  });

  it('asks the council-area question only when the district spans councils', () => {
    expect(visiblePages(consultation, exampleAnswers()).map((p) => p.id)).not.toContain('about-area');
    expect(visiblePages(consultation, exampleAnswers({ 'about-postcode': { outwardCode: 'LE8' } })).map((p) => p.id)).toContain('about-area');
  });
});

describe('answers in words', () => {
  it('gives option labels, the "Other" text beside its option, and numbers', () => {
    const q3 = consultation.pages[1]!.questions[0]!;
    expect(answerLines(q3, { choices: ['o1', 'other'], other: 'Parking <script>' })).toEqual(['Neighbourhood policing', 'Other: Parking <script>']);
  });
});
