/**
 * The announcer: woken by the table's stream when a capability announces something it published
 * (core/announcements.ts: a new meeting, a consultation), it writes one outbox notice for it, which the
 * delivery fans out to each confirmed subscriber whose area it is in, at this capability's share of the
 * SES rate. The notice's id comes from the announcement's, put only if absent, and each subscriber's
 * email's id from the notice's: a batch tried again, or a publication repeated, emails no one twice.
 */
import { getAnnouncement } from '../core/announcements.js';
import { outOfTime, type Deadline } from '../core/deadline.js';
import { newOutboxEmail, outboxWrite } from '../core/outbox/outbox.js';
import { epochSeconds } from '../core/store/items.js';
import { transactWrite } from '../core/store/transactions.js';
import { streamHandler } from '../core/stream-handler.js';
import { insertedPartitions, WAKING_CONTRACTS } from '../core/streams.js';
import { CAPABILITY } from './store/subscribers.js';

/** The notice and its emails are kept this long (they name no one: ids only). */
const KEEP_DAYS = 30;

export interface Announced {
  /** Notices written now. */
  notices: number;
  /** Announcements whose notice was written before (a batch tried again). */
  already: number;
}

export async function announce(partitions: readonly string[], now: Date, deadline: Deadline): Promise<Announced> {
  const result: Announced = { notices: 0, already: 0 };
  for (const partition of partitions) {
    // Out of time: throwing fails the batch, so the mapping tries it again; the done ones are skipped then.
    if (outOfTime(deadline)) throw new Error('Out of time announcing: the batch is tried again');
    const announcement = await getAnnouncement(partition);
    if (!announcement) continue;
    const notice = newOutboxEmail({
      capability: CAPABILITY,
      kind: 'announcement',
      id: `${CAPABILITY}#${announcement.capability}-${announcement.id}`,
      about: { announcement: partition },
      data: { ...announcement },
      fanOut: true,
      expiresAt: epochSeconds(new Date(now.getTime() + KEEP_DAYS * 86_400_000)),
      now,
    });
    const outcome = await transactWrite([outboxWrite(notice, 'notice')]);
    if (outcome.ok) result.notices++;
    else result.already++;
  }
  return result;
}

export const handler = streamHandler((records, deadline) => announce(insertedPartitions(records, { pkPrefix: WAKING_CONTRACTS.announcement }), new Date(), deadline));
