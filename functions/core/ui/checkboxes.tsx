/**
 * GOV.UK checkboxes for choosing several of a list (themes, kinds): one field name, one value per
 * option. The first box carries the field's id, so the error summary's link lands on it.
 *
 *   <Checkboxes name="themes" legend="Themes raised" options={themes.map((t) => ({ value: t.id, text: t.label }))} values={chosen} />
 *   const { values, chosen } = await readFormWithChoices(c);   chosen('themes')  // ['burglary', 'drugs']
 */
import type { Context } from 'hono';
import { HttpError } from '../http/errors.js';
import type { Errors } from './components.js';
import type { FormValues } from './forms.js';

export function Checkboxes(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: ReadonlyArray<{ value: string; text: string }>;
  values: readonly string[];
  small?: boolean;
  columns?: boolean;
}) {
  const { name, legend, hint, error, options, values, small } = props;
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
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
        <div class={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}${props.columns ? ' app-checkboxes--columns' : ''}`} data-module="govuk-checkboxes">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={id} name={name} type="checkbox" value={o.value} checked={values.includes(o.value)} />
                <label class="govuk-label govuk-checkboxes__label" for={id}>
                  {o.text}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * A form post with fields that repeat (checkboxes): each field's first value as text, as core's
 * readForm gives, and every value of a repeated one. A body that cannot be read is a 400.
 */
export async function readFormWithChoices(c: Context): Promise<{ values: FormValues; chosen: (name: string) => string[] }> {
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new HttpError(400, 'malformed_form', 'The form could not be read. Go back and send it again.');
  }
  const list = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
  };
  const values: FormValues = Object.fromEntries(Object.keys(body).flatMap((name) => (list(name).length ? [[name, list(name)[0]!]] : [])));
  return { values, chosen: list };
}
