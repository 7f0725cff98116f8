/**
 * The office's diary as calendar subscriptions: staff make a feed of the Commissioner's and/or the
 * Deputy's engagements (every capability's declared diary entries, core/diary.ts) at a secret address,
 * `/diary/<token>.ics`, for a phone's or Outlook's calendar. The token is random and stored only as its
 * hash; the address is shown once. Revoking a feed makes its address answer 410 at once (the token's
 * item is read strongly consistent on every fetch), and a token never issued answers 404.
 */
import { diaryBetween, type DiaryEntry } from '../core/diary.js';
import { config } from '../core/config.js';
import { foldLine, icsText, LONDON_VTIMEZONE, londonLocal, utcStamp } from '../core/ics.js';
import { newId, newSecret } from '../core/ids.js';
import { hashToken, looksLikeToken } from '../core/manage-links.js';
import { officeAttendees, type OfficeAttendee } from '../core/period-figures.js';
import { platformCapabilities } from '../core/platform.js';
import { invalidField, notFound, Refusal } from '../core/refusal.js';
import { unmarshal } from '../core/store/items.js';
import { getItem, queryAll } from '../core/store/reads.js';
import { transactWrite } from '../core/store/transactions.js';
import { put, update } from '../core/store/writes.js';
import { feedKey, feedTokenKey, siteKeys } from './store/keys.js';

/** Whose engagements a feed may carry: the Commissioner's and the Deputy's (staff's own are not in anyone's diary). */
export const diaryPeople = officeAttendees.filter((a) => a.id !== 'staff');

export interface CalendarFeed {
  id: string;
  label: string;
  who: OfficeAttendee[];
  status: 'active' | 'revoked';
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** How far back and ahead a feed reaches: calendars keep what they have already fetched. */
const MONTHS_BACK = 3;
const MONTHS_AHEAD = 18;
const DAY = 86_400_000;

export async function createFeed(input: { label: string; who: OfficeAttendee[] }, by: string, now: Date = new Date()): Promise<{ feed: CalendarFeed; token: string }> {
  const label = input.label.trim();
  if (!label) throw invalidField('label', 'Enter a name for the feed, like “Deputy’s phone”');
  if (label.length > 80) throw invalidField('label', 'Enter a name of 80 characters or fewer');
  const who = diaryPeople.map((p) => p.id).filter((id) => input.who.includes(id));
  if (!who.length) throw invalidField('who', 'Choose whose engagements the feed shows');
  const token = newSecret(32);
  const tokenHash = hashToken(token);
  const feed: CalendarFeed = { id: newId(now), label, who, status: 'active', createdAt: now.toISOString(), createdBy: by };
  const outcome = await transactWrite([
    { name: 'feed', write: put({ ...feedKey(feed.id), type: 'calendar-feed', ...feed, tokenHash, gsi1pk: siteKeys.allFeeds, gsi1sk: `${feed.createdAt}#${feed.id}` }, { condition: 'attribute_not_exists(pk)' }) },
    { name: 'token', write: put({ ...feedTokenKey(tokenHash), type: 'calendar-feed-token', feedId: feed.id, who, label }, { condition: 'attribute_not_exists(pk)' }) },
  ]);
  if (!outcome.ok) throw new Refusal('feed_not_created', 'The feed was not made: try again');
  return { feed, token };
}

const asFeed = (item: Record<string, unknown>): CalendarFeed => {
  const { id, label, who, status, createdAt, createdBy, revokedAt, revokedBy } = item as unknown as CalendarFeed;
  return { id, label, who, status, createdAt, createdBy, ...(revokedAt ? { revokedAt } : {}), ...(revokedBy ? { revokedBy } : {}) };
};

/** Every feed, newest first (one Query). */
export async function listFeeds(): Promise<CalendarFeed[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': { S: siteKeys.allFeeds } }, ScanIndexForward: false });
  return items.map((i) => asFeed(unmarshal(i)));
}

export async function getFeed(id: string): Promise<CalendarFeed | undefined> {
  const item = await getItem(feedKey(id), { consistent: true });
  return item ? asFeed(unmarshal(item)) : undefined;
}

/** Revokes a feed: its address answers 410 from now on. Revoking one already revoked changes nothing. */
export async function revokeFeed(id: string, by: string, now: Date = new Date()): Promise<CalendarFeed> {
  const item = await getItem(feedKey(id), { consistent: true });
  if (!item) throw notFound('There is no such feed', 'feed_not_found');
  const stored = unmarshal(item);
  if (stored['status'] === 'revoked') return asFeed(stored);
  const at = now.toISOString();
  const outcome = await transactWrite([
    {
      name: 'feed',
      write: update(feedKey(id), 'SET #status = :revoked, revokedAt = :at, revokedBy = :by', { names: { '#status': 'status' }, values: { ':revoked': 'revoked', ':active': 'active', ':at': at, ':by': by }, condition: '#status = :active' }),
    },
    { name: 'token', write: update(feedTokenKey(String(stored['tokenHash'])), 'SET revokedAt = :at', { values: { ':at': at }, condition: 'attribute_exists(pk)' }) },
  ]);
  // Revoked by someone else meanwhile: it is revoked either way.
  if (!outcome.ok) return (await getFeed(id))!;
  return { ...asFeed(stored), status: 'revoked', revokedAt: at, revokedBy: by };
}

/** The feed a token stands for: `live`, `revoked`, or nothing (never issued, or not a token). Read strongly consistent. */
export async function feedByToken(token: string): Promise<{ state: 'live' | 'revoked'; who: OfficeAttendee[]; label: string } | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const item = await getItem(feedTokenKey(hashToken(token)), { consistent: true });
  if (!item) return undefined;
  const stored = unmarshal(item);
  return { state: stored['revokedAt'] ? 'revoked' : 'live', who: stored['who'] as OfficeAttendee[], label: String(stored['label']) };
}

const whoLabel = (who: OfficeAttendee) => officeAttendees.find((a) => a.id === who)?.label ?? who;

function eventLines(entry: DiaryEntry, stamp: string): string[] {
  const { publicBaseUrl } = config();
  const host = new URL(publicBaseUrl).hostname;
  const page = entry.staffPage ? `${publicBaseUrl}${entry.staffPage}` : undefined;
  const description = [`${whoLabel(entry.who)}.`, ...(entry.cancelled ? ['Cancelled.'] : []), ...(page ? [`Staff page: ${page}`] : [])].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${entry.uid}@${host}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=Europe/London:${londonLocal(entry.startsAt)}`,
    `DTEND;TZID=Europe/London:${londonLocal(entry.endsAt)}`,
    `SUMMARY:${icsText(entry.cancelled ? `Cancelled: ${entry.title}` : entry.title)}`,
    ...(entry.location ? [`LOCATION:${icsText(entry.location)}`] : []),
    `DESCRIPTION:${icsText(description)}`,
    ...(page ? [`URL;VALUE=URI:${page}`] : []),
    `STATUS:${entry.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** The feed's calendar: every declared entry for its people from a few months back to 18 months ahead. */
export async function feedCalendar(feed: { who: OfficeAttendee[]; label: string }, now: Date = new Date()): Promise<string> {
  const from = new Date(now.getTime() - MONTHS_BACK * 31 * DAY).toISOString();
  const to = new Date(now.getTime() + MONTHS_AHEAD * 31 * DAY).toISOString();
  const entries = await diaryBetween(platformCapabilities(), from, to, feed.who);
  const { organisationName } = config();
  const stamp = utcStamp(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${icsText(organisationName)}//Diary//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`${feed.label}: ${feed.who.map(whoLabel).join(' and ')}`)}`,
    'X-WR-TIMEZONE:Europe/London',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...LONDON_VTIMEZONE,
    ...entries.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
