/**
 * "You said, we did": the latest version lives on the meeting item (the public page reads the meeting
 * alone), and every saved version is kept as its own item beside it, put in the same transaction and
 * conditional on the version the writer started from, so two staff saving at once never lose a word.
 *
 *   YOUSAID#<version 000000> in the meeting's partition (no personal data: staff's words about the meeting)
 */
import { pick, values } from '../../core/store/items.js';
import { queryAll } from '../../core/store/reads.js';
import { transactWrite } from '../../core/store/transactions.js';
import { put, update } from '../../core/store/writes.js';
import type { YouSaidWeDid } from '../model.js';
import { meetingKey, meetingPartition, YOUSAID, youSaidWeDidKey } from './keys.js';

export type SaveOutcome = { ok: true } | { ok: false; current?: YouSaidWeDid };

/** Saves `next` (version = the one it replaces + 1); refused when someone saved another version first. */
export async function saveYouSaidWeDid(meetingId: string, next: YouSaidWeDid): Promise<SaveOutcome> {
  const outcome = await transactWrite([
    {
      name: 'meeting',
      write: update(meetingKey(meetingId), 'SET youSaidWeDid = :next', {
        values: { ':next': next, ...(next.version === 1 ? {} : { ':before': next.version - 1 }) },
        condition: next.version === 1 ? 'attribute_exists(pk) AND attribute_not_exists(youSaidWeDid)' : 'youSaidWeDid.version = :before',
        returnOld: true,
      }),
    },
    { name: 'version', write: put({ ...youSaidWeDidKey(meetingId, next.version), type: 'you-said-we-did', meetingId, ...next }, { condition: 'attribute_not_exists(pk)' }) },
  ]);
  if (outcome.ok) return outcome;
  const old = outcome.failed.get('meeting');
  const current = old ? pick<{ youSaidWeDid?: YouSaidWeDid }>(old, ['youSaidWeDid']).youSaidWeDid : undefined;
  return { ok: false, ...(current ? { current } : {}) };
}

/** Every saved version, newest first. */
export async function youSaidWeDidVersions(meetingId: string): Promise<YouSaidWeDid[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: values({ ':pk': meetingPartition(meetingId), ':prefix': YOUSAID }),
    ScanIndexForward: false,
    ConsistentRead: true,
  });
  return items.map((item) => pick<YouSaidWeDid>(item, ['text', 'version', 'by', 'at']));
}
