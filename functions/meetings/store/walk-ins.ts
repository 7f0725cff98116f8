/**
 * Walk-ins: people added at the door without a registration. Each is one item in the meeting's
 * partition, put in one transaction with the meeting's `walkInCount` and the quarter's figures, so the
 * count of people who came is true and nothing is counted twice (the item's put is conditional
 * on its id being new; a second post of the form is answered by its submission key).
 *
 *   WALKIN#<id> in the meeting's partition; gsi3 PERSON#… when they gave an email address
 */
import { personIndex } from '../../core/people/index.js';
import { figureWrites } from '../../core/period-figures.js';
import { pick, unexpired, values } from '../../core/store/items.js';
import { queryAll } from '../../core/store/reads.js';
import { transactWrite } from '../../core/store/transactions.js';
import { put, update } from '../../core/store/writes.js';
import { placeCounts } from '../figures.js';
import type { Meeting, WalkIn } from '../model.js';
import { expiryFrom } from '../retention.js';
import { CAPABILITY, meetingKey, meetingPartition, WALKIN, walkInKey } from './keys.js';

const walkInFields = ['id', 'meetingId', 'name', 'email', 'areaCode', 'attendedAt', 'addedBy'] as const satisfies readonly (keyof WalkIn)[];

/** Adds the walk-in and counts them as attending; false when the meeting was cancelled meanwhile. */
export async function saveWalkIn(walkIn: WalkIn, seen: Pick<Meeting, 'startsAt' | 'endsAt' | 'updatedAt' | 'status'>): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'walk-in',
      write: put(
        { ...walkInKey(walkIn.meetingId, walkIn.id), type: 'walk-in', ...walkIn, ...expiryFrom(seen), ...personIndex(walkIn.email, CAPABILITY, 'walk-in', walkIn.id) },
        { condition: 'attribute_not_exists(pk)' },
      ),
    },
    {
      name: 'meeting',
      // Counted in the quarter it is held as read: moved meanwhile, the walk-in is refused and read again.
      write: update(meetingKey(walkIn.meetingId), 'SET walkInCount = if_not_exists(walkInCount, :zero) + :one', {
        names: { '#status': 'status', '#startsAt': 'startsAt' },
        values: { ':one': 1, ':zero': 0, ':scheduled': 'scheduled', ':seenStartsAt': seen.startsAt },
        condition: '#status = :scheduled AND #startsAt = :seenStartsAt',
      }),
    },
    ...figureWrites(CAPABILITY, placeCounts(seen, { 'walk-ins': 1 })),
  ]);
  return outcome.ok;
}

/** The meeting's walk-ins, in the order they came; those past their expiry left out. */
export async function listWalkIns(meetingId: string, now: Date = new Date()): Promise<WalkIn[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: values({ ':pk': meetingPartition(meetingId), ':prefix': WALKIN }),
    ConsistentRead: true,
  });
  return items
    .filter((item) => unexpired(item, now))
    .map((item) => pick<WalkIn>(item, walkInFields))
    .sort((a, b) => a.attendedAt.localeCompare(b.attendedAt));
}
