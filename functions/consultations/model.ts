/**
 * Consultations: what a consultation, its questions and a response are, and the zod schemas that
 * validate what staff send (JSON strictly; the staff pages read their forms in pages/builder-forms.ts).
 * A response's answers are checked against the consultation's own definition in answers.ts.
 */
import * as z from 'zod/mini';
import type { CouncilAreaCode } from '../core/council-areas.js';
import { instant, optionalText, requiredText, text } from '../core/validation.js';

/** The capability's name: its folder, Lambda, outbox emails and log service. */
export const CAPABILITY = 'consultations';

export const LIMITS = {
  title: 150,
  introduction: 3000,
  background: 10_000,
  pageTitle: 120,
  questionText: 300,
  hint: 600,
  optionLabel: 150,
  optionsPerQuestion: 20,
  pages: 20,
  questionsPerPage: 10,
  questions: 40,
  /** Free-text answers are stored one item each, in the response's transaction. */
  freeTextQuestions: 8,
  /** Options across a consultation's own questions (about you adds at most 45): keeps each counter item under 4 KB, one read unit. */
  choiceOptions: 100,
  textMaxLength: 5000,
  otherText: 500,
  numberMagnitude: 100_000,
  decision: 5000,
  suppressionMin: 3,
  suppressionMax: 100,
  /** Band D police precept: up to £2,000 a year; increases up to £200 a year. */
  bandDPence: 200_000,
  increasePence: 20_000,
} as const;

export type ConsultationStatus = 'draft' | 'published' | 'closed';
/** Where a response came from: the questionnaire online, or (entered or imported by staff) a paper form, an event or a telephone call. */
export const channels = [
  { id: 'online', label: 'Online' },
  { id: 'paper', label: 'Paper form' },
  { id: 'event', label: 'At an event' },
  { id: 'telephone', label: 'By telephone' },
] as const;
export type Channel = (typeof channels)[number]['id'];
export const channelLabel = (id: string) => channels.find((c) => c.id === id)?.label ?? id;
/** The channels staff enter or import responses through: every one but online. */
export const staffChannels = channels.filter((c) => c.id !== 'online').map((c) => c.id) as Array<Exclude<Channel, 'online'>>;
export const isStaffChannel = (id: string): id is Exclude<Channel, 'online'> => (staffChannels as string[]).includes(id);

export type QuestionType = 'single' | 'multiple' | 'text' | 'scale' | 'number' | 'precept' | 'outward-code' | 'area';

export const questionTypes: ReadonlyArray<{ id: QuestionType; label: string; hint: string }> = [
  { id: 'single', label: 'Single choice', hint: 'One answer from a list, with an optional “Other, please say”.' },
  { id: 'multiple', label: 'Multiple choice', hint: 'Up to a number of answers from a list, for example priorities.' },
  { id: 'scale', label: 'Agreement scale', hint: 'Strongly agree to strongly disagree (5 points), with an optional “Don’t know”.' },
  { id: 'precept', label: 'Precept options', hint: 'The Band D increases on offer, shown as pounds a year and pence a month, with a table for bands A to H.' },
  { id: 'text', label: 'Free text', hint: 'A comment box with a character limit.' },
  { id: 'number', label: 'Number', hint: 'A whole number between limits.' },
];
export const questionTypeLabel = (type: string) => questionTypes.find((t) => t.id === type)?.label ?? type;

export interface ChoiceOption {
  id: string;
  label: string;
  /** "Don't know": percentages are also given without it. */
  dontKnow?: boolean;
  /** "Other, please say": the respondent types what. */
  other?: boolean;
  /** Precept options: the Band D increase a year, in pence (0 for no increase). */
  increasePence?: number;
}

/** Show a question only when an earlier question's answer is (or includes) this option. */
export interface ShowWhen {
  questionId: string;
  optionId: string;
}

interface QuestionBase {
  id: string;
  text: string;
  hint?: string;
  required: boolean;
  showWhen?: ShowWhen;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'single' | 'scale';
  options: ChoiceOption[];
}
export interface MultipleChoiceQuestion extends QuestionBase {
  type: 'multiple';
  options: ChoiceOption[];
  maxChoices: number;
}
export interface PreceptQuestion extends QuestionBase {
  type: 'precept';
  /** The Band D amount this year, in pence. */
  bandDPence: number;
  options: ChoiceOption[];
}
export interface TextQuestion extends QuestionBase {
  type: 'text';
  maxLength: number;
}
export interface NumberQuestion extends QuestionBase {
  type: 'number';
  min: number;
  max: number;
  /** Shown after the box, e.g. "times a year". */
  unit?: string;
}

/** About you: the first part of a postcode (never the whole postcode). */
export interface OutwardCodeQuestion extends QuestionBase {
  type: 'outward-code';
}
/** About you: which council area, asked when the postcode district spans several (options from the answer). */
export interface AreaQuestion extends QuestionBase {
  type: 'area';
}

export type Question = ChoiceQuestion | MultipleChoiceQuestion | PreceptQuestion | TextQuestion | NumberQuestion | OutwardCodeQuestion | AreaQuestion;
export type QuestionWithOptions = ChoiceQuestion | MultipleChoiceQuestion | PreceptQuestion;
export const hasOptions = (q: { type: string }): q is QuestionWithOptions => q.type === 'single' || q.type === 'scale' || q.type === 'multiple' || q.type === 'precept';

export interface QuestionPage {
  id: string;
  title: string;
  questions: Question[];
}

/** The optional questions about the respondent a consultation asks (each with "Prefer not to say"). */
export const aboutYouTopics = [
  { id: 'age', label: 'Age band' },
  { id: 'sex', label: 'Sex' },
  { id: 'ethnicity', label: 'Ethnic group (ONS 2021 categories)' },
  { id: 'disability', label: 'Disability or long-term health condition' },
  { id: 'postcode', label: 'First part of postcode (for the council area)' },
] as const;
export type AboutYouTopic = (typeof aboutYouTopics)[number]['id'];
export const aboutYouTopicIds = aboutYouTopics.map((t) => t.id) as [AboutYouTopic, ...AboutYouTopic[]];

export interface Consultation {
  id: string;
  title: string;
  introduction: string;
  /** "What is the precept?": background respondents can open. */
  background: string;
  /** ISO instants (UTC); shown in Europe/London time. */
  opensAt: string;
  closesAt: string;
  status: ConsultationStatus;
  pages: QuestionPage[];
  aboutYou: AboutYouTopic[];
  /** Cells under this are suppressed in everything that leaves staff view. */
  suppressionThreshold: number;
  /** Results also weighted by council-area population (shown beside the unweighted figures). */
  weighting: boolean;
  /** Raised by every change to the questions; responses are counted against the version they answered. */
  definitionVersion: number;
  /** Raised by every change at all: edits name the version they were made against. */
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
  closedAt?: string;
  /** Made by copying another consultation (next year's, or a new version once responses came in). */
  copiedFrom?: { id: string; title: string; newVersion: boolean };
  /** "We did": what the Commissioner decided, written by staff. */
  decision?: string;
  /** When the results page went public (after closing). */
  resultsPublishedAt?: string;
  /** Whether the published results count responses flagged as possible duplicates (staff decide; default yes). */
  publishedWithFlagged?: boolean;
  /** Demo data, labelled as such wherever it shows. */
  demo?: boolean;
}

/** Where a consultation is in its life, as people see it. */
export type Phase = 'draft' | 'upcoming' | 'open' | 'closed';
export function phaseOf(c: Pick<Consultation, 'status' | 'opensAt' | 'closesAt'>, now: Date): Phase {
  if (c.status === 'draft') return 'draft';
  if (c.status === 'closed') return 'closed';
  const at = now.toISOString();
  if (at < c.opensAt) return 'upcoming';
  return at < c.closesAt ? 'open' : 'closed';
}

/** One question's answer. Which fields are used depends on the question's type (see answers.ts). */
export interface Answer {
  /** Single choice, agreement scale, precept option, about-you choices. */
  choice?: string;
  /** Multiple choice. */
  choices?: string[];
  /** The text for an "Other, please say" option. */
  other?: string;
  /** Free text. */
  text?: string;
  number?: number;
  /** About you: the first part of a postcode, e.g. `LE11`. Never the whole postcode. */
  outwardCode?: string;
}
export type Answers = Record<string, Answer>;

/** Why a response is suspected of being a duplicate (flagged, never dropped). */
export type DuplicateFlag = 'same-browser' | 'same-address';
export const flagLabels: Record<DuplicateFlag, string> = {
  'same-browser': 'Another response came from the same browser',
  'same-address': 'Another response came from the same network address that day',
};

/** Council area of a respondent for breakdowns: a council, outside LLR, or not known. */
export type AreaValue = CouncilAreaCode | 'outside' | 'unknown';

export interface StoredResponse {
  id: string;
  reference: string;
  consultationId: string;
  definitionVersion: number;
  channel: Channel;
  answers: Answers;
  area: AreaValue;
  ageBand: string;
  flags: DuplicateFlag[];
  submittedAt: string;
  /** Staff who entered a paper or event response (their user id). */
  enteredBy?: string;
}

// ---------------------------------------------------------------------------------------------------
// What staff send (JSON API). Forms are read into the same shapes by pages/builder-forms.ts.

const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'Use lower-case letters, digits and hyphens, up to 40' }));


export const detailsInput = z
  .strictObject({
    title: requiredText({ label: 'a title', max: LIMITS.title, message: 'Enter a title' }),
    introduction: z._default(text({ label: 'an introduction', max: LIMITS.introduction, multiline: true }), ''),
    background: z._default(text({ label: 'the background information', max: LIMITS.background, multiline: true }), ''),
    opensAt: instant('when it opens'),
    closesAt: instant('when it closes'),
    aboutYou: z._default(z.array(z.enum(aboutYouTopicIds, { error: 'Choose about-you questions from the list' })), []),
    suppressionThreshold: z._default(
      z.int({ error: 'Enter the smallest number shown as a whole number' }).check(
        z.gte(LIMITS.suppressionMin, { error: `The smallest number shown must be at least ${LIMITS.suppressionMin}` }),
        z.lte(LIMITS.suppressionMax, { error: `The smallest number shown must be ${LIMITS.suppressionMax} or fewer` }),
      ),
      10,
    ),
    weighting: z._default(z.boolean({ error: 'Say whether to weight results: true or false' }), false),
  })
  .check(
    z.refine((d) => d.closesAt > d.opensAt, { path: ['closesAt'], error: 'The closing time must be after the opening time' }),
  );
export type DetailsInput = z.infer<typeof detailsInput>;

const optionInput = z.strictObject({
  id: z.optional(id),
  label: requiredText({ label: 'the option', max: LIMITS.optionLabel, message: 'Enter the option' }),
});
const options = z.array(optionInput).check(
  z.minLength(2, { error: 'Give at least 2 options' }),
  z.maxLength(LIMITS.optionsPerQuestion, { error: `Give up to ${LIMITS.optionsPerQuestion} options` }),
);
const showWhenInput = z.strictObject({ questionId: id, optionId: id });

const common = {
  id: z.optional(id),
  text: requiredText({ label: 'the question', max: LIMITS.questionText, message: 'Enter the question' }),
  hint: optionalText({ label: 'the hint', max: LIMITS.hint, multiline: true }),
  required: z._default(z.boolean({ error: 'Say whether an answer is required: true or false' }), false),
  showWhen: z.optional(showWhenInput),
};
const pence = (label: string, max: number) =>
  z.int({ error: `Enter ${label} in pence, as a whole number` }).check(z.gte(0, { error: `${label} cannot be negative` }), z.lte(max, { error: `${label} is too large` }));

export const questionInput = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...common, type: z.literal('single'), options, allowOther: z._default(z.boolean(), false), includeDontKnow: z._default(z.boolean(), false) }),
    z.strictObject({
      ...common,
      type: z.literal('multiple'),
      options,
      allowOther: z._default(z.boolean(), false),
      maxChoices: z.int({ error: 'Enter the most answers a person can choose' }).check(z.gte(1, { error: 'Allow at least 1 choice' }), z.lte(LIMITS.optionsPerQuestion, { error: 'Allow up to 20 choices' })),
    }),
    z.strictObject({ ...common, type: z.literal('scale'), includeDontKnow: z._default(z.boolean(), true) }),
    z.strictObject({
      ...common,
      type: z.literal('precept'),
      bandDPence: pence('The Band D amount', LIMITS.bandDPence),
      increasesPence: z
        .array(pence('An increase', LIMITS.increasePence))
        .check(z.minLength(1, { error: 'Give at least 1 option' }), z.maxLength(8, { error: 'Give up to 8 options' })),
      includeDontKnow: z._default(z.boolean(), true),
    }),
    z.strictObject({
      ...common,
      type: z.literal('text'),
      maxLength: z._default(z.int().check(z.gte(10, { error: 'Allow at least 10 characters' }), z.lte(LIMITS.textMaxLength, { error: `Allow up to ${LIMITS.textMaxLength} characters` })), 1000),
    }),
    z.strictObject({
      ...common,
      type: z.literal('number'),
      min: z.int({ error: 'Enter the smallest number as a whole number' }).check(z.gte(-LIMITS.numberMagnitude), z.lte(LIMITS.numberMagnitude)),
      max: z.int({ error: 'Enter the largest number as a whole number' }).check(z.gte(-LIMITS.numberMagnitude), z.lte(LIMITS.numberMagnitude)),
      unit: optionalText({ label: 'the unit', max: 40 }),
    }),
  ],
  { error: 'Choose a question type: single, multiple, scale, precept, text or number' },
);
export type QuestionInput = z.infer<typeof questionInput>;

export const pagesInput = z.array(
  z.strictObject({
    id: z.optional(id),
    title: requiredText({ label: 'the page title', max: LIMITS.pageTitle, message: 'Enter a title for the page' }),
    questions: z.array(questionInput).check(z.maxLength(LIMITS.questionsPerPage, { error: `A page can have up to ${LIMITS.questionsPerPage} questions` })),
  }),
).check(z.maxLength(LIMITS.pages, { error: `Give up to ${LIMITS.pages} pages` }));
export type PagesInput = z.infer<typeof pagesInput>;

/** A whole consultation in one go (the JSON API's create and replace). */
export const consultationInput = z.strictObject({ details: detailsInput, pages: z._default(pagesInput, []) });
export type ConsultationInput = z.infer<typeof consultationInput>;

export const decisionInput = z.strictObject({
  decision: requiredText({ label: 'what the Commissioner decided', max: LIMITS.decision, multiline: true, message: 'Enter what the Commissioner decided' }),
});
