/**
 * Where consultations keep their items (the whole table is described in
 * functions/core/store/table-design.md, section "Consultations"). Only this folder knows keys.
 *
 * A consultation's responses and counters are spread over SHARDS partitions, `CONSULTATION#<id>#S<nn>`:
 * each response goes to one at random, with its counters, so a burst of responses does not queue on
 * one item (each item takes one transaction at a time) or one partition.
 */
import { randomInt } from 'node:crypto';
import type { Key } from '../../core/store/items.js';
import { keyPrefixes } from '../../core/store/keys.js';

export const consultationKeys = keyPrefixes('consultations', {
  consultation: 'CONSULTATION#',
  allConsultations: 'CONSULTATIONS',
  responsesByTime: 'CONSULTRESPONSES#',
  textsByQuestion: 'CONSULTTEXT#',
  draft: 'CONSULTDRAFT#',
  mark: 'CONSULTMARK#',
  receipt: 'CONSULTRECEIPT#',
});

export const SHARDS = 16;
export const shardNumbers = Array.from({ length: SHARDS }, (_, i) => i);
export const randomShard = () => randomInt(SHARDS);

export const consultationKey = (id: string): Key => ({ pk: `${consultationKeys.consultation}${id}`, sk: 'CONSULTATION' });
export const themesKey = (id: string): Key => ({ pk: `${consultationKeys.consultation}${id}`, sk: 'THEMES' });
export const shardPartition = (id: string, shard: number) => `${consultationKeys.consultation}${id}#S${String(shard).padStart(2, '0')}`;
export const controlKey = (id: string, shard: number): Key => ({ pk: shardPartition(id, shard), sk: 'CONTROL' });
export const counterKey = (id: string, shard: number, item: string): Key => ({ pk: shardPartition(id, shard), sk: `COUNTS#${item}` });
export const responseKey = (id: string, shard: number, responseId: string): Key => ({ pk: shardPartition(id, shard), sk: `RESP#${responseId}` });
export const textKey = (id: string, shard: number, questionId: string, responseId: string): Key => ({ pk: shardPartition(id, shard), sk: `TEXT#${questionId}#${responseId}` });

export const consultationIndexes = (c: { id: string; createdAt: string; status: string; closesAt: string }) => ({
  gsi1pk: consultationKeys.allConsultations,
  gsi1sk: `${c.createdAt}#${c.id}`,
  // Published (open, upcoming or closed) consultations, by closing time: the public list.
  ...(c.status === 'draft' ? {} : { gsi2pk: `${consultationKeys.allConsultations}#PUBLIC`, gsi2sk: `${c.closesAt}#${c.id}` }),
});

export const responseIndex = (consultationId: string, submittedAt: string, responseId: string) => ({
  gsi1pk: `${consultationKeys.responsesByTime}${consultationId}`,
  gsi1sk: `${submittedAt}#${responseId}`,
});

export const textIndex = (consultationId: string, questionId: string, submittedAt: string, responseId: string) => ({
  gsi1pk: `${consultationKeys.textsByQuestion}${consultationId}#${questionId}`,
  gsi1sk: `${submittedAt}#${responseId}`,
});

export const draftKey = (tokenHash: string, consultationId: string): Key => ({ pk: `${consultationKeys.draft}${tokenHash}`, sk: consultationId });
export const markKey = (consultationId: string, kind: string, hash: string): Key => ({ pk: `${consultationKeys.mark}${consultationId}#${kind}#${hash}`, sk: 'MARK' });
export const receiptKey = (responseId: string): Key => ({ pk: `${consultationKeys.receipt}${responseId}`, sk: 'RECEIPT' });
