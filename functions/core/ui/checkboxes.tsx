/**
 * GOV.UK checkboxes for choosing several things from a list (topics, councils, themes), and reading them
 * back from a form post: every checked box posts the same name, so the post carries a list. The first
 * box carries the field's id, so the error summary's `#name` link lands on it.
 *
 *   <Checkboxes name="themes" legend="Topics" items={themes.map((t) => ({ value: t.id, text: t.label }))} checked={values.themes} />
 *   const themes = await readFormList(c, 'themes');
 *   const { values, chosen } = await readFormWithChoices(c);   chosen('themes')  // ['burglary', 'drugs']
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { describedBy, ErrorMessage, Hint } from './components.js';
import { HttpError } from '../http/errors.js';
import type { FormValues } from './forms.js';

export function Checkboxes(props: {
  name: string;
  legend: string;
  /** Legend size: `m` for a question of its own, `s` inside a longer form. */
  size?: 's' | 'm';
  hint?: Child;
  error?: string;
  items: ReadonlyArray<{ value: string; text: string; hint?: string }>;
  checked?: readonly string[];
  small?: boolean;
  /** Long lists in columns on wide screens. */
  columns?: boolean;
}) {
  const { name, legend, hint, error, items, checked = [], small } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${props.size ?? 'm'}`}>{legend}</legend>
        <Hint name={name} hint={hint} />
        <ErrorMessage name={name} error={error} />
        <div class={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}${props.columns ? ' app-checkboxes--columns' : ''}`} data-module="govuk-checkboxes">
          {items.map((item, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={id} name={name} type="checkbox" value={item.value} checked={checked.includes(item.value)} aria-describedby={item.hint ? `${id}-item-hint` : undefined} />
                <label class="govuk-label govuk-checkboxes__label" for={id}>
                  {item.text}
                </label>
                {item.hint ? (
                  <div id={`${id}-item-hint`} class="govuk-hint govuk-checkboxes__hint">
                    {item.hint}
                  </div>
                ) : null}
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

/** Every value posted under `name` (none when no box was checked). */
export async function readFormList(c: Context, name: string): Promise<string[]> {
  return (await readFormWithChoices(c)).chosen(name);
}
