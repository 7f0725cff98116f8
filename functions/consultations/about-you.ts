/**
 * The optional questions about the respondent: age band, sex, ethnic group (the ONS 2021 19
 * categories), disability (the ONS 2021 question), and the first part of their postcode, from which
 * the council area is derived with the LLR postcode-district table. Where a district spans council
 * areas (or the edge of LLR) the respondent is asked which. Each has "Prefer not to say"; none is
 * required. Nothing here asks for or keeps a full postcode, a name or an email address.
 */
import { councilAreaName, type CouncilAreaCode } from '../core/council-areas.js';
import { DATA_SOURCES, postcodeDistricts, type DistrictShares } from './data/llr-data.js';
import type { AboutYouTopic, Answers, AreaValue, ChoiceOption, ChoiceQuestion, QuestionPage } from './model.js';

export const PREFER_NOT = { id: 'prefer-not-to-say', label: 'Prefer not to say' } as const;

export const ageBands: readonly ChoiceOption[] = [
  { id: 'under-18', label: 'Under 18' },
  { id: '18-24', label: '18 to 24' },
  { id: '25-34', label: '25 to 34' },
  { id: '35-44', label: '35 to 44' },
  { id: '45-54', label: '45 to 54' },
  { id: '55-64', label: '55 to 64' },
  { id: '65-74', label: '65 to 74' },
  { id: '75-plus', label: '75 or over' },
  PREFER_NOT,
];

/** ONS Census 2021 ethnic group, 19 categories, each labelled with its high-level group. */
export const ethnicGroups: readonly ChoiceOption[] = [
  { id: 'asian-bangladeshi', label: 'Asian, Asian British or Asian Welsh: Bangladeshi' },
  { id: 'asian-chinese', label: 'Asian, Asian British or Asian Welsh: Chinese' },
  { id: 'asian-indian', label: 'Asian, Asian British or Asian Welsh: Indian' },
  { id: 'asian-pakistani', label: 'Asian, Asian British or Asian Welsh: Pakistani' },
  { id: 'asian-other', label: 'Asian, Asian British or Asian Welsh: any other Asian background' },
  { id: 'black-african', label: 'Black, Black British, Black Welsh, Caribbean or African: African' },
  { id: 'black-caribbean', label: 'Black, Black British, Black Welsh, Caribbean or African: Caribbean' },
  { id: 'black-other', label: 'Black, Black British, Black Welsh, Caribbean or African: any other Black, Black British or Caribbean background' },
  { id: 'mixed-white-asian', label: 'Mixed or Multiple ethnic groups: White and Asian' },
  { id: 'mixed-white-black-african', label: 'Mixed or Multiple ethnic groups: White and Black African' },
  { id: 'mixed-white-black-caribbean', label: 'Mixed or Multiple ethnic groups: White and Black Caribbean' },
  { id: 'mixed-other', label: 'Mixed or Multiple ethnic groups: any other Mixed or Multiple ethnic background' },
  { id: 'white-british', label: 'White: English, Welsh, Scottish, Northern Irish or British' },
  { id: 'white-irish', label: 'White: Irish' },
  { id: 'white-gypsy-traveller', label: 'White: Gypsy or Irish Traveller' },
  { id: 'white-roma', label: 'White: Roma' },
  { id: 'white-other', label: 'White: any other White background' },
  { id: 'other-arab', label: 'Other ethnic group: Arab' },
  { id: 'other-any', label: 'Other ethnic group: any other ethnic group' },
  PREFER_NOT,
];

export const sexes: readonly ChoiceOption[] = [{ id: 'female', label: 'Female' }, { id: 'male', label: 'Male' }, PREFER_NOT];

export const disabilityAnswers: readonly ChoiceOption[] = [
  { id: 'yes-a-lot', label: 'Yes, limited a lot' },
  { id: 'yes-a-little', label: 'Yes, limited a little' },
  { id: 'no', label: 'No' },
  PREFER_NOT,
];

export const ABOUT = {
  age: 'about-age',
  sex: 'about-sex',
  ethnicity: 'about-ethnicity',
  disability: 'about-disability',
  postcode: 'about-postcode',
  area: 'about-area',
} as const;
export const isAboutYouId = (id: string) => id.startsWith('about-');

const optional = { required: false } as const;

function choiceQuestion(id: string, text: string, options: readonly ChoiceOption[], hint?: string): ChoiceQuestion {
  return { id, type: 'single', text, options: [...options], ...optional, ...(hint ? { hint } : {}) };
}

export const OUTSIDE_LLR = { id: 'outside', label: 'Outside Leicester, Leicestershire and Rutland' } as const;
export const NOT_SURE = { id: 'not-sure', label: 'I’m not sure' } as const;

export const POSTCODE_HINT = 'Only the first part, for example LE11 or LE2. We use it to see which council areas responses come from. We do not ask for or keep your full postcode.';

/**
 * The about-you pages for the topics a consultation asks, one question per page, in a fixed order.
 * The council-area page follows the postcode page and shows only when the postcode district spans
 * council areas.
 */
export function aboutYouPages(topics: readonly AboutYouTopic[]): QuestionPage[] {
  const pages: QuestionPage[] = [];
  const add = (id: string, question: QuestionPage['questions'][number]) => pages.push({ id, title: 'About you', questions: [question] });
  if (topics.includes('age')) add(ABOUT.age, choiceQuestion(ABOUT.age, 'What is your age?', ageBands));
  if (topics.includes('sex')) add(ABOUT.sex, choiceQuestion(ABOUT.sex, 'What is your sex?', sexes));
  if (topics.includes('ethnicity')) add(ABOUT.ethnicity, choiceQuestion(ABOUT.ethnicity, 'What is your ethnic group?', ethnicGroups, 'These are the groups the 2021 Census used.'));
  if (topics.includes('disability'))
    add(
      ABOUT.disability,
      choiceQuestion(
        ABOUT.disability,
        'Are your day-to-day activities limited because of a health problem or disability which has lasted, or is expected to last, at least 12 months?',
        disabilityAnswers,
        'Include problems related to old age.',
      ),
    );
  if (topics.includes('postcode')) {
    add(ABOUT.postcode, { id: ABOUT.postcode, type: 'outward-code', text: 'What is the first part of your postcode?', hint: POSTCODE_HINT, ...optional });
    add(ABOUT.area, { id: ABOUT.area, type: 'area', text: 'Which council area do you live in?', hint: 'Your postcode area covers more than one council area.', ...optional });
  }
  return pages;
}

// ---------------------------------------------------------------------------------------------------
// Postcode districts and council areas

/**
 * The outward code (the first part) from what someone typed: `le11`, `LE11`, `le11 3ab` or `LE113AB`
 * all give `LE11`. The inward part, if typed, is dropped here and never stored. Undefined if it is not
 * a UK postcode or its first part.
 */
export function outwardCodeOf(typed: string): string | undefined {
  const s = typed.toUpperCase().replace(/\s+/g, '');
  const full = s.match(/^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/);
  if (full) return full[1];
  return /^[A-Z]{1,2}[0-9][A-Z0-9]?$/.test(s) ? s : undefined;
}

const districtShares = (outwardCode: string): DistrictShares | undefined => postcodeDistricts.find((d) => d.outwardCode === outwardCode)?.shares;

/**
 * What an outward code says about the council area: one area (all its residential areas in one
 * council), a choice to offer (it spans councils, or LLR's edge: largest share first), or outside LLR.
 */
export function areaFromOutwardCode(outwardCode: string): { area: AreaValue } | { choices: ChoiceOption[] } {
  const shares = districtShares(outwardCode);
  if (!shares) return { area: 'outside' };
  const entries = Object.entries(shares).sort((a, b) => b[1] - a[1]);
  if (entries.length === 1) return { area: entries[0]![0] as AreaValue };
  const choices = entries.map(([code]) => (code === 'outside' ? { ...OUTSIDE_LLR } : { id: code, label: councilAreaName(code) }));
  return { choices: [...choices, { ...NOT_SURE }] };
}

/** The council-area question's options for these answers; none when it is not asked. */
export function areaChoices(answers: Answers): ChoiceOption[] {
  const outwardCode = answers[ABOUT.postcode]?.outwardCode;
  if (!outwardCode) return [];
  const found = areaFromOutwardCode(outwardCode);
  return 'choices' in found ? found.choices : [];
}

/** The respondent's council area for breakdowns and weighting, from their postcode answers. */
export function areaOf(answers: Answers): AreaValue {
  const outwardCode = answers[ABOUT.postcode]?.outwardCode;
  if (!outwardCode) return 'unknown';
  const found = areaFromOutwardCode(outwardCode);
  if ('area' in found) return found.area;
  const chosen = answers[ABOUT.area]?.choice;
  return chosen && chosen !== NOT_SURE.id ? (chosen as CouncilAreaCode | 'outside') : 'unknown';
}

/** The respondent's age band for breakdowns (`unknown` when not given). */
export function ageBandOf(answers: Answers): string {
  const choice = answers[ABOUT.age]?.choice;
  return choice && choice !== PREFER_NOT.id ? choice : 'unknown';
}

export { DATA_SOURCES };
