/**
 * Building popup and control content as DOM nodes with text set as text: nothing typed by a person
 * (a place, a summary, a theme) is ever parsed as HTML, so `<script>` in a summary shows as text.
 *
 *   el('p', { class: 'govuk-body' }, 'Coalville, ', el('strong', {}, '3 March'))
 */
export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** Paragraphs from text with blank lines between them. */
export const paragraphs = (text: string, className = 'govuk-body-s') =>
  text
    .split(/\r?\n\s*\r?\n/)
    .filter((p) => p.trim())
    .map((p) => el('p', { class: `${className} app-pre-line` }, p));

/** Text for Leaflet's attribution control, which sets HTML. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
