/**
 * Period ledgers: for a figure over a rolling window that quarter counters cannot give (the share of
 * the listed parish councils seen at a surgery in the 12 months to a period's end), a capability keeps
 * one small item per ledger: when each member was listed (and retired), and the London days it was
 * seen. Written in the transaction of the change it records, read with every other ledger by one Query
 * (`readLedgers`): its size follows the members, never the records. Part of core's figures contract
 * (./period-figures.ts): the reports capability reads it, never the capability's own items.
 *
 *   FIGURES#LEDGERS / <capability>#<ledger>    `listed|<member>` day, `retired|<member>` day, `seen|<member>|<day>` 1
 *
 *   await transactWrite([...theOutcome, ledgerSeen('surgeries', 'councils', councilId, '2026-11-04', true)]);
 */
import { addLondonMonths, londonDay } from './time.js';
import { unmarshal, values } from './store/items.js';
import { queryAll } from './store/reads.js';
import type { NamedWrite } from './store/transactions.js';
import { put, update } from './store/writes.js';

export const LEDGERS_PK = 'FIGURES#LEDGERS';

export interface Ledger {
  /** Member → the London day it was listed from. */
  listed: Record<string, string>;
  /** Member → the London day it was retired (absent while it is listed). */
  retired: Record<string, string>;
  /** Member → the London days it was seen. */
  seen: Record<string, string[]>;
}

const ledgerKey = (capability: string, ledger: string) => ({ pk: LEDGERS_PK, sk: `${capability}#${ledger}` });
const typed = { '#type': 'type' };

/** A member listed from `day` (kept if listed already), and no longer retired. */
export function ledgerListed(capability: string, ledger: string, member: string, day: string): NamedWrite {
  return {
    name: `ledger-${ledger}-listed`,
    write: update(ledgerKey(capability, ledger), 'SET #type = :type, #listed = if_not_exists(#listed, :day) REMOVE #retired', {
      names: { ...typed, '#listed': `listed|${member}`, '#retired': `retired|${member}` },
      values: { ':type': 'period-ledger', ':day': day },
    }),
  };
}

/** A member retired on `day`: no longer counted from then on. */
export function ledgerRetired(capability: string, ledger: string, member: string, day: string): NamedWrite {
  return {
    name: `ledger-${ledger}-retired`,
    write: update(ledgerKey(capability, ledger), 'SET #type = :type, #retired = :day', {
      names: { ...typed, '#retired': `retired|${member}` },
      values: { ':type': 'period-ledger', ':day': day },
    }),
  };
}

/** A member seen on `day` (`seen` false: that day taken back, as when an outcome is corrected). */
export function ledgerSeen(capability: string, ledger: string, member: string, day: string, seen: boolean): NamedWrite {
  return {
    name: `ledger-${ledger}-seen`,
    write: seen
      ? update(ledgerKey(capability, ledger), 'SET #type = :type, #seen = :one', { names: { ...typed, '#seen': `seen|${member}|${day}` }, values: { ':type': 'period-ledger', ':one': 1 } })
      : update(ledgerKey(capability, ledger), 'REMOVE #seen', { names: { '#seen': `seen|${member}|${day}` } }),
  };
}

/** A whole ledger as recomputed from the records (local/figures-backfill.ts): replaces what was kept. */
export function ledgerReplaced(capability: string, ledger: string, members: Ledger): NamedWrite {
  const item: Record<string, unknown> = { ...ledgerKey(capability, ledger), type: 'period-ledger' };
  for (const [member, day] of Object.entries(members.listed)) item[`listed|${member}`] = day;
  for (const [member, day] of Object.entries(members.retired)) item[`retired|${member}`] = day;
  for (const [member, days] of Object.entries(members.seen)) for (const day of days) item[`seen|${member}|${day}`] = 1;
  return { name: `ledger-${ledger}`, write: put(item) };
}

/** Every capability's ledgers: capability → ledger name → ledger. One Query. */
export async function readLedgers(): Promise<Record<string, Record<string, Ledger>>> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': LEDGERS_PK }), ConsistentRead: true });
  const all: Record<string, Record<string, Ledger>> = {};
  for (const item of items) {
    const plain = unmarshal(item);
    const [capability, name] = String(plain['sk']).split('#') as [string, string];
    const ledger: Ledger = { listed: {}, retired: {}, seen: {} };
    for (const [attribute, value] of Object.entries(plain)) {
      const [kind, member, day] = attribute.split('|');
      if (!member) continue;
      if (kind === 'listed' || kind === 'retired') ledger[kind][member] = String(value);
      if (kind === 'seen' && day) (ledger.seen[member] ??= []).push(day);
    }
    (all[capability] ??= {})[name] = ledger;
  }
  return all;
}

/**
 * The share (0 to 100) of the members listed at the end of `lastDay` that were seen in the `months`
 * months ending with it; null when none was listed.
 */
export function shareSeenWithin(ledger: Ledger | undefined, lastDay: string, months: number): number | null {
  if (!ledger) return null;
  const from = londonDay(new Date(addLondonMonths(`${lastDay}T12:00:00.000Z`, -months)));
  const listed = Object.entries(ledger.listed)
    .filter(([member, since]) => since <= lastDay && !(ledger.retired[member] !== undefined && ledger.retired[member]! <= lastDay))
    .map(([member]) => member);
  if (!listed.length) return null;
  const seen = listed.filter((member) => (ledger.seen[member] ?? []).some((day) => day > from && day <= lastDay));
  return (100 * seen.length) / listed.length;
}
