/**
 * The parts every email is made of, each as plain text and as HTML from the same words: paragraphs,
 * headings, a table of facts, a personal link, and the page around them (greeting, sign-off,
 * organisation name). Everything people typed is escaped in the HTML (see html.ts).
 *
 *   layout(`Your place at ${title}: confirmed`, name, [para('...'), facts([['When', when]]), heading('If you cannot come'), personalLink(url, ...)])
 */
import { config } from '../config.js';
import { html, linesOf, paragraphs, raw, type SafeHtml } from './html.js';

/** One block of an email: the same content as text and as HTML. */
export interface Part {
  text: string;
  html: SafeHtml;
}

export const para = (text: string): Part => ({ text, html: html`<p style="margin:0 0 16px">${text}</p>` });

export const heading = (text: string): Part => ({
  text: `${text}\n${'-'.repeat(text.length)}`,
  html: html`<h2 style="font-size:19px;margin:24px 0 12px">${text}</h2>`,
});

/**
 * Label and value pairs: "Label: value" lines, a two-column table in HTML. A value of several lines
 * (an address as typed, whatever its line endings) keeps them: in the text part each further line is
 * indented, so it cannot be read as a fact of its own; in HTML they are joined by <br>.
 */
export function facts(rows: ReadonlyArray<readonly [string, string]>): Part {
  return {
    text: rows
      .map(([label, value]) => {
        // Under the value after a short label; a question as the label would push it off the screen.
        const indent = ' '.repeat(label.length <= 20 ? label.length + 2 : 4);
        return `${label}: ${linesOf(value).join(`\n${indent}`)}`;
      })
      .join('\n'),
    html: html`<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows.map(
      ([label, value]) =>
        html`<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0">${label}</th><td style="padding:4px 0">${linesOf(value).map((line, i) => (i ? [raw('<br>'), line] : line))}</td></tr>`,
    )}</table>`,
  };
}

/** Text a person typed (a reason, a description): its paragraphs and lines kept in both parts. */
export function typed(text: string): Part {
  return { text: linesOf(text).join('\n'), html: html`${paragraphs(text)}` };
}

/** A link only this person should use (manage, book): what it does, the link, and how long it works and why not to share it. */
export function personalLink(url: string, options: { lead: string; linkText: string; warning: string }): Part {
  const { warning } = options;
  return {
    text: `${options.lead}\n${url}\n${warning}`,
    html: html`<p style="margin:0 0 8px">${options.lead}</p><p style="margin:0 0 16px"><a href="${url}">${options.linkText}</a></p><p style="margin:0 0 16px;color:#505a5f">${warning}</p>`,
  };
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** Wraps the parts in the greeting, sign-off and an accessible HTML document. */
export function layout(subject: string, name: string, parts: Array<Part | undefined>): Rendered {
  const { organisationName } = config();
  const body = parts.filter((p): p is Part => Boolean(p));
  const text = [`Hello ${name},`, ...body.map((p) => p.text), `${organisationName}`].join('\n\n') + '\n';
  const page = html`<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${subject}</title></head>
<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;margin:0;padding:16px">
<div style="max-width:580px">
<p style="margin:0 0 16px;font-weight:bold">${organisationName}</p>
<p style="margin:0 0 16px">Hello ${name},</p>
${body.map((p) => p.html)}
<p style="margin:24px 0 0">${organisationName}</p>
</div>
</body>
</html>`;
  return { subject, text, html: page.value };
}
