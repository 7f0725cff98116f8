/**
 * GOV.UK radios and checkboxes for questions with many options, matching govuk-frontend's markup:
 * a hint per option, an "or" divider, a text box that belongs to one option (shown always without
 * JavaScript; GOV.UK Frontend hides it until the option is chosen when scripts run), the question as
 * the page heading, and the exclusive "none of these" checkbox. The first input carries the field's
 * id, so the error summary's `#<name>` link lands on it. Also the details (show/hide) component.
 *
 *   <ChoiceList kind="radio" name="q1" legend="How much more would you pay?" asHeading options={[...]} value="increase-0" />
 *   <ChoiceList kind="checkbox" name="q3" legend="Priorities" options={[...]} values={['o1']} />
 *   <Details summary="What is the precept?">...</Details>
 */
import type { Child } from 'hono/jsx';
import { describedBy, ErrorMessage, Hint } from './components.js';

export interface ChoiceItem {
  value: string;
  text: string;
  hint?: string;
  /** A divider ("or") before this option. */
  dividerBefore?: boolean;
  /** Checkboxes: choosing it unchecks the others (GOV.UK's "none" option, when scripts run). */
  exclusive?: boolean;
  /** A text box that belongs to this option, e.g. "Other, please say". */
  conditional?: { name: string; label: string; value?: string; error?: string; hint?: string };
}

export interface ChoiceListProps {
  kind: 'radio' | 'checkbox';
  name: string;
  legend: string;
  /** The legend as the page's h1 (one question per page). */
  asHeading?: boolean;
  /** Small legend, e.g. for a question among several on a page. */
  size?: 'l' | 'm' | 's';
  hint?: string;
  error?: string;
  options: readonly ChoiceItem[];
  /** Chosen values (radios: at most one). */
  values?: readonly string[];
  /** For checkboxes each option gets its own field name, `<name>--<value>`; radios share `name`. */
  caption?: string;
}

/** Checkbox field names: one per option, so plain forms read them without repeated keys. */
export const checkboxField = (name: string, value: string) => `${name}--${value}`;

export function ChoiceList(props: ChoiceListProps) {
  const { kind, name, legend, asHeading, hint, error, options, values = [], caption } = props;
  const size = props.size ?? (asHeading ? 'l' : 'm');
  const base = kind === 'radio' ? 'govuk-radios' : 'govuk-checkboxes';
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>
          {caption ? <span class="govuk-caption-l">{caption}</span> : null}
          {asHeading ? <h1 class="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <Hint name={name} hint={hint} />
        <ErrorMessage name={name} error={error} />
        <div class={base} data-module={base}>
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            const conditionalId = o.conditional ? `conditional-${id}` : undefined;
            return (
              <>
                {o.dividerBefore ? <div class={`${base}__divider`}>or</div> : null}
                <div class={`${base}__item`}>
                  <input
                    class={`${base}__input`}
                    id={id}
                    name={kind === 'radio' ? name : checkboxField(name, o.value)}
                    type={kind}
                    value={kind === 'radio' ? o.value : 'yes'}
                    checked={values.includes(o.value)}
                    aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                    data-aria-controls={conditionalId}
                    data-behaviour={o.exclusive ? 'exclusive' : undefined}
                  />
                  <label class={`govuk-label ${base}__label`} for={id}>
                    {o.text}
                  </label>
                  {o.hint ? (
                    <div id={`${id}-item-hint`} class={`govuk-hint ${base}__hint`}>
                      {o.hint}
                    </div>
                  ) : null}
                </div>
                {o.conditional ? (
                  <div class={`${base}__conditional${values.includes(o.value) ? '' : ` ${base}__conditional--hidden`}`} id={conditionalId}>
                    <div class={`govuk-form-group${o.conditional.error ? ' govuk-form-group--error' : ''}`}>
                      <label class="govuk-label" for={o.conditional.name}>
                        {o.conditional.label}
                      </label>
                      {o.conditional.hint ? (
                        <div id={`${o.conditional.name}-hint`} class="govuk-hint">
                          {o.conditional.hint}
                        </div>
                      ) : null}
                      {o.conditional.error ? (
                        <p id={`${o.conditional.name}-error`} class="govuk-error-message">
                          <span class="govuk-visually-hidden">Error:</span> {o.conditional.error}
                        </p>
                      ) : null}
                      <input
                        class={`govuk-input${o.conditional.error ? ' govuk-input--error' : ''}`}
                        id={o.conditional.name}
                        name={o.conditional.name}
                        type="text"
                        value={o.conditional.value ?? ''}
                        aria-describedby={[o.conditional.hint ? `${o.conditional.name}-hint` : '', o.conditional.error ? `${o.conditional.name}-error` : ''].filter(Boolean).join(' ') || undefined}
                      />
                    </div>
                  </div>
                ) : null}
              </>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** GOV.UK details: a summary people open to read more. Works without JavaScript (a native element). */
export function Details({ summary, children, open }: { summary: string; children: Child; open?: boolean }) {
  return (
    <details class="govuk-details" open={open}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{summary}</span>
      </summary>
      <div class="govuk-details__text">{children}</div>
    </details>
  );
}

/** Text with line breaks (an address, access needs) shown line by line. */
export function Lines({ text }: { text: string }) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return <>{lines.map((line, i) => (i === 0 ? <>{line}</> : <><br />{line}</>))}</>;
}

/** Text people typed, as paragraphs: blank lines separate them, single line breaks are kept. */
export function Paragraphs({ text, className = 'govuk-body' }: { text: string; className?: string }) {
  return (
    <>
      {text
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p class={className}>
            <Lines text={p} />
          </p>
        ))}
    </>
  );
}
