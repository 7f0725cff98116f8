/** "New public meeting: …" or "New consultation: …", to each confirmed subscriber, with one-click unsubscribe. */
import type { Announcement } from '../../core/announcements.js';
import { councilAreaName } from '../../core/council-areas.js';
import { facts, layout, para, type Part, type Rendered } from '../../core/outbox/email-layout.js';
import { html } from '../../core/outbox/html.js';
import { siteUrl } from '../../core/outbox/outbox.js';
import { formatLondon } from '../../core/time.js';

const link = (url: string, text: string): Part => ({ text: `${text}: ${url}`, html: html`<p style="margin:0 0 16px"><a href="${url}">${text}</a></p>` });

export function announcementEmail(announcement: Announcement, unsubscribeUrl: string): Rendered & { unsubscribeUrl: string } {
  const rows: Array<readonly [string, string]> = [
    ...(announcement.startsAt ? [['When', formatLondon(announcement.startsAt)] as const] : []),
    ...(announcement.closesAt ? [['Closes', formatLondon(announcement.closesAt)] as const] : []),
    ['Where', announcement.areaCode ? councilAreaName(announcement.areaCode) : 'The whole of our area'] as const,
  ];
  const rendered = layout(`New ${announcement.what}: ${announcement.title}`, 'there', [
    para(`We have published a new ${announcement.what}: ${announcement.title}.`),
    para(announcement.summary),
    facts(rows),
    link(siteUrl(announcement.path), `Read more about ${announcement.title}`),
    para('You get this email because you asked for email updates about new public meetings and consultations.'),
    link(unsubscribeUrl, 'Unsubscribe from these emails'),
  ]);
  return { ...rendered, unsubscribeUrl };
}
