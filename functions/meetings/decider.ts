/**
 * The meetings decider Lambda: woken by the table's stream when registration requests are queued (its
 * mapping lets through only new `REQUEST#` items of meetings: capability.ts `streamConsumers`), it
 * decides each woken meeting's queue until it is empty (deciding.ts). Records are wake-ups: a
 * meeting named twice, or again after its queue was emptied, costs one Query. Anything left undone
 * (out of time, DynamoDB failing) fails the batch, so the mapping tries it again and carries on.
 */
import { logger, reasonOf } from '../core/log.js';
import { inPool } from '../core/pool.js';
import { streamHandler } from '../core/stream-handler.js';
import { insertedPartitions } from '../core/streams.js';
import { decideQueue } from './deciding.js';
import { meetings } from './capability.js';
import { meetingKeys } from './store/keys.js';

const woken = meetings.streamConsumers!.find((c) => c.name === 'decider')!.inserted;

/** Meetings' queues are independent: a few decided side by side, each in arrival order. */
const MEETINGS_AT_ONCE = 4;

export const handler = streamHandler(async (records, deadline) => {
  const meetingIds = insertedPartitions(records, woken).map((pk) => pk.slice(meetingKeys.meeting.length));
  let decided = 0;
  const failures: unknown[] = [];
  await inPool(meetingIds, MEETINGS_AT_ONCE, async (meetingId) => {
    try {
      decided += await decideQueue(meetingId, deadline);
    } catch (error) {
      logger.error('places not all decided: the stream tries the batch again', { meetingId, reason: reasonOf(error) });
      failures.push(error);
    }
  });
  // Every meeting was tried; one that failed fails the batch, which is tried again (the others then find nothing to do).
  if (failures.length) throw new AggregateError(failures, `Places for ${failures.length} of ${meetingIds.length} meetings are not all decided`);
  return { meetings: meetingIds.length, decided };
});
