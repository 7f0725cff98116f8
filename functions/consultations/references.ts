/**
 * Response ids and the receipt reference people are shown (`K7QM-4X2P`). The first character names
 * the response's shard, so a reference finds its response with one read; the rest is random, and a
 * taken id is caught by a condition on the put.
 */
import { randomInt } from 'node:crypto';
import { SHARDS } from './store/keys.js';

const READABLE = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newResponseId(shard: number): string {
  let id = READABLE[shard]!;
  for (let i = 0; i < 7; i++) id += READABLE[randomInt(READABLE.length)];
  return id;
}

export const shardOf = (responseId: string) => READABLE.indexOf(responseId[0] ?? '');

/** `K7QM4X2P` → `K7QM-4X2P`. */
export const referenceFor = (responseId: string) => `${responseId.slice(0, 4)}-${responseId.slice(4)}`;

/** What people type back (any case, with or without the dash) → the response id; undefined if it cannot be one. */
export function responseIdFromReference(reference: string): string | undefined {
  const id = reference.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[2-9A-HJ-NP-Z]{8}$/.test(id)) return undefined;
  const shard = shardOf(id);
  return shard >= 0 && shard < SHARDS ? id : undefined;
}
