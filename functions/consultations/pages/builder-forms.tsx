/**
 * The staff builder's forms, and reading them back: a consultation's details (times in London, the
 * about-you questions, suppression and weighting), a page, and a question of each type. Forms are
 * read into the same shapes the JSON API takes (model.ts) and checked by the same schemas.
 */
import type { Child } from 'hono/jsx';
import * as z from 'zod/mini';
import { ChoiceList, checkboxField } from '../../core/ui/choices.js';
import { Button, Checkbox, ErrorSummary, Radios, Select, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { DateInput, dateTimeValues, readDateTime } from '../../core/ui/date-input.js';
import { inFieldOrder, issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import type { Read } from '../../core/http/form-route.js';
import { PostForm } from '../../core/ui/post-form.js';
import { StaffPage } from '../../core/ui/pages.js';
import { utcIsoToLondonFields } from '../../core/time.js';
import { conditionTargets, DONT_KNOW } from '../definition.js';
import {
  aboutYouTopics,
  detailsInput,
  hasOptions,
  LIMITS,
  questionInput,
  questionTypeLabel,
  questionTypes,
  type Consultation,
  type DetailsInput,
  type Question,
  type QuestionInput,
  type QuestionType,
} from '../model.js';
import { parsePounds, poundsForForm } from '../precept.js';
import { STAFF } from './paths.js';

const yes = (v: string | undefined) => v === 'yes';
/** Digits as a number; anything else as typed, for the schema to refuse with its message. */
const numberOrText = (v: string | undefined) => (v !== undefined && /^\s*-?\d{1,9}\s*$/.test(v) ? Number(v) : (v ?? ''));
const lines = (v: string | undefined) => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

// ---------------------------------------------------------------------------------------------------
// Details

const DETAIL_FIELDS = ['title', 'introduction', 'background', 'opensAt', 'closesAt', 'aboutYou', 'suppressionThreshold', 'weighting'];

export function readDetailsForm(form: FormValues): Read<DetailsInput> {
  const opens = readDateTime(form, 'opensAt', { missing: 'Enter when the consultation opens', noun: 'The opening time' });
  const closes = readDateTime(form, 'closesAt', { missing: 'Enter when the consultation closes', noun: 'The closing time' });
  const parsed = z.safeParse(detailsInput, {
    title: form['title'] ?? '',
    introduction: form['introduction'] ?? '',
    background: form['background'] ?? '',
    opensAt: 'iso' in opens ? opens.iso : '2000-01-01T00:00:00Z',
    closesAt: 'iso' in closes ? closes.iso : '2100-01-01T00:00:00Z',
    aboutYou: aboutYouTopics.filter((t) => yes(form[checkboxField('aboutYou', t.id)])).map((t) => t.id),
    suppressionThreshold: numberOrText(form['suppressionThreshold']),
    weighting: yes(form['weighting']),
  });
  const errors: Errors = parsed.success ? {} : issuesToErrors(parsed.error.issues);
  if (opens.error !== undefined) errors['opensAt'] = opens.error;
  if (closes.error !== undefined) errors['closesAt'] = closes.error;
  const ordered = inFieldOrder(errors, DETAIL_FIELDS);
  return parsed.success && Object.keys(ordered).length === 0 ? { input: parsed.data } : { errors: ordered };
}

export function detailsFormValues(c: Consultation): FormValues {
  return {
    title: c.title,
    introduction: c.introduction,
    background: c.background,
    ...dateTimeValues('opensAt', utcIsoToLondonFields(c.opensAt)),
    ...dateTimeValues('closesAt', utcIsoToLondonFields(c.closesAt)),
    ...Object.fromEntries(c.aboutYou.map((t) => [checkboxField('aboutYou', t), 'yes'])),
    suppressionThreshold: String(c.suppressionThreshold),
    weighting: c.weighting ? 'yes' : 'no',
  };
}

export function DetailsFormPage({ consultation, values, errors = {}, problem }: { consultation?: Consultation; values: FormValues; errors?: Errors; problem?: Child }) {
  const title = consultation ? `Edit ${consultation.title}` : 'Create a consultation';
  return (
    <StaffPage title={title} current={STAFF} back={consultation ? `/staff/consultations/${consultation.id}` : STAFF} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{consultation ? 'Edit the consultation' : 'Create a consultation'}</h1>
      {problem ? <div class="govuk-inset-text">{problem}</div> : null}
      <PostForm values={values}>
        <TextInput name="title" label="Title" hint="For example, Police precept consultation 2026/27." value={values['title']} error={errors['title']} />
        <Textarea name="introduction" label="Introduction" hint="What the consultation is about, on its start page." value={values['introduction']} error={errors['introduction']} rows={4} />
        <Textarea
          name="background"
          label="Background information (optional)"
          hint="Respondents can open it on the start page: for example, what the precept is. Leave a blank line between paragraphs."
          value={values['background']}
          error={errors['background']}
          rows={8}
        />
        <DateInput name="opensAt" legend="Opens" hint="UK time. For example, 2 12 2026 and 9:00." values={values} error={errors['opensAt']} withTime />
        <DateInput name="closesAt" legend="Closes" hint="UK time. Responses are accepted until this moment." values={values} error={errors['closesAt']} withTime />
        <ChoiceList
          kind="checkbox"
          name="aboutYou"
          legend="Questions about the respondent"
          size="m"
          hint="Each is optional for respondents, with “Prefer not to say”. The council area comes from the first part of the postcode."
          options={aboutYouTopics.map((t) => ({ value: t.id, text: t.label }))}
          values={aboutYouTopics.filter((t) => yes(values[checkboxField('aboutYou', t.id)])).map((t) => t.id)}
          error={errors['aboutYou']}
        />
        <TextInput
          name="suppressionThreshold"
          label="Smallest number shown outside staff view"
          hint="Counts below this are suppressed on the public results page, in the public API and in exports. Usually 10."
          inputmode="numeric"
          width={3}
          value={values['suppressionThreshold'] ?? '10'}
          error={errors['suppressionThreshold']}
        />
        <Radios
          name="weighting"
          legend="Also weight results by council-area population?"
          hint="Weighted figures are shown beside the unweighted ones, with the effective sample size."
          inline
          value={values['weighting'] ?? 'no'}
          options={[
            { value: 'yes', text: 'Yes' },
            { value: 'no', text: 'No' },
          ]}
          error={errors['weighting']}
        />
        <Button>{consultation ? 'Save changes' : 'Create consultation'}</Button>
      </PostForm>
    </StaffPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Pages

export function PageFormPage({ consultation, values, errors = {}, editing }: { consultation: Consultation; values: FormValues; errors?: Errors; editing: boolean }) {
  return (
    <StaffPage title={editing ? 'Rename the page' : 'Add a page'} current={STAFF} back={`/staff/consultations/${consultation.id}`} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{consultation.title}</span>
      <PostForm values={values}>
        <TextInput name="title" label={editing ? 'Rename the page' : 'Add a page'} isPageHeading hint="Respondents see one page at a time. Keep each to one question or a short section." value={values['title']} error={errors['title']} />
        <Button>{editing ? 'Save' : 'Add page'}</Button>
      </PostForm>
    </StaffPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Questions

export function ChooseTypePage({ consultation, pageId, error }: { consultation: Consultation; pageId: string; error?: string }) {
  return (
    <StaffPage title="What type of question?" current={STAFF} back={`/staff/consultations/${consultation.id}`} hasErrors={Boolean(error)}>
      <ErrorSummary errors={{ type: error }} />
      <form method="get" action={`/staff/consultations/${consultation.id}/pages/${pageId}/questions/new`} novalidate>
        <ChoiceList kind="radio" name="type" legend="What type of question?" asHeading caption={consultation.title} error={error} options={questionTypes.map((t) => ({ value: t.id, text: t.label, hint: t.hint }))} />
        <Button>Continue</Button>
      </form>
    </StaffPage>
  );
}

const isBuildable = (type: string): type is QuestionInput['type'] => questionTypes.some((t) => t.id === type);
export const questionTypeFrom = (v: string | undefined): QuestionInput['type'] | undefined => (v && isBuildable(v) ? v : undefined);

const QUESTION_FIELDS = ['text', 'hint', 'required', 'showWhen', 'options', 'allowOther', 'includeDontKnow', 'maxChoices', 'bandD', 'increases', 'maxLength', 'min', 'max', 'unit', 'type'];
const FIELD_FOR: Record<string, string> = { bandDPence: 'bandD', increasesPence: 'increases' };

export function readQuestionForm(type: QuestionInput['type'], form: FormValues): Read<QuestionInput> {
  const errors: Errors = {};
  const [questionId, optionId] = (form['showWhen'] ?? '').split(':');
  const common = {
    type,
    text: form['text'] ?? '',
    hint: form['hint'] ?? '',
    required: yes(form['required']),
    ...(questionId && optionId ? { showWhen: { questionId, optionId } } : {}),
  };
  let specific: Record<string, unknown> = {};
  switch (type) {
    case 'single':
      specific = { options: lines(form['options']).map((label) => ({ label })), allowOther: yes(form['allowOther']), includeDontKnow: yes(form['includeDontKnow']) };
      break;
    case 'multiple':
      specific = { options: lines(form['options']).map((label) => ({ label })), allowOther: yes(form['allowOther']), maxChoices: numberOrText(form['maxChoices']) };
      break;
    case 'scale':
      specific = { includeDontKnow: yes(form['includeDontKnow']) };
      break;
    case 'precept': {
      const bandD = parsePounds(form['bandD'] ?? '');
      if (bandD === undefined) errors['bandD'] = 'Enter the Band D amount in pounds, like 300.37';
      const typed = lines(form['increases']);
      const increases = typed.map(parsePounds);
      if (!typed.length) errors['increases'] = 'Enter at least one increase, in pounds a year, one on each line (0 for no increase)';
      else if (increases.some((p) => p === undefined)) errors['increases'] = 'Enter each increase in pounds a year, like 10 or 12.50, one on each line';
      specific = { bandDPence: bandD ?? 0, increasesPence: increases.map((p) => p ?? 0), includeDontKnow: yes(form['includeDontKnow']) };
      break;
    }
    case 'text':
      specific = { maxLength: numberOrText(form['maxLength'] || '1000') };
      break;
    case 'number':
      specific = { min: numberOrText(form['min']), max: numberOrText(form['max']), unit: form['unit'] ?? '' };
      break;
  }
  const parsed = z.safeParse(questionInput, { ...common, ...specific });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0] ?? 'type');
      const field = FIELD_FOR[top] ?? top;
      if (!errors[field]) errors[field] = issue.message;
    }
  }
  const ordered = inFieldOrder(errors, QUESTION_FIELDS);
  return parsed.success && Object.keys(ordered).length === 0 ? { input: parsed.data } : { errors: ordered };
}

export function questionFormValues(q: Question): FormValues {
  const values: FormValues = { text: q.text, hint: q.hint ?? '', required: q.required ? 'yes' : 'no', showWhen: q.showWhen ? `${q.showWhen.questionId}:${q.showWhen.optionId}` : '' };
  if (hasOptions(q)) {
    values['options'] = q.options.filter((o) => !o.other && !o.dontKnow).map((o) => o.label).join('\n');
    if (q.options.some((o) => o.other)) values['allowOther'] = 'yes';
    if (q.options.some((o) => o.id === DONT_KNOW.id)) values['includeDontKnow'] = 'yes';
  }
  if (q.type === 'multiple') values['maxChoices'] = String(q.maxChoices);
  if (q.type === 'precept') {
    values['bandD'] = poundsForForm(q.bandDPence);
    values['increases'] = q.options.filter((o) => o.increasePence !== undefined).map((o) => poundsForForm(o.increasePence!)).join('\n');
  }
  if (q.type === 'text') values['maxLength'] = String(q.maxLength);
  if (q.type === 'number') Object.assign(values, { min: String(q.min), max: String(q.max), unit: q.unit ?? '' });
  return values;
}

export function QuestionFormPage(props: { consultation: Consultation; pageIndex: number; type: QuestionType; values: FormValues; errors?: Errors; problem?: Child; action: string; editing: boolean }) {
  const { consultation, pageIndex, type, values, errors = {} } = props;
  const targets = conditionTargets(consultation.pages, pageIndex);
  const title = `${props.editing ? 'Edit' : 'Add'} a ${questionTypeLabel(type).toLowerCase()} question`;
  return (
    <StaffPage title={title} current={STAFF} back={`/staff/consultations/${consultation.id}`} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">
        {consultation.title}: page {pageIndex + 1}, {consultation.pages[pageIndex]?.title}
      </span>
      <h1 class="govuk-heading-l">{title}</h1>
      {props.problem ? <div class="govuk-inset-text">{props.problem}</div> : null}
      <PostForm action={props.action} values={values}>
        <TextInput name="text" label="Question" value={values['text']} error={errors['text']} />
        <Textarea name="hint" label="Hint (optional)" hint="Shown under the question, for example “Choose up to 3”." value={values['hint']} error={errors['hint']} rows={2} />
        {type === 'single' || type === 'multiple' ? (
          <Textarea name="options" label="Options" hint={`One on each line, ${LIMITS.optionsPerQuestion} at most.`} value={values['options']} error={errors['options']} rows={6} />
        ) : null}
        {type === 'precept' ? (
          <>
            <TextInput name="bandD" label="Band D amount this year, in pounds" hint="The police part of council tax for Band D, for example 300.37." width={10} inputmode="decimal" value={values['bandD']} error={errors['bandD']} />
            <Textarea
              name="increases"
              label="Increases on offer, in pounds a year for Band D"
              hint="One on each line, for example 0, 10 and 14. Respondents see each as pounds a year and pence a month, with a table for bands A to H."
              value={values['increases']}
              error={errors['increases']}
              rows={4}
            />
          </>
        ) : null}
        {type === 'multiple' ? (
          <TextInput name="maxChoices" label="Most options a respondent can choose" width={2} inputmode="numeric" value={values['maxChoices'] ?? '3'} error={errors['maxChoices']} />
        ) : null}
        {type === 'single' || type === 'multiple' ? (
          <Checkbox name="allowOther" legend="Other" label="Add “Other, please say”, with a box to type in" checked={yes(values['allowOther'])} error={errors['allowOther']} />
        ) : null}
        {type === 'single' || type === 'scale' || type === 'precept' ? (
          <Checkbox name="includeDontKnow" legend="Don’t know" label="Add “Don’t know” (results are also shown without it)" checked={yes(values['includeDontKnow'])} error={errors['includeDontKnow']} />
        ) : null}
        {type === 'text' ? (
          <TextInput name="maxLength" label="Most characters a respondent can type" width={5} inputmode="numeric" value={values['maxLength'] ?? '1000'} error={errors['maxLength']} />
        ) : null}
        {type === 'number' ? (
          <>
            <TextInput name="min" label="Smallest number allowed" width={5} inputmode="numeric" value={values['min']} error={errors['min']} />
            <TextInput name="max" label="Largest number allowed" width={5} inputmode="numeric" value={values['max']} error={errors['max']} />
            <TextInput name="unit" label="Unit (optional)" hint="Shown with the box, for example “times a year”." width={20} value={values['unit']} error={errors['unit']} />
          </>
        ) : null}
        <Radios
          name="required"
          legend="Must respondents answer it?"
          inline
          value={values['required'] ?? 'no'}
          options={[
            { value: 'yes', text: 'Yes' },
            { value: 'no', text: 'No, it is optional' },
          ]}
          error={errors['required']}
        />
        {targets.length ? (
          <Select
            name="showWhen"
            label="Show this question only when an earlier answer is (optional)"
            hint="Only answers on earlier pages can be used."
            value={values['showWhen'] ?? ''}
            options={[{ value: '', text: 'Always show it' }, ...targets.map((t) => ({ value: `${t.question.id}:${t.option.id}`, text: `${t.question.text.slice(0, 60)}: ${t.option.label.slice(0, 60)}` }))]}
            error={errors['showWhen']}
          />
        ) : null}
        <Button>{props.editing ? 'Save question' : 'Add question'}</Button>
      </PostForm>
    </StaffPage>
  );
}
