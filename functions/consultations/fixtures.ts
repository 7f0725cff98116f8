/**
 * Examples of consultations and answers, one set for everything: the unit tests, the page and API
 * tests against DynamoDB Local, the browser test, the benchmark and the demo data `npm start` seeds.
 * The example resembles the police precept consultations LLR runs each winter.
 */
import { randomUUID } from 'node:crypto';
import { createConsultation, publishConsultation } from './consultations.js';
import { consultationInput, type Answers, type Consultation, type ConsultationInput } from './model.js';
import { submitResponse, type Submission } from './responding.js';

const DAY = 24 * 3_600_000;

export const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

export const PRECEPT_BACKGROUND = `The precept is the part of your council tax that pays for policing. The Police and Crime Commissioner sets it each year, after asking residents, and puts the proposal to the Police and Crime Panel by 1 February.

Council tax is set in bands, A to H, by the value of a home. Most homes in Leicester, Leicestershire and Rutland are in bands A to C, and pay less than Band D.`;

/** The questions: ids q1 to q6 in this order (buildPages numbers them), pages p1 to p5. */
export const examplePages = (): ConsultationInput['pages'] => [
  {
    title: 'The police precept',
    questions: [
      {
        type: 'precept',
        text: 'How much more would you be willing to pay for policing next year?',
        hint: 'Most homes are in bands A to C and would pay less than the Band D amount.',
        required: true,
        bandDPence: 30_037,
        increasesPence: [0, 1000, 1300, 1400],
        includeDontKnow: true,
      },
      { type: 'scale', text: 'Police funding should be increased to protect neighbourhood policing', required: false, includeDontKnow: true },
    ],
  },
  {
    title: 'Priorities',
    questions: [
      {
        type: 'multiple',
        text: 'Which of these should be the Commissioner’s priorities?',
        hint: 'Choose up to 3.',
        required: false,
        maxChoices: 3,
        allowOther: true,
        options: [
          { label: 'Neighbourhood policing' },
          { label: 'Violence against women and girls' },
          { label: 'Anti-social behaviour' },
          { label: 'Burglary' },
          { label: 'Road safety' },
          { label: 'Drugs and county lines' },
          { label: 'Rural crime' },
          { label: 'Fraud and online crime' },
        ],
      },
    ],
  },
  {
    title: 'Your experience',
    questions: [{ type: 'single', text: 'Have you been a victim of crime in the last 12 months?', required: false, allowOther: false, includeDontKnow: false, options: [{ label: 'Yes' }, { label: 'No' }, { label: 'Prefer not to say' }] }],
  },
  {
    title: 'Reporting crime',
    questions: [
      {
        type: 'single',
        text: 'Did you report it to the police?',
        required: true,
        allowOther: false,
        includeDontKnow: false,
        options: [{ label: 'Yes' }, { label: 'No' }],
        showWhen: { questionId: 'q4', optionId: 'o1' },
      },
    ],
  },
  {
    title: 'Anything else',
    questions: [{ type: 'text', text: 'Is there anything else you would like to tell the Commissioner about policing or the precept?', required: false, maxLength: 2000 }],
  },
];

/** A consultation open from yesterday for 30 days (or as given); override anything. */
export function exampleConsultation(overrides: { details?: Partial<Record<keyof ConsultationInput['details'], unknown>>; pages?: unknown } = {}, now = new Date()): ConsultationInput {
  return consultationInput.parse({
    details: {
      title: 'Police precept consultation',
      introduction: 'Tell the Commissioner what you think about the police part of your council tax, and what policing should focus on.',
      background: PRECEPT_BACKGROUND,
      opensAt: new Date(now.getTime() - DAY).toISOString(),
      closesAt: new Date(now.getTime() + 30 * DAY).toISOString(),
      aboutYou: ['age', 'sex', 'ethnicity', 'disability', 'postcode'],
      suppressionThreshold: 10,
      weighting: true,
      ...overrides.details,
    },
    pages: overrides.pages ?? examplePages(),
  });
}

/** A draft, through the domain, with a title no other test uses. */
export const aConsultation = (overrides: Parameters<typeof exampleConsultation>[0] = {}, now = new Date()) =>
  createConsultation(exampleConsultation({ ...overrides, details: { title: unique('Precept consultation'), ...overrides.details } }, now), now);

/** Created and published: open now (unless the times say otherwise). */
export async function anOpenConsultation(overrides: Parameters<typeof exampleConsultation>[0] = {}, now = new Date()): Promise<Consultation> {
  const draft = await aConsultation(overrides, now);
  return publishConsultation(draft.id, now);
}

/** A full set of answers to the example questions; override or remove (`undefined`) any. */
export function exampleAnswers(overrides: Record<string, Answers[string] | undefined> = {}): Answers {
  const answers: Record<string, Answers[string] | undefined> = {
    q1: { choice: 'increase-1000' },
    q2: { choice: 'agree' },
    q3: { choices: ['o1', 'o3'] },
    q4: { choice: 'o2' },
    q6: { text: 'More officers on foot in the town centre, please.' },
    'about-age': { choice: '35-44' },
    'about-sex': { choice: 'female' },
    'about-ethnicity': { choice: 'asian-indian' },
    'about-disability': { choice: 'no' },
    'about-postcode': { outwardCode: 'LE11' },
    ...overrides,
  };
  return Object.fromEntries(Object.entries(answers).filter((e): e is [string, Answers[string]] => e[1] !== undefined));
}

/** The details form as staff fill it in: opening next December, closing the January after; override any field. */
export function exampleDetailsForm(overrides: Record<string, string> = {}): Record<string, string> {
  const year = new Date().getUTCFullYear() + 1;
  return {
    title: unique('Police precept consultation'),
    introduction: 'Tell us what you think.',
    background: '',
    'opensAt-day': '1',
    'opensAt-month': '12',
    'opensAt-year': String(year),
    'opensAt-time': '9:00',
    'closesAt-day': '20',
    'closesAt-month': '1',
    'closesAt-year': String(year + 1),
    'closesAt-time': '17:00',
    'aboutYou--age': 'yes',
    'aboutYou--postcode': 'yes',
    suppressionThreshold: '10',
    weighting: 'yes',
    ...overrides,
  };
}

/** Responds through the domain; online by default. */
export const respond = (consultation: Pick<Consultation, 'id'>, answers: Answers = exampleAnswers(), options: Partial<Submission> = {}, now = new Date()) =>
  submitResponse(consultation.id, { answers, channel: 'online', ...options }, now);
