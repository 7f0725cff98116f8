/**
 * GOV.UK checkboxes for choosing several things from a list (topics, councils), and reading them back
 * from a form post: every checked box posts the same name, so the post carries a list. The first box
 * carries the field's id, so the error summary's `#name` link lands on it.
 *
 *   <Checkboxes name="themes" legend="Topics" items={themes.map((t) => ({ value: t.id, text: t.label }))} checked={values.themes} />
 *   const themes = await readFormList(c, 'themes');
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { HttpError } from '../http/errors.js';

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
}) {
  const { name, legend, hint, error, items, checked = [], small } = props;
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${props.size ?? 'm'}`}>{legend}</legend>
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
        <div class={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
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

/** Every value posted under `name` (none when no box was checked). */
export async function readFormList(c: Context, name: string): Promise<string[]> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new HttpError(400, 'malformed_form', 'The form could not be read. Go back and send it again.');
  }
  const value = body[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
}
