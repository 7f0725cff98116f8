/**
 * HTML for emails, escaped by default: every value interpolated into `html\`...\`` is escaped unless it
 * is itself `html` (or `raw`), so a resident called `<script>alert(1)</script>` is shown as text.
 *
 *   html`<p>Hello ${registration.name}</p>`
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

/** Trusted markup only (never user input). */
export const raw = (markup: string) => new SafeHtml(markup);

/** Text's lines, whatever the line endings it was typed with (a form's textarea sends CRLF), each trimmed at the end. */
export const linesOf = (text: string) => text.split(/\r\n|\r|\n|\u2028|\u2029/).map((line) => line.trimEnd());

/** Multi-line user text as paragraphs, escaped. */
export const paragraphs = (text: string) =>
  linesOf(text)
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p style="margin:0 0 16px">${p.split('\n').map((line, i) => (i ? [raw('<br>'), line] : line))}</p>`);
