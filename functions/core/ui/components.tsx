/**
 * GOV.UK Design System components as Hono JSX, matching govuk-frontend's markup.
 * Forms re-display with the person's answers and an error summary linking to each field.
 */
import type { Child } from 'hono/jsx';
import type { FieldError } from '../refusal.js';

/** Field errors keyed by field name, for the inputs below. */
export type Errors = Record<string, string | undefined>;

export const errorsByField = (fields: readonly FieldError[] = []): Errors =>
  Object.fromEntries(fields.map((f) => [f.field, f.message]));

export function ErrorSummary({ errors }: { errors: Errors }) {
  const entries = Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">There is a problem</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Label as the page heading (one-question pages). */
  isPageHeading?: boolean;
}

export function describedBy(name: string, hint?: unknown, error?: string) {
  return [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function Hint({ name, hint }: { name: string; hint?: Child }) {
  return hint ? (
    <div id={`${name}-hint`} class="govuk-hint">
      {hint}
    </div>
  ) : null;
}

export function ErrorMessage({ name, error }: { name: string; error?: string }) {
  return error ? (
    <p id={`${name}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> {error}
    </p>
  ) : null;
}

function Label({ name, label, isPageHeading }: FieldProps) {
  const labelEl = (
    <label class={`govuk-label${isPageHeading ? ' govuk-label--l' : ''}`} for={name}>
      {label}
    </label>
  );
  return isPageHeading ? <h1 class="govuk-label-wrapper">{labelEl}</h1> : labelEl;
}

export function TextInput(
  props: FieldProps & {
    value?: string | number;
    type?: 'text' | 'email' | 'number' | 'tel' | 'datetime-local' | 'password';
    autocomplete?: string;
    width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
    inputmode?: 'numeric' | 'decimal' | 'email';
    spellcheck?: boolean;
  },
) {
  const { name, hint, error, value, type = 'text', autocomplete, width, inputmode, spellcheck } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <Hint name={name} hint={hint} />
      <ErrorMessage name={name} error={error} />
      <input
        class={`govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={name}
        name={name}
        type={type}
        value={value === undefined ? undefined : String(value)}
        autocomplete={autocomplete}
        inputmode={inputmode}
        spellcheck={spellcheck}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

/**
 * An email address field (GOV.UK's email address pattern): type email, spellcheck off, the browser's
 * autocomplete for one's own address, or `off` where staff type someone else's. `values` and `errors`
 * are the form's, read under `name`.
 */
export function EmailInput(props: {
  label: string;
  hint?: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  name?: string;
  someoneElses?: boolean;
}) {
  const { name = 'email', someoneElses = false } = props;
  return (
    <TextInput
      name={name}
      label={props.label}
      hint={props.hint}
      type="email"
      autocomplete={someoneElses ? 'off' : 'email'}
      spellcheck={false}
      value={props.values[name]}
      error={props.errors[name]}
    />
  );
}

export function Textarea(props: FieldProps & { value?: string; rows?: number; maxLength?: number }) {
  const { name, hint, error, value, rows = 5 } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <Hint name={name} hint={hint} />
      <ErrorMessage name={name} error={error} />
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={name}
        name={name}
        rows={rows}
        aria-describedby={describedBy(name, hint, error)}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

export function Select(
  props: FieldProps & { value?: string; options: { value: string; text: string }[] },
) {
  const { name, hint, error, value, options } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <Hint name={name} hint={hint} />
      <ErrorMessage name={name} error={error} />
      <select
        class={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={name}
        name={name}
        aria-describedby={describedBy(name, hint, error)}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A single checkbox, e.g. "I have read the privacy notice". The input's id is the field name. */
export function Checkbox(props: { name: string; label: Child; legend: string; hint?: string; error?: string; checked?: boolean; value?: string }) {
  const { name, label, legend, hint, error, checked, value = 'yes' } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <Hint name={name} hint={hint} />
        <ErrorMessage name={name} error={error} />
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id={name} name={name} type="checkbox" value={value} checked={checked} />
            <label class="govuk-label govuk-checkboxes__label" for={name}>
              {label}
            </label>
          </div>
        </div>
      </fieldset>
    </div>
  );
}

export function Radios(
  props: { name: string; legend: string; hint?: string; error?: string; value?: string; inline?: boolean; options: { value: string; text: string }[] },
) {
  const { name, legend, hint, error, value, inline, options } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        <Hint name={name} hint={hint} />
        <ErrorMessage name={name} error={error} />
        <div class={`govuk-radios${inline ? ' govuk-radios--inline' : ''}`} data-module="govuk-radios">
          {options.map((o, i) => {
            // The first option carries the field's id so the error summary link lands on it.
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id={id} name={name} type="radio" value={o.value} checked={o.value === value} />
                <label class="govuk-label govuk-radios__label" for={id}>
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

export function Button({ children, secondary, warning, name, value }: { children: Child; secondary?: boolean; warning?: boolean; name?: string; value?: string }) {
  const modifier = secondary ? ' govuk-button--secondary' : warning ? ' govuk-button--warning' : '';
  return (
    <button type="submit" class={`govuk-button${modifier}`} data-module="govuk-button" name={name} value={value}>
      {children}
    </button>
  );
}

/** Label and value pairs; `borderless` for a plain list of facts (stacked on phones either way). */
export function SummaryList({ rows, borderless }: { rows: { key: string; value: Child }[]; borderless?: boolean }) {
  return (
    <dl class={`govuk-summary-list${borderless ? ' govuk-summary-list--no-border' : ''}`}>
      {rows.map((r) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{r.key}</dt>
          <dd class="govuk-summary-list__value">{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Table({ caption, head, rows }: { caption?: string; head: string[]; rows: Child[][] }) {
  return (
    <table class="govuk-table">
      {caption ? <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption> : null}
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {head.map((h) => (
            <th scope="col" class="govuk-table__header">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((cells) => (
          <tr class="govuk-table__row">
            {cells.map((cell) => (
              <td class="govuk-table__cell">{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Panel({ title, children }: { title: string; children?: Child }) {
  return (
    <div class="govuk-panel govuk-panel--confirmation">
      <h1 class="govuk-panel__title">{title}</h1>
      {children ? <div class="govuk-panel__body">{children}</div> : null}
    </div>
  );
}

export function Tag({ children, colour }: { children: Child; colour?: 'grey' | 'green' | 'blue' | 'yellow' | 'red' | 'orange' | 'purple' }) {
  return <strong class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>;
}

export function NotificationBanner({ title = 'Important', success, children }: { title?: string; success?: boolean; children: Child }) {
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="govuk-notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {success ? 'Success' : title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

/** Why what the person asked for was not done, above the page's content (nothing when there is no problem). */
export function ProblemBanner({ title, problem }: { title: string; problem?: Child }) {
  return problem ? (
    <NotificationBanner title={title}>
      <p class="govuk-notification-banner__heading">{problem}</p>
    </NotificationBanner>
  ) : null;
}

/** What was just done, after a redirect (nothing when there is no message). */
export function SuccessBanner({ message }: { message?: Child }) {
  return message ? (
    <NotificationBanner success>
      <p class="govuk-notification-banner__heading">{message}</p>
    </NotificationBanner>
  ) : null;
}

/** GOV.UK back link, for a page's `beforeContent`. */
export function BackLink({ href, children = 'Back' }: { href: string; children?: Child }) {
  return (
    <a href={href} class="govuk-back-link">
      {children}
    </a>
  );
}
