/**
 * GOV.UK's date input (day, month, year), with an optional time box, read as a London date and time.
 * The day box carries the field's own id, so the error summary's `#startsAt` link lands on it.
 *
 *   <DateInput name="startsAt" legend="Start" withTime values={form} error={errors.startsAt} />
 *   readDateTime(form, 'startsAt', { missing: 'Enter when the meeting starts', noun: 'The start' }) // { iso } or { error }
 */
import { joinDate, localLondonToUtcIso, parseTime, utcIsoToLondonFields } from './typed-dates.js';
import type { Errors } from './components.js';
import { hasErrors, type FormValues } from './forms.js';
import { inPlatformYears, PLATFORM_YEARS } from '../validation.js';

export interface DateInputProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  values: FormValues;
  withTime?: boolean;
}

export function DateInput({ name, legend, hint, error, values, withTime }: DateInputProps) {
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const box = (part: 'day' | 'month' | 'year' | 'time', label: string, width: 2 | 4 | 5) => {
    const id = part === 'day' ? name : `${name}-${part}`;
    return (
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for={id}>
            {label}
          </label>
          <input
            class={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
            id={id}
            name={`${name}-${part}`}
            type="text"
            inputmode={part === 'time' ? undefined : 'numeric'}
            value={values[`${name}-${part}`] ?? ''}
          />
        </div>
      </div>
    );
  };
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={`${name}-hint`} class="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${name}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div class="govuk-date-input" id={`${name}-date`}>
          {box('day', 'Day', 2)}
          {box('month', 'Month', 2)}
          {box('year', 'Year', 4)}
          {withTime ? box('time', 'Time', 5) : null}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * The posted boxes → a UTC ISO instant (London wall-clock time), or the message to show.
 * `words.missing` is the whole message for an empty field; `words.noun` starts the others.
 *
 *   readDateTime(form, 'startsAt', { missing: 'Enter when the meeting starts', noun: 'The start' })
 */
export function readDateTime(
  values: FormValues,
  name: string,
  words: { missing: string; noun: string },
  withTime = true,
): { iso: string; error?: undefined } | { error: string } {
  const [day, month, year, time] = ['day', 'month', 'year', 'time'].map((p) => (values[`${name}-${p}`] ?? '').trim()) as [string, string, string, string];
  const { missing, noun } = words;
  if (!day && !month && !year && (!withTime || !time)) return { error: missing };
  if (!day || !month || !year) return { error: `${noun} must include a day, month and year` };
  const date = joinDate(day, month, year);
  if (!date || !localLondonToUtcIso(date, '12:00')) return { error: `${noun} must be a real date` };
  if (!inPlatformYears(date)) return { error: `${noun} must be in a year from ${PLATFORM_YEARS.first} to ${PLATFORM_YEARS.last}` };
  if (!withTime) return { iso: localLondonToUtcIso(date, '00:00')! };
  if (!time) return { error: `${noun} must include a time, like 18:30 or 6:30pm` };
  const hhmm = parseTime(time);
  if (!hhmm) return { error: `${noun} must be a real time, like 18:30 or 6:30pm` };
  const iso = localLondonToUtcIso(date, hhmm);
  // The only real date and time that fails is in the hour skipped when the clocks go forward.
  return iso ? { iso } : { error: `${noun} is in the hour skipped when the clocks go forward: choose another time` };
}

/** The boxes for a stored instant, e.g. when editing. */
export function dateTimeValues(name: string, fields: { day: string; month: string; year: string; time: string }): FormValues {
  return { [`${name}-day`]: fields.day, [`${name}-month`]: fields.month, [`${name}-year`]: fields.year, [`${name}-time`]: fields.time };
}

/** A period of whole London days, e.g. for a report. */
export interface Period {
  from?: Date;
  /** Exclusive: the start of the day after the last day asked for. */
  to?: Date;
}

const isBlank = (values: FormValues, name: string) => ['day', 'month', 'year'].every((p) => !values[`${name}-${p}`]?.trim());

/** The optional from/to dates from the query; blank means "no limit". */
export function readPeriod(values: FormValues): { period: Period; errors: Errors } {
  const errors: Errors = {};
  const period: Period = {};
  const from = isBlank(values, 'from') ? undefined : readDateTime(values, 'from', { missing: '', noun: 'The from date' }, false);
  const to = isBlank(values, 'to') ? undefined : readDateTime(values, 'to', { missing: '', noun: 'The to date' }, false);
  if (from?.error !== undefined) errors['from'] = from.error;
  else if (from) period.from = new Date(from.iso);
  if (to?.error !== undefined) errors['to'] = to.error;
  else if (to) period.to = new Date(nextLondonDay(to.iso));
  if (period.from && period.to && period.to <= period.from) errors['to'] = 'The to date must be the same as or after the from date';
  return { period: hasErrors(errors) ? {} : period, errors };
}

/** Midnight in London at the start of the day after the given London midnight. */
function nextLondonDay(iso: string): string {
  const { day, month, year } = utcIsoToLondonFields(new Date(new Date(iso).getTime() + 36 * 3600_000).toISOString());
  return localLondonToUtcIso(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, '00:00')!;
}
