/**
 * "Something new was published": the contract by which a capability that publishes things residents
 * may want to hear of (a public meeting, a consultation) tells whoever keeps residents informed, in the
 * table and never in code. The publisher writes an announcement in the transaction that publishes,
 * under core's key; the table's stream wakes the capability that reacts (the subscriptions
 * capability's `announcer`, declared on this prefix: core/streams.ts `WAKING_CONTRACTS`).
 *
 *   ANNOUNCEMENT#<capability>#<id> / ANNOUNCEMENT
 *
 *   await transactWrite([...thePublishing, announcementWrite('meetings', { id, what: 'meeting', title, ... })]);
 *
 * One per thing published: the put is unconditional, so a publication retried (or repeated by the same
 * transaction after a timeout) writes the same item again, which the stream sees as a change, not as a
 * new item, and wakes no one twice. No personal data; kept, as the thing itself is.
 */
import type { CouncilAreaCode } from './council-areas.js';
import { pick, type Key } from './store/items.js';
import { keyPrefixes } from './store/keys.js';
import { getItem } from './store/reads.js';
import { WAKING_CONTRACTS } from './streams.js';
import type { NamedWrite } from './store/transactions.js';
import { put } from './store/writes.js';

export const announcementKeys = keyPrefixes('platform', { announcement: WAKING_CONTRACTS.announcement });

export interface Announcement {
  /** The capability that published it. */
  capability: string;
  /** Its id in that capability. */
  id: string;
  /** What it is, in residents' words: "public meeting", "consultation". */
  what: string;
  title: string;
  /** A line or two about it. */
  summary: string;
  /** Its public page, e.g. `/meetings/<id>`. */
  path: string;
  /** The council area it is in; none for something about the whole force area. */
  areaCode?: CouncilAreaCode;
  /** When it happens (a meeting's start) or closes (a consultation), ISO instant. */
  startsAt?: string;
  closesAt?: string;
  publishedAt: string;
}

const FIELDS = ['capability', 'id', 'what', 'title', 'summary', 'path', 'areaCode', 'startsAt', 'closesAt', 'publishedAt'] as const satisfies readonly (keyof Announcement)[];

export const announcementPartition = (capability: string, id: string) => `${announcementKeys.announcement}${capability}#${id}`;
const announcementKey = (pk: string): Key => ({ pk, sk: 'ANNOUNCEMENT' });

/** The announcement's put, for the transaction that publishes the thing it announces. */
export function announcementWrite(announcement: Announcement): NamedWrite {
  return {
    name: 'announcement',
    write: put({ ...announcementKey(announcementPartition(announcement.capability, announcement.id)), type: 'announcement', ...announcement }),
  };
}

/** The announcement in this partition (as the stream names it), if there is one. */
export async function getAnnouncement(partition: string): Promise<Announcement | undefined> {
  if (!partition.startsWith(announcementKeys.announcement)) return undefined;
  const item = await getItem(announcementKey(partition), { consistent: true });
  return item ? pick<Announcement>(item, FIELDS) : undefined;
}
