/**
 * Where community days keep their items (the whole table: functions/core/store/table-design.md).
 * Only this folder knows keys and expressions.
 *
 *   VISIT#<id> / VISIT        the visit; gsi1 VISITS / <startsAt>#<id>; gsi2 VISITAREA#<P|U>#<area> / <startsAt>#<id>
 *   VISIT#<id> / NOTES        staff notes, expiring (retention.ts)
 *   COVERAGE / <month>#<area>#<shard>   counters per council area per London month, in SHARDS items
 */
import { keyPrefixes } from '../../core/store/keys.js';
import type { Key } from '../../core/store/items.js';
import type { Visit } from '../model.js';

/** The capability's name, as its keys and index entries are filed under. */
export const CAPABILITY = 'community-days';
/** A marker that a visit's notes give an address (core/people/index.ts `mentionMarkers`). */
export const MENTION = 'MENTION#';

export const visitKeys = keyPrefixes(CAPABILITY, {
  visit: 'VISIT#',
  allVisits: 'VISITS',
  visitsByArea: 'VISITAREA#',
  coverage: 'COVERAGE',
});

export const visitPartition = (id: string) => `${visitKeys.visit}${id}`;
export const visitKey = (id: string): Key => ({ pk: visitPartition(id), sk: 'VISIT' });
export const notesKey = (id: string): Key => ({ pk: visitPartition(id), sk: 'NOTES' });

/** Published and unpublished visits sit in separate area partitions, so the public map's "last visit" is one item. */
export const areaPartition = (areaCode: string, published: boolean) => `${visitKeys.visitsByArea}${published ? 'P' : 'U'}#${areaCode}`;

/** The index keys of a visit that has not been deleted (a deleted visit has none: no list finds it). */
export const visitIndexes = (v: Pick<Visit, 'id' | 'startsAt' | 'areaCode' | 'published'>) => ({
  gsi1pk: visitKeys.allVisits,
  gsi1sk: `${v.startsAt}#${v.id}`,
  gsi2pk: areaPartition(v.areaCode, v.published),
  gsi2sk: `${v.startsAt}#${v.id}`,
});

/**
 * Counters for one council area in one month are spread over this many items, chosen at random by
 * each write, so a burst of visits logged for the same place and month does not queue on one item.
 * Reads add them up (a Query returns every shard).
 */
export const SHARDS = 4;
export const coverageKey = (month: string, areaCode: string, shard: number): Key => ({ pk: visitKeys.coverage, sk: `${month}#${areaCode}#${shard}` });
