/**
 * One question as GOV.UK form fields: radios, checkboxes (with "Other, please say" and "Don't know"),
 * a comment box with its limit, a number, the postcode's first part, and the precept question with
 * its table of what each option means for each council tax band. Used by the questionnaire, the
 * staff preview and paper entry.
 */
import { ChoiceList, type ChoiceItem } from '../../core/ui/choices.js';
import { Checkbox, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { checkboxField } from '../../core/ui/choices.js';
import { DATA_SOURCES, PREFER_NOT } from '../about-you.js';
import { optionsOf } from '../definition.js';
import type { Answers, ChoiceOption, PreceptQuestion, Question } from '../model.js';
import { bandTable, formatPenceOrPounds, formatPounds } from '../precept.js';

function items(question: Question, options: readonly ChoiceOption[], values: FormValues, errors: Errors): ChoiceItem[] {
  return options.map((o) => ({
    value: o.id,
    text: o.other ? 'Other, please say' : o.label,
    dividerBefore: Boolean(o.dontKnow || o.id === PREFER_NOT.id || o.id === 'not-sure') && options.length > 2,
    exclusive: question.type === 'multiple' && Boolean(o.dontKnow),
    ...(o.other
      ? { conditional: { name: `${question.id}-other`, label: 'What else?', value: values[`${question.id}-other`] ?? '', ...(errors[`${question.id}-other`] ? { error: errors[`${question.id}-other`] } : {}) } }
      : {}),
  }));
}

/** What each option on offer means for each band, to the penny (precept.ts). */
export function BandTable({ question }: { question: PreceptQuestion }) {
  const increases = question.options.filter((o) => o.increasePence !== undefined && o.increasePence > 0);
  const rows = bandTable(question.bandDPence, increases.map((o) => o.increasePence!));
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">The police part of council tax in each band, now and with each increase on offer</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Band</th>
          <th scope="col" class="govuk-table__header">Now, a year</th>
          {increases.map((o) => (
            <th scope="col" class="govuk-table__header">
              With {formatPounds(o.increasePence!).replace(/\.00$/, '')} more for Band D
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((r) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {r.band} <span class="govuk-visually-hidden">(</span>
              <span class="govuk-body-s">{r.ratio} of D</span>
              <span class="govuk-visually-hidden">)</span>
            </th>
            <td class="govuk-table__cell">{formatPounds(r.nowPence)}</td>
            {r.increases.map((i) => (
              <td class="govuk-table__cell">
                {formatPounds(i.totalPence)} a year: {formatPenceOrPounds(i.yearPence)} more, {formatPenceOrPounds(i.monthPence)} a month
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface QuestionFieldsProps {
  question: Question;
  values: FormValues;
  errors: Errors;
  /** Answers so far (the council-area question's options depend on the postcode). */
  answers: Answers;
  /** The only question on its page: it is the page heading. */
  asHeading: boolean;
  caption?: string;
}

export function QuestionFields({ question: q, values, errors, answers, asHeading, caption }: QuestionFieldsProps) {
  const hint = q.hint;
  const label = q.required || q.id.startsWith('about-') ? q.text : `${q.text} (optional)`;
  switch (q.type) {
    case 'single':
    case 'scale':
    case 'area':
      return (
        <ChoiceList kind="radio" name={q.id} legend={label} asHeading={asHeading} caption={caption} hint={hint} error={errors[q.id]} options={items(q, optionsOf(q, answers), values, errors)} values={values[q.id] ? [values[q.id]!] : []} />
      );
    case 'precept':
      return (
        <>
          <ChoiceList kind="radio" name={q.id} legend={label} asHeading={asHeading} caption={caption} hint={hint} error={errors[q.id]} options={items(q, q.options, values, errors)} values={values[q.id] ? [values[q.id]!] : []} />
          <BandTable question={q} />
        </>
      );
    case 'multiple': {
      const chosen = q.options.filter((o) => values[checkboxField(q.id, o.id)] === 'yes').map((o) => o.id);
      const limit = `Select up to ${q.maxChoices}.`;
      return (
        <ChoiceList kind="checkbox" name={q.id} legend={label} asHeading={asHeading} caption={caption} hint={hint ? `${hint} ${hint.includes('up to') ? '' : limit}`.trim() : limit} error={errors[q.id]} options={items(q, q.options, values, errors)} values={chosen} />
      );
    }
    case 'text':
      return (
        <>
          {caption && asHeading ? <span class="govuk-caption-l">{caption}</span> : null}
          <Textarea name={q.id} label={label} isPageHeading={asHeading} hint={`${hint ? `${hint} ` : ''}You can enter up to ${q.maxLength.toLocaleString('en-GB')} characters.`} value={values[q.id]} error={errors[q.id]} rows={6} />
        </>
      );
    case 'number':
      return (
        <>
          {caption && asHeading ? <span class="govuk-caption-l">{caption}</span> : null}
          <TextInput
            name={q.id}
            label={label}
            isPageHeading={asHeading}
            hint={`${hint ? `${hint} ` : ''}Enter a whole number from ${q.min} to ${q.max}${q.unit ? ` (${q.unit})` : ''}.`}
            inputmode="numeric"
            width={5}
            spellcheck={false}
            value={values[q.id]}
            error={errors[q.id]}
          />
        </>
      );
    case 'outward-code':
      return (
        <>
          {caption && asHeading ? <span class="govuk-caption-l">{caption}</span> : null}
          <TextInput name={q.id} label={label} isPageHeading={asHeading} hint={hint} autocomplete="off" width={5} spellcheck={false} value={values[q.id]} error={errors[q.id]} />
          <Checkbox name={`${q.id}-prefer-not`} legend="Or" label={PREFER_NOT.label} checked={values[`${q.id}-prefer-not`] === 'yes'} />
          <p class="govuk-body-s">{DATA_SOURCES}</p>
        </>
      );
  }
}
