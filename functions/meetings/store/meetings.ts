/**
 * Meeting items: create, read, list by start time (all, or one council area), edit and cancel. Every
 * list is a Query on an index; edits are conditional on the version staff saw. A scheduled meeting is
 * on the staff map: its point (core/map-layers.ts) is written in the transaction that creates or edits
 * it, and removed in the one that cancels it.
 */
import { announcementWrite, type Announcement } from '../../core/announcements.js';
import type { CouncilAreaCode } from '../../core/council-areas.js';
import { mapPointRemoval, mapPointWrite, type MapPoint } from '../../core/map-layers.js';
import { outboxWrite, type OutboxEmail } from '../../core/outbox/outbox.js';
import { OUTBOX_IDS, retentionTaskWrite, type RetentionTask } from '../../core/retention.js';
import { pick, values, type Item } from '../../core/store/items.js';
import { getItem, queryAll } from '../../core/store/reads.js';
import { transactWrite } from '../../core/store/transactions.js';
import { put, update } from '../../core/store/writes.js';
import { countsChange, figureWrites } from '../../core/period-figures.js';
import { meetingCounts, placesMove } from '../figures.js';
import type { Meeting } from '../model.js';
import { registrationExpiry } from '../retention.js';
import { CAPABILITY, HIGH, meetingIndexes, meetingKey, meetingKeys, meetingPartition } from './keys.js';

const meetingFields = [
  'id', 'title', 'description', 'areaCode', 'venue', 'address', 'latitude', 'longitude', 'startsAt', 'endsAt',
  'registrationOpensAt', 'registrationClosesAt', 'capacity', 'mode', 'onlineCapacity', 'maxPlacesPerRegistration', 'waitingList',
  'accessInformation', 'status', 'attendedFor', 'themes', 'cancelReason', 'placesLeft', 'confirmedCount', 'waitlistedCount', 'onlinePlacesLeft', 'onlineConfirmedCount', 'onlineWaitlistedCount', 'cancelledCount',
  'attendedCount', 'fromWaitingListCount', 'walkInCount', 'recorded', 'youSaidWeDid', 'sequence', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof Meeting)[];

export const toMeeting = (item: Item) => pick<Meeting>(item, meetingFields);

/** The meeting on the staff map: at its venue, when it starts, linking to its staff page. */
export const meetingMapPoint = (m: Meeting): MapPoint => ({
  id: m.id,
  latitude: m.latitude,
  longitude: m.longitude,
  at: m.startsAt,
  title: `${m.title} (${m.venue})`,
  areaCode: m.areaCode,
  href: `/staff/meetings/${m.id}`,
});

/** The meeting announced to residents who asked to hear of new ones (core/announcements.ts). */
export const meetingAnnouncement = (m: Meeting): Announcement => ({
  capability: CAPABILITY,
  id: m.id,
  what: 'public meeting',
  title: m.title,
  // Never the link to join: that goes only to people with a place online.
  summary: m.mode === 'online' ? 'Online: register to be sent the link to join.' : `At ${m.venue}, ${m.address}${m.mode === 'hybrid' ? ', and online' : ''}.`,
  path: `/meetings/${m.id}`,
  areaCode: m.areaCode,
  startsAt: m.startsAt,
  publishedAt: m.createdAt,
});

/**
 * Creates the meeting (and its point on the map) unless one with the same id exists; false when it did.
 * A meeting still to come is published as it is created: announced in the same transaction.
 */
export async function putNewMeeting(meeting: Meeting): Promise<boolean> {
  // A meeting recorded after it happened brings its attendance (walk-ins: nobody registered) in its counts.
  const outcome = await transactWrite([
    { name: 'meeting', write: put({ ...meetingKey(meeting.id), type: 'meeting', ...meetingIndexes(meeting), ...meeting }, { condition: 'attribute_not_exists(pk)' }) },
    mapPointWrite(CAPABILITY, meetingMapPoint(meeting)),
    ...(meeting.status === 'scheduled' && meeting.startsAt > meeting.createdAt ? [announcementWrite(meetingAnnouncement(meeting))] : []),
    ...figureWrites(CAPABILITY, countsChange(undefined, meetingCounts(meeting))),
  ]);
  return outcome.ok;
}

export async function getMeeting(id: string, options: { consistent?: boolean } = {}): Promise<Meeting | undefined> {
  const item = await getItem(meetingKey(id), options);
  return item ? toMeeting(item) : undefined;
}

/**
 * Meetings whose start is in [from, to], soonest first (or latest first with `newestFirst`).
 * `needingPromotion` keeps only scheduled meetings with free places and people waiting.
 */
export async function meetingsStartingBetween(
  from: string,
  to: string,
  options: { areaCode?: CouncilAreaCode; newestFirst?: boolean; limit?: number; needingPromotion?: boolean } = {},
): Promise<Meeting[]> {
  const byArea = options.areaCode !== undefined;
  const items = await queryAll(
    {
      IndexName: byArea ? 'gsi2' : 'gsi1',
      KeyConditionExpression: byArea ? 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to' : 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: values({
        ':pk': byArea ? `${meetingKeys.area}${options.areaCode}` : meetingKeys.allMeetings,
        ':from': from,
        ':to': `${to}#${HIGH}`,
        ...(options.needingPromotion ? { ':zero': 0, ':scheduled': 'scheduled' } : {}),
      }),
      ...(options.needingPromotion
        ? {
            FilterExpression:
              '((placesLeft > :zero AND waitlistedCount > :zero) OR (onlinePlacesLeft > :zero AND onlineWaitlistedCount > :zero)) AND #status = :scheduled',
            ExpressionAttributeNames: { '#status': 'status' },
          }
        : {}),
      ScanIndexForward: !options.newestFirst,
    },
    options.limit,
  );
  return items.map(toMeeting);
}

export type MeetingEditOutcome =
  | { ok: true; retention?: RetentionTask }
  | { ok: false; reason: 'capacity' | 'cancelled' | 'edited-meanwhile'; current?: Meeting };

/**
 * Saves staff edits to a meeting read as `before`. Capacity moves placesLeft by the same amount and may
 * not drop below the confirmed places. A notice to everyone registered is written in the same
 * transaction, and so is a retention task when the end moves (registrations' expiry follows it).
 */
export async function saveMeetingEdits(before: Meeting, after: Meeting, now: Date, notice?: OutboxEmail): Promise<MeetingEditOutcome> {
  const editable = [
    'title', 'description', 'areaCode', 'venue', 'address', 'latitude', 'longitude', 'startsAt', 'endsAt',
    'registrationOpensAt', 'registrationClosesAt', 'capacity', 'mode', 'maxPlacesPerRegistration', 'waitingList',
    'accessInformation', 'attendedFor', 'themes', 'sequence', 'updatedAt',
  ] as const;
  const sets = editable.map((f) => `#${f} = :${f}`);
  const names: Record<string, string> = Object.fromEntries(editable.map((f) => [`#${f}`, f]));
  const vals: Record<string, unknown> = Object.fromEntries(editable.map((f) => [`:${f}`, after[f]]));
  for (const [k, v] of Object.entries(meetingIndexes(after))) {
    sets.push(`${k} = :${k}`);
    vals[`:${k}`] = v;
  }
  // Online places move their counter as capacity moves placesLeft; none may drop below the places confirmed in that mode.
  const placesConditions = ['confirmedCount <= :capacity'];
  if (after.onlineCapacity !== undefined) {
    sets.push(
      'onlineCapacity = :onlineCapacity',
      'onlinePlacesLeft = if_not_exists(onlinePlacesLeft, :zero) + :onlineCapacityChange',
      'onlineConfirmedCount = if_not_exists(onlineConfirmedCount, :zero)',
      'onlineWaitlistedCount = if_not_exists(onlineWaitlistedCount, :zero)',
    );
    Object.assign(vals, { ':onlineCapacity': after.onlineCapacity, ':onlineCapacityChange': after.onlineCapacity - (before.onlineCapacity ?? 0), ':zero': 0 });
    placesConditions.push('(attribute_not_exists(onlineConfirmedCount) OR onlineConfirmedCount <= :onlineCapacity)');
    // A mode taken away must have nobody waiting for it.
    if (after.mode === 'in-person') placesConditions.push('(attribute_not_exists(onlineWaitlistedCount) OR onlineWaitlistedCount = :zero)');
  }
  if (after.mode === 'online') {
    placesConditions.push('waitlistedCount = :zero');
    vals[':zero'] = 0;
  }
  if (notice) {
    sets.push(`${OUTBOX_IDS} = list_append(if_not_exists(${OUTBOX_IDS}, :noIds), :ids)`);
    Object.assign(vals, { ':noIds': [], ':ids': [notice.id] });
  }
  const retention: RetentionTask | undefined =
    after.endsAt !== before.endsAt ? { partition: meetingPartition(before.id), version: after.updatedAt, expiresAt: registrationExpiry(after) } : undefined;
  // Moved to another quarter, the meeting takes its places' figures with it: exactly those its counters hold as it is written.
  let seen = before;
  for (let tries = 0; tries < MOVE_TRIES; tries++) {
    const moving = placesMove(before, after) ? countersAsSeen(seen) : undefined;
    const outcome = await transactWrite([
      {
        name: 'meeting',
        write: update(meetingKey(before.id), `SET ${sets.join(', ')}, placesLeft = placesLeft + :capacityChange`, {
          names: { ...names, '#status': 'status' },
          values: { ...vals, ...moving?.values, ':capacityChange': after.capacity - before.capacity, ':beforeUpdatedAt': before.updatedAt, ':beforeCapacity': before.capacity, ':scheduled': 'scheduled' },
          condition: `#updatedAt = :beforeUpdatedAt AND #capacity = :beforeCapacity AND #status = :scheduled AND ${placesConditions.join(' AND ')}${moving ? ` AND ${moving.condition}` : ''}`,
          returnOld: true,
        }),
      },
      // Only a scheduled meeting is edited (the condition above), so its point follows the edit.
      mapPointWrite(CAPABILITY, meetingMapPoint(after)),
      ...figureWrites(CAPABILITY, countsChange(meetingCounts(seen), meetingCounts({ ...after, ...placeCounters(seen) }))),
      ...(notice ? [outboxWrite(notice)] : []),
      ...(retention ? [retentionTaskWrite(retention, now)] : []),
    ]);
    if (outcome.ok) return { ok: true, ...(retention ? { retention } : {}) };
    const old = outcome.failed.get('meeting');
    const current = old ? toMeeting(old) : undefined;
    if (!current) throw new Error(`Meeting ${before.id} could not be saved`);
    if (current.status !== 'scheduled') return { ok: false, reason: 'cancelled', current };
    if (current.updatedAt !== before.updatedAt || current.capacity !== before.capacity) return { ok: false, reason: 'edited-meanwhile', current };
    if (
      current.confirmedCount > after.capacity ||
      (current.onlineConfirmedCount ?? 0) > (after.onlineCapacity ?? 0) ||
      (after.mode === 'online' && current.waitlistedCount > 0) ||
      (after.mode === 'in-person' && (current.onlineWaitlistedCount ?? 0) > 0)
    )
      return { ok: false, reason: 'capacity', current };
    // Places changed meanwhile: move them as they are now.
    seen = current;
  }
  throw new Error(`Meeting ${before.id}: its places kept changing while it was moved`);
}

/** Tries at moving a meeting whose places keep changing under it (a registration decided meanwhile). */
const MOVE_TRIES = 5;

/** The place counters a meeting's figures are made from. */
const placeCounters = (m: Meeting) => ({
  confirmedCount: m.confirmedCount,
  attendedCount: m.attendedCount,
  ...(m.onlineConfirmedCount !== undefined ? { onlineConfirmedCount: m.onlineConfirmedCount } : {}),
  ...(m.fromWaitingListCount !== undefined ? { fromWaitingListCount: m.fromWaitingListCount } : {}),
});

/** The condition that a meeting's place counters are still as `seen`: its figures move from its old quarter exactly. */
function countersAsSeen(seen: Meeting): { condition: string; values: Record<string, unknown> } {
  const offered = seen.fromWaitingListCount === undefined ? 'attribute_not_exists(fromWaitingListCount)' : 'fromWaitingListCount = :seenOffered';
  // Places online count as places too.
  const online = seen.onlineConfirmedCount === undefined ? 'attribute_not_exists(onlineConfirmedCount)' : 'onlineConfirmedCount = :seenOnline';
  return {
    condition: `confirmedCount = :seenConfirmed AND attendedCount = :seenAttended AND ${offered} AND ${online}`,
    values: {
      ':seenConfirmed': seen.confirmedCount,
      ':seenAttended': seen.attendedCount,
      ...(seen.fromWaitingListCount === undefined ? {} : { ':seenOffered': seen.fromWaitingListCount }),
      ...(seen.onlineConfirmedCount === undefined ? {} : { ':seenOnline': seen.onlineConfirmedCount }),
    },
  };
}

/**
 * Cancels a scheduled meeting, takes it off the map and writes the notice to everyone registered; false
 * if already cancelled. A cancelled meeting is not a meeting held: it leaves the figures with its places
 * (exactly those its counters hold as it is cancelled).
 */
export async function saveMeetingCancelled(meeting: Meeting, reason: string, now: string, notice: OutboxEmail): Promise<boolean> {
  let seen = meeting;
  for (let tries = 0; tries < MOVE_TRIES; tries++) {
    const counters = countersAsSeen(seen);
    const outcome = await transactWrite([
      {
        name: 'meeting',
        write: update(
          meetingKey(meeting.id),
          `SET #status = :cancelled, cancelReason = :reason, #sequence = #sequence + :one, updatedAt = :now, ${OUTBOX_IDS} = list_append(if_not_exists(${OUTBOX_IDS}, :noIds), :ids)`,
          {
            names: { '#status': 'status', '#sequence': 'sequence' },
            values: { ':cancelled': 'cancelled', ':reason': reason, ':scheduled': 'scheduled', ':one': 1, ':now': now, ':noIds': [], ':ids': [notice.id], ':seenUpdatedAt': seen.updatedAt, ...counters.values },
            condition: `#status = :scheduled AND updatedAt = :seenUpdatedAt AND ${counters.condition}`,
            returnOld: true,
          },
        ),
      },
      mapPointRemoval(CAPABILITY, meeting.id),
      ...figureWrites(CAPABILITY, countsChange(meetingCounts(seen), undefined)),
      outboxWrite(notice),
    ]);
    if (outcome.ok) return true;
    const old = outcome.failed.get('meeting');
    const current = old ? toMeeting(old) : undefined;
    if (!current || current.status !== 'scheduled') return false;
    // Places changed meanwhile (or an edit): take away what it counts now.
    seen = current;
  }
  throw new Error(`Meeting ${meeting.id}: its places kept changing while it was cancelled`);
}
