/**
 * An online meeting's join link, in its own item beside the meeting so that no read of the meeting (its
 * public page, the public API, lists) can return it: only the emails to confirmed online registrants
 * and staff read it.
 *
 *   MEETING#<meetingId> / JOINLINK   url, version, updatedAt, updatedBy
 */
import { outboxWrite, type OutboxEmail } from '../../core/outbox/outbox.js';
import { OUTBOX_IDS } from '../../core/retention.js';
import { pick, type Key } from '../../core/store/items.js';
import { getItem } from '../../core/store/reads.js';
import { transactWrite } from '../../core/store/transactions.js';
import { put, update } from '../../core/store/writes.js';
import type { Meeting } from '../model.js';
import { meetingKey, meetingPartition } from './keys.js';

export interface JoinLink {
  url: string;
  /** 1 for the first link, one more for each change: a save over someone else's is refused. */
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export const joinLinkKey = (meetingId: string): Key => ({ pk: meetingPartition(meetingId), sk: 'JOINLINK' });

export async function getJoinLink(meetingId: string): Promise<JoinLink | undefined> {
  const item = await getItem(joinLinkKey(meetingId), { consistent: true });
  return item ? pick<JoinLink>(item, ['url', 'version', 'updatedAt', 'updatedBy']) : undefined;
}

export type JoinLinkOutcome = { ok: true } | { ok: false; reason: 'changed' };

/**
 * Saves the link as version `link.version` (the one before it as read, or none), and raises the
 * meeting's calendar sequence so the invite sent with the notice replaces the one people have; both
 * conditional on being as read, with the notice to confirmed online registrants in the same transaction.
 */
export async function saveJoinLink(seen: Pick<Meeting, 'id' | 'updatedAt'>, link: JoinLink, now: string, notice?: OutboxEmail): Promise<JoinLinkOutcome> {
  const outcome = await transactWrite([
    {
      name: 'link',
      write: put(
        { ...joinLinkKey(seen.id), type: 'join-link', meetingId: seen.id, ...link },
        link.version === 1 ? { condition: 'attribute_not_exists(pk)' } : { condition: 'version = :before', values: { ':before': link.version - 1 } },
      ),
    },
    {
      name: 'meeting',
      write: update(
        meetingKey(seen.id),
        `SET #sequence = #sequence + :one, updatedAt = :now${notice ? `, ${OUTBOX_IDS} = list_append(if_not_exists(${OUTBOX_IDS}, :noIds), :ids)` : ''}`,
        {
          names: { '#status': 'status', '#sequence': 'sequence' },
          values: { ':one': 1, ':now': now, ':seen': seen.updatedAt, ':scheduled': 'scheduled', ...(notice ? { ':noIds': [], ':ids': [notice.id] } : {}) },
          condition: '#status = :scheduled AND updatedAt = :seen',
        },
      ),
    },
    ...(notice ? [outboxWrite(notice)] : []),
  ]);
  return outcome.ok ? outcome : { ok: false, reason: 'changed' };
}
