/**
 * Plain objects ⇄ DynamoDB attribute values, for the few shapes we store (strings, numbers, booleans,
 * lists and maps). Small enough to own rather than add `@aws-sdk/util-dynamodb` to every bundle.
 * `undefined` properties are left out, as DynamoDB has no such value.
 *
 *   marshal({ pk: 'MEETING#1', places: 2 })  // { pk: { S: 'MEETING#1' }, places: { N: '2' } }
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

export function toAttribute(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot store the number ${value}`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map((v) => toAttribute(v) ?? { NULL: true }) };
  if (typeof value === 'object') return { M: marshal(value as Record<string, unknown>) };
  throw new Error(`Cannot store a ${typeof value}`);
}

export function marshal(object: Record<string, unknown>): Item {
  const item: Item = {};
  for (const [key, value] of Object.entries(object)) {
    const attribute = toAttribute(value);
    if (attribute) item[key] = attribute;
  }
  return item;
}

export function fromAttribute(attribute: AttributeValue): unknown {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return Number(attribute.N);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.NULL) return null;
  if (attribute.L) return attribute.L.map(fromAttribute);
  if (attribute.M) return unmarshal(attribute.M);
  throw new Error(`Unsupported attribute value: ${Object.keys(attribute).join(',')}`);
}

export function unmarshal(item: Item): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, fromAttribute(value)]));
}

/** Expression values: `{ ':now': '2026-…', ':p': 2 }` → attribute values. */
export function values(object: Record<string, unknown>): Item {
  return marshal(object);
}

/** A table key: every item has `pk` and `sk` (see table.ts). */
export interface Key {
  pk: string;
  sk: string;
}

/** The listed fields of an item, as a plain object (absent ones left out). */
export function pick<T>(item: Item, fields: readonly string[]): T {
  const plain = unmarshal(item);
  return Object.fromEntries(fields.filter((f) => plain[f] !== undefined).map((f) => [f, plain[f]])) as T;
}

/** Epoch seconds, the unit DynamoDB's TTL reads. */
export const epochSeconds = (at: Date | string) => Math.floor((typeof at === 'string' ? Date.parse(at) : at.getTime()) / 1000);

/**
 * Past its `expiresAt`: due for deletion, so treated as already gone. DynamoDB's TTL sweep deletes
 * some time (usually days) after the moment, so every read of personal data leaves such items out.
 */
export function expired(item: Item, now: Date): boolean {
  const expiresAt = item['expiresAt']?.N;
  return expiresAt !== undefined && Number(expiresAt) * 1000 <= now.getTime();
}

export const unexpired = (item: Item | undefined, now: Date = new Date()): Item | undefined => (item && !expired(item, now) ? item : undefined);
