/**
 * Test support: made-up consultations with many small cells, for the suppression audit. The example
 * questions plus a number question and a question shown only after a multiple-choice answer; answers
 * drawn from skewed distributions (a few common answers, many rare ones), from every council area,
 * age band and channel, and checked as the questionnaire checks them.
 */
import { ageBands, disabilityAnswers, ethnicGroups, sexes } from './about-you.js';
import { checkAnswers } from './answers.js';
import { addToTallies, classify, emptyTallies, responseCounters, type Tallies } from './counting.js';
import { allQuestions, buildPages } from './definition.js';
import { examplePages } from './fixtures.js';
import { hasOptions, type Answers, type Channel, type Consultation, type ConsultationInput } from './model.js';

export type Definition = Pick<Consultation, 'id' | 'pages' | 'aboutYou' | 'suppressionThreshold' | 'weighting'>;

const OUTWARD = ['LE1', 'LE2', 'LE3', 'LE4', 'LE5', 'LE7', 'LE8', 'LE9', 'LE10', 'LE11', 'LE12', 'LE13', 'LE15', 'LE16', 'LE17', 'LE18', 'LE65', 'LE67', 'NG1', 'CV1'];

export function generatedDefinition(options: { threshold?: number; aboutYou?: Consultation['aboutYou'] } = {}): Definition {
  const pages: ConsultationInput['pages'] = [
    ...examplePages(),
    {
      title: 'More about policing',
      questions: [
        { type: 'number', text: 'How many times have you called 101 this year?', required: false, min: 0, max: 20 },
        { type: 'single', text: 'Was it about rural crime?', required: false, allowOther: false, includeDontKnow: true, options: [{ label: 'Yes' }, { label: 'No' }], showWhen: { questionId: 'q3', optionId: 'o7' } },
      ],
    },
  ];
  return { id: 'generated', pages: buildPages(pages), aboutYou: options.aboutYou ?? ['age', 'sex', 'ethnicity', 'disability', 'postcode'], suppressionThreshold: options.threshold ?? 10, weighting: true };
}

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** An index from 0 to n − 1, the first ones far likelier (so the last ones make small cells). */
const skewed = (r: () => number, n: number) => Math.min(n - 1, Math.floor(n * r() ** 2.5));

export function generatedAnswers(definition: Definition, r: () => number): Answers {
  const raw: Answers = {};
  for (const q of allQuestions(definition)) {
    if (!q.required && r() < 0.15) continue;
    if (q.type === 'outward-code') raw[q.id] = r() < 0.1 ? { choice: 'prefer-not-to-say' } : { outwardCode: OUTWARD[skewed(r, OUTWARD.length)]! };
    else if (q.type === 'area') raw[q.id] = { choice: 'not-sure' };
    else if (q.type === 'text') raw[q.id] = { text: 'Something to say' };
    else if (q.type === 'number') raw[q.id] = { number: skewed(r, 21) };
    else if (q.type === 'multiple') {
      const chosen = [...new Set([skewed(r, q.options.length), skewed(r, q.options.length), skewed(r, q.options.length)])].slice(0, q.maxChoices).map((i) => q.options[i]!);
      raw[q.id] = { choices: chosen.map((o) => o.id), ...(chosen.some((o) => o.other) ? { other: 'Something else' } : {}) };
    }
    else if (hasOptions(q)) {
      const choice = q.options[skewed(r, q.options.length)]!;
      raw[q.id] = choice.other ? { choice: choice.id, other: 'Something else' } : { choice: choice.id };
    }
  }
  const about: Record<string, readonly { id: string }[]> = { 'about-age': ageBands, 'about-sex': sexes, 'about-ethnicity': ethnicGroups, 'about-disability': disabilityAnswers };
  for (const [id, list] of Object.entries(about)) if (raw[id]) raw[id] = { choice: list[skewed(r, list.length)]!.id };
  // The council area when the district spans several: whatever the checker offers, or "not sure".
  const first = checkAnswers(definition, raw, { required: false });
  const areaQuestion = allQuestions(definition).find((q) => q.type === 'area');
  if (areaQuestion && raw[areaQuestion.id]) {
    const offered = checkAnswers(definition, { ...first.answers, [areaQuestion.id]: { choice: 'not-sure' } }, { required: false }).answers;
    if (!offered[areaQuestion.id]) delete raw[areaQuestion.id];
  }
  // Keep what the questionnaire would keep (answers to hidden questions dropped), and make sure required ones are there.
  const { answers, errors } = checkAnswers(definition, raw);
  if (errors.length) throw new Error(`Generated answers do not check: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  return answers;
}

/** Tallies as the counters hold them after `count` generated responses. */
export function generatedTallies(definition: Definition, count: number, seed: number): Tallies {
  const r = random(seed);
  const tallies = emptyTallies();
  const channels: Channel[] = ['online', 'paper', 'event'];
  for (let i = 0; i < count; i++) {
    const answers = generatedAnswers(definition, r);
    for (const add of responseCounters(definition, answers, classify(answers, channels[skewed(r, 3)]!, false))) addToTallies(tallies, add.item, add.adds);
  }
  return tallies;
}
