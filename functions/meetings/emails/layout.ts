/**
 * What every meetings email shares: greeting, the meeting's details (when, where, access), the manage
 * link and the sign-off, in both a plain text and an HTML version built from the same parts.
 */
import { config } from '../../core/config.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import type { Meeting, Registration } from '../model.js';
import { html, paragraphs, type SafeHtml } from './html.js';

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

/** "Thursday 3 December 2026, 6:30pm to 8pm" (the end's date too if it is another day). */
export function meetingTimes(meeting: Pick<Meeting, 'startsAt' | 'endsAt'>): string {
  const sameDay = formatLondonDate(meeting.startsAt) === formatLondonDate(meeting.endsAt);
  return `${formatLondon(meeting.startsAt)} to ${sameDay ? formatLondonTime(meeting.endsAt) : formatLondon(meeting.endsAt)}`;
}

export function meetingDetails(meeting: Meeting, registration?: Registration): Part {
  const rows: Array<[string, string]> = [
    ['Meeting', meeting.title],
    ['When', meetingTimes(meeting)],
    ['Where', `${meeting.venue}, ${meeting.address}`],
    ...(registration
      ? ([
          ['Reference', registration.reference],
          ['Places', String(registration.places)],
        ] as Array<[string, string]>)
      : []),
    ...(meeting.accessInformation ? ([['Access', meeting.accessInformation]] as Array<[string, string]>) : []),
  ];
  return {
    text: rows.map(([label, value]) => `${label}: ${value}`).join('\n'),
    html: html`<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows.map(
      ([label, value]) =>
        html`<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0">${label}</th><td style="padding:4px 0">${value}</td></tr>`,
    )}</table>`,
  };
}

export function manageLink(url: string, lead: string): Part {
  return {
    text: `${lead}\n${url}\nThe link works until the meeting ends. Do not share it: anyone with it can change your registration.`,
    html: html`<p style="margin:0 0 8px">${lead}</p><p style="margin:0 0 16px"><a href="${url}">Change or cancel your registration</a></p><p style="margin:0 0 16px;color:#505a5f">The link works until the meeting ends. Do not share it: anyone with it can change your registration.</p>`,
  };
}

export const descriptionPart = (meeting: Meeting): Part | undefined =>
  meeting.description ? { text: meeting.description, html: html`${paragraphs(meeting.description)}` } : undefined;

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
