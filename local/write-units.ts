/**
 * DynamoDB's per-partition write budget, for the contention proxy (contention-proxy.ts): what each
 * write costs in write units, whether a partition has the units for it this second, and what each
 * partition took.
 *
 * Costs follow DynamoDB's rules (Developer Guide, "Capacity unit consumption"):
 * - an item's size is the UTF-8 length of its attribute names plus the size of its values (a string
 *   its UTF-8 length; a number about one byte per two significant digits plus one; binary its bytes;
 *   a boolean or null one byte; a list or map 3 bytes plus one per element plus its contents);
 * - a standard write costs 1 unit per KB of item size, rounded up (at least 1); a transactional write
 *   2 per KB; a ConditionCheck (and a Get) costs no write units;
 * - a Put or Update counts the larger of the item's size before and after, a Delete the item's size.
 *
 * Only DynamoDB knows the stored item, so "before" is the size this meter last saw the item written
 * with (it keeps one number per item written through the proxy); "after" is worked out from the Put's
 * item, or from the Update's expression applied to the sizes it keeps per attribute. An item the meter
 * has not seen written (it was there before the proxy started) counts what the request carries: the
 * key plus the values it sets, i.e. the new item's size as far as the request tells it.
 *
 * The budget is a token bucket per partition (table + partition key value) holding one second of
 * units, refilled continuously: AWS's per-partition ceiling is 1,000 write units a second. A request
 * is admitted only if every partition it writes has the units; its units are spent when it is
 * admitted (a write whose condition fails still costs them, as in DynamoDB).
 */

export type Attributes = Record<string, unknown>;
type Value = Record<string, unknown>;

/** AWS's ceiling for one partition: write units a second. */
export const AWS_PARTITION_WRITE_UNITS_PER_SECOND = 1000;
const KB = 1024;
/** Peak rates are measured over a sliding second in steps of this many ms. */
const SLOT_MS = 100;

export const isObject = (value: unknown): value is Attributes => typeof value === 'object' && value !== null && !Array.isArray(value);
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function numberBytes(n: string): number {
  const digits = n.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1 + (n.startsWith('-') ? 1 : 0);
}

/** The size of one attribute value in DynamoDB JSON ({ S: 'x' }, { N: '1' }, { M: {...} }, ...). */
export function valueBytes(value: unknown): number {
  if (!isObject(value)) return 0;
  const [type, v] = Object.entries(value as Value)[0] ?? [];
  switch (type) {
    case 'S':
      return utf8(String(v));
    case 'N':
      return numberBytes(String(v));
    case 'B':
      return Buffer.from(String(v), 'base64').length;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (v as string[]).reduce((n, s) => n + utf8(s), 0);
    case 'NS':
      return (v as string[]).reduce((n, s) => n + numberBytes(s), 0);
    case 'BS':
      return (v as string[]).reduce((n, s) => n + Buffer.from(s, 'base64').length, 0);
    case 'L':
      return 3 + (v as unknown[]).reduce<number>((n, e) => n + 1 + valueBytes(e), 0);
    case 'M':
      return 3 + Object.entries(v as Attributes).reduce((n, [name, e]) => n + 1 + utf8(name) + valueBytes(e), 0);
    default:
      return 0;
  }
}

/** Per attribute: name + value bytes. */
const attributeSizes = (item: Attributes) => new Map(Object.entries(item).map(([name, value]) => [name, utf8(name) + valueBytes(value)]));
const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);

/** The top-level attribute a document path starts with (`upcoming.#b` → upcoming), its names resolved. */
function topName(path: string, names: Record<string, string>): { name: string; nested: boolean } {
  const first = path.trim().split(/[.[]/)[0]!;
  return { name: names[first] ?? first, nested: path.trim().length > first.length };
}

/** Splits on commas outside parentheses. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * The attribute sizes after an UpdateExpression, from the sizes before (empty for an item not seen).
 * SET a = :v takes the value's size; anything computed (a + :n, if_not_exists, list_append, a nested
 * path) takes the larger of the old size and the old size plus the values it names, an upper bound;
 * REMOVE of a top-level attribute drops it; ADD takes the larger of old and value (numbers) or their sum (sets).
 */
export function sizesAfterUpdate(before: Map<string, number>, input: Attributes): Map<string, number> {
  const after = new Map(before);
  const expression = typeof input['UpdateExpression'] === 'string' ? input['UpdateExpression'] : '';
  const names = (isObject(input['ExpressionAttributeNames']) ? input['ExpressionAttributeNames'] : {}) as Record<string, string>;
  const values = (isObject(input['ExpressionAttributeValues']) ? input['ExpressionAttributeValues'] : {}) as Attributes;
  const valuesIn = (expr: string) => (expr.match(/:[A-Za-z0-9_]+/g) ?? []).reduce((n, ref) => n + valueBytes(values[ref]), 0);
  const clauses = expression.split(/\b(SET|REMOVE|ADD|DELETE)\b/i).slice(1);
  for (let i = 0; i < clauses.length; i += 2) {
    const verb = clauses[i]!.toUpperCase();
    for (const part of splitTopLevel(clauses[i + 1] ?? '')) {
      if (verb === 'SET') {
        const [path, expr = ''] = part.split(/=(.*)/s);
        const { name, nested } = topName(path!, names);
        const old = after.get(name) ?? 0;
        const direct = /^:[A-Za-z0-9_]+$/.test(expr.trim());
        after.set(name, direct && !nested ? utf8(name) + valueBytes(values[expr.trim()]) : Math.max(old, (old || utf8(name)) + valuesIn(expr)));
      } else if (verb === 'REMOVE') {
        const { name, nested } = topName(part, names);
        if (!nested) after.delete(name);
      } else {
        const [path, ref = ''] = part.split(/\s+/);
        const { name } = topName(path!, names);
        const old = after.get(name) ?? 0;
        const added = valueBytes(values[ref.trim()]);
        const isNumber = isObject(values[ref.trim()]) && 'N' in (values[ref.trim()] as Attributes);
        after.set(name, verb === 'DELETE' ? old : isNumber ? Math.max(old, utf8(name) + added) : (old || utf8(name)) + added);
      }
    }
  }
  return after;
}

/** What one write does to one item: its cost, and the sizes it leaves if it commits. */
export interface WriteCost {
  units: number;
  /** Attribute sizes after the write; undefined for a delete. */
  after?: Map<string, number>;
}

export interface PartitionUse {
  table: string;
  /** The partition key's value, as a string. */
  key: string;
  /** Write units admitted into this partition. */
  units: number;
  /** Write actions admitted (a transaction's items count one each). */
  writes: number;
  /** Requests refused for this partition's budget. */
  throttled: number;
  /** The most units admitted in any one second (sliding, in 100 ms steps). */
  peakUnitsPerSecond: number;
}

/** The write units one partition's budget allows, what each item last weighed, and what each partition took. */
export class WriteMeter {
  private readonly sizes = new Map<string, Map<string, number>>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private use = new Map<string, PartitionUse & { slots: Map<number, number> }>();

  /** `unitsPerSecond` undefined: measure only, never throttle. */
  constructor(private readonly unitsPerSecond?: number) {}

  get budget(): number | undefined {
    return this.unitsPerSecond;
  }

  /** The cost of a Put, Update or Delete on `item` (a canonical item id), standard or transactional. */
  cost(action: 'Put' | 'Update' | 'Delete', item: string, input: Attributes, key: Attributes, transactional: boolean): WriteCost {
    const before = this.sizes.get(item);
    let after: Map<string, number> | undefined;
    let bytes: number;
    if (action === 'Put') {
      after = attributeSizes(isObject(input['Item']) ? input['Item'] : {});
      bytes = Math.max(before ? total(before) : 0, total(after));
    } else if (action === 'Update') {
      after = sizesAfterUpdate(before ?? attributeSizes(key), input);
      bytes = Math.max(before ? total(before) : 0, total(after));
    } else {
      bytes = before ? total(before) : total(attributeSizes(key));
    }
    return { units: Math.max(1, Math.ceil(bytes / KB)) * (transactional ? 2 : 1), ...(after ? { after } : {}) };
  }

  /** Records what a committed write left (DynamoDB Local answered 200). */
  committed(item: string, cost: WriteCost): void {
    if (cost.after) this.sizes.set(item, cost.after);
    else this.sizes.delete(item);
  }

  /**
   * Takes the units of a request's writes from their partitions, all or none. Returns the partition
   * that is short (nothing is spent then), or undefined when admitted.
   */
  spend(writes: ReadonlyArray<{ table: string; partition: string; key: string; units: number }>, now = performance.now()): string | undefined {
    const needed = new Map<string, { table: string; key: string; units: number; writes: number }>();
    for (const w of writes) {
      const n = needed.get(w.partition) ?? { table: w.table, key: w.key, units: 0, writes: 0 };
      n.units += w.units;
      n.writes++;
      needed.set(w.partition, n);
    }
    if (this.unitsPerSecond !== undefined) {
      const rate = this.unitsPerSecond;
      for (const [partition, { units }] of needed) {
        const bucket = this.buckets.get(partition) ?? { tokens: rate, at: now };
        bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) * rate) / 1000);
        bucket.at = now;
        this.buckets.set(partition, bucket);
        if (bucket.tokens < units) {
          this.useOf(partition, needed.get(partition)!).throttled++;
          return partition;
        }
      }
      for (const [partition, { units }] of needed) this.buckets.get(partition)!.tokens -= units;
    }
    const slot = Math.floor(now / SLOT_MS);
    for (const [partition, n] of needed) {
      const use = this.useOf(partition, n);
      use.units += n.units;
      use.writes += n.writes;
      use.slots.set(slot, (use.slots.get(slot) ?? 0) + n.units);
    }
    return undefined;
  }

  private useOf(partition: string, about: { table: string; key: string }) {
    let use = this.use.get(partition);
    if (!use) {
      use = { table: about.table, key: about.key, units: 0, writes: 0, throttled: 0, peakUnitsPerSecond: 0, slots: new Map() };
      this.use.set(partition, use);
    }
    return use;
  }

  /** What each partition took since the last reset. */
  usage(): PartitionUse[] {
    const perSecond = 1000 / SLOT_MS;
    return [...this.use.values()].map(({ slots, ...use }) => {
      let peak = 0;
      for (const start of slots.keys()) {
        let sum = 0;
        for (let s = start; s < start + perSecond; s++) sum += slots.get(s) ?? 0;
        peak = Math.max(peak, sum);
      }
      return { ...use, peakUnitsPerSecond: peak };
    });
  }

  /** Forgets what partitions took (not the budget's state, nor item sizes). */
  resetUsage(): void {
    this.use = new Map();
  }
}
