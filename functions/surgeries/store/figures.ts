/**
 * The figures surgeries keep as they go, so coverage and themes are read from a fixed number of items
 * however many bookings there have been: booking counters per district, sharded (keys.ts
 * COUNTER_SHARDS) so a burst of bookings in one district does not queue on one item, and the themes
 * raised per surgery day and district. Each is changed in the transaction of the booking change it
 * counts (store/bookings.ts, store/outcomes.ts).
 */
import { values } from '../../core/store/items.js';
import { batchGet, queryAll } from '../../core/store/reads.js';
import type { NamedWrite } from '../../core/store/transactions.js';
import { update } from '../../core/store/writes.js';
import type { ThemeId } from '../../core/themes.js';
import { COUNTER_SHARDS, HIGH, counterKey, randomShard, surgeryKeys, themeDayKey } from './keys.js';

/** Adds to a district's counters (`confirmed`, `cancelled`, `attended`, `noShow`) on a shard chosen at random. */
export function counterChange(district: string, changes: Record<string, number>): NamedWrite {
  const entries = Object.entries(changes).filter(([, n]) => n !== 0);
  return {
    name: 'counter',
    write: update(counterKey(district, randomShard()), `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`, {
      names: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
      values: Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])),
    }),
  };
}

/** Adds to the day's and district's theme counts (`theme:<id>`, `attended`, `noShow` as named). */
export function themeDayChange(day: string, district: string, changes: ReadonlyArray<readonly [string, number]>): NamedWrite {
  return {
    name: 'themes',
    write: update(themeDayKey(day, district), `SET districtCode = :district, #day = :day ADD ${changes.map((_, i) => `#t${i} :t${i}`).join(', ')}`, {
      names: { '#day': 'day', ...Object.fromEntries(changes.map(([k], i) => [`#t${i}`, k])) },
      values: { ':district': district, ':day': day, ...Object.fromEntries(changes.map(([, n], i) => [`:t${i}`, n])) },
    }),
  };
}

/** Booking counters of a district: the shards summed (a fixed number of items, whatever the volume). */
export async function districtCounters(districts: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const keys = districts.flatMap((d) => Array.from({ length: COUNTER_SHARDS }, (_, n) => counterKey(d, n)));
  const items = await batchGet(keys);
  const totals = new Map<string, Record<string, number>>(districts.map((d) => [d, {}]));
  for (const item of items) {
    const district = String(item['pk']?.S ?? '').slice(surgeryKeys.district.length);
    const sums = totals.get(district);
    if (!sums) continue;
    for (const [name, value] of Object.entries(item)) if (value.N !== undefined) sums[name] = (sums[name] ?? 0) + Number(value.N);
  }
  return totals;
}

export interface ThemeDay {
  day: string;
  districtCode: string;
  attended: number;
  noShow: number;
  themes: Partial<Record<ThemeId, number>>;
}

/** Themes raised per surgery day and district for days in [fromDay, toDay]: one Query, bounded by surgery days. */
export async function themeDays(fromDay: string, toDay: string): Promise<ThemeDay[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: values({ ':pk': surgeryKeys.themes, ':from': fromDay, ':to': `${toDay}#${HIGH}` }),
  });
  return items.map((item) => {
    const themes: Partial<Record<ThemeId, number>> = {};
    for (const [name, value] of Object.entries(item)) if (name.startsWith('theme:') && value.N) themes[name.slice(6) as ThemeId] = Number(value.N);
    return { day: String(item['day']?.S), districtCode: String(item['districtCode']?.S), attended: Number(item['attended']?.N ?? 0), noShow: Number(item['noShow']?.N ?? 0), themes };
  });
}
