/**
 * Period ledgers: for a figure over a rolling window that quarter counters cannot give (the share of
 * the listed parish councils seen at a surgery in the 12 months to a period's end), a capability keeps
 * a small item per member of a ledger: when it was listed (and retired), and the London days it was
 * seen. Written in the transaction of the change it records (one item per member, so changes to
 * different members never conflict: forty councils added at once), read with every other ledger by one
 * Query (`readLedgers`): its size follows the members, never the records. Part of core's figures
 * contract (./period-figures.ts): the reports capability reads it, never the capability's own items.
 *
 *   FIGURES#LEDGERS / <capability>#<ledger>#<member>    `listed` day, `retired` day, `seen|<day>` 1, `group`
 *
 * A member may belong to a group (a council to its district), so a share can be given per group too.
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
  /** Member → its group as it is now (a council's district), for shares per group. */
  group?: Record<string, string>;
}

const ledgerKey = (capability: string, ledger: string, member: string) => ({ pk: LEDGERS_PK, sk: `${capability}#${ledger}#${member}` });
const typed = { '#type': 'type' };

/** A member listed from `day` (kept if listed already), and no longer retired; in `group`, when given. */
export function ledgerListed(capability: string, ledger: string, member: string, day: string, group?: string): NamedWrite {
  return {
    name: `ledger-${ledger}-listed`,
    write: update(ledgerKey(capability, ledger, member), `SET #type = :type, #listed = if_not_exists(#listed, :day)${group ? ', #group = :group' : ''} REMOVE #retired`, {
      names: { ...typed, '#listed': 'listed', '#retired': 'retired', ...(group ? { '#group': 'group' } : {}) },
      values: { ':type': 'period-ledger', ':day': day, ...(group ? { ':group': group } : {}) },
    }),
  };
}

/** A member moved to another group (a council to another district): its shares count there from now on, for every period. */
export function ledgerRegrouped(capability: string, ledger: string, member: string, group: string): NamedWrite {
  return {
    name: `ledger-${ledger}-group`,
    write: update(ledgerKey(capability, ledger, member), 'SET #type = :type, #group = :group', { names: { ...typed, '#group': 'group' }, values: { ':type': 'period-ledger', ':group': group } }),
  };
}

/** A member retired on `day`: no longer counted from then on. */
export function ledgerRetired(capability: string, ledger: string, member: string, day: string): NamedWrite {
  return {
    name: `ledger-${ledger}-retired`,
    write: update(ledgerKey(capability, ledger, member), 'SET #type = :type, #retired = :day', {
      names: { ...typed, '#retired': 'retired' },
      values: { ':type': 'period-ledger', ':day': day },
    }),
  };
}

/** A member seen on `day` (`seen` false: that day taken back, as when an outcome is corrected). */
export function ledgerSeen(capability: string, ledger: string, member: string, day: string, seen: boolean): NamedWrite {
  return {
    name: `ledger-${ledger}-seen`,
    write: seen
      ? update(ledgerKey(capability, ledger, member), 'SET #type = :type, #seen = :one', { names: { ...typed, '#seen': `seen|${day}` }, values: { ':type': 'period-ledger', ':one': 1 } })
      : update(ledgerKey(capability, ledger, member), 'REMOVE #seen', { names: { '#seen': `seen|${day}` } }),
  };
}

/** A whole ledger as recomputed from the records (local/figures-backfill.ts): each listed member's item replaced. */
export function ledgerReplaced(capability: string, ledger: string, members: Ledger): NamedWrite[] {
  return Object.entries(members.listed).map(([member, listed]) => {
    const item: Record<string, unknown> = { ...ledgerKey(capability, ledger, member), type: 'period-ledger', listed };
    if (members.retired[member]) item['retired'] = members.retired[member];
    if (members.group?.[member]) item['group'] = members.group[member];
    for (const day of members.seen[member] ?? []) item[`seen|${day}`] = 1;
    return { name: `ledger-${ledger}-${member}`, write: put(item) };
  });
}

/** Every capability's ledgers: capability → ledger name → ledger. One Query. */
export async function readLedgers(): Promise<Record<string, Record<string, Ledger>>> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': LEDGERS_PK }), ConsistentRead: true });
  const all: Record<string, Record<string, Ledger>> = {};
  for (const item of items) {
    const plain = unmarshal(item);
    const [capability, name, member] = String(plain['sk']).split('#') as [string, string, string];
    const ledger = ((all[capability] ??= {})[name] ??= { listed: {}, retired: {}, seen: {} });
    if (typeof plain['listed'] === 'string') ledger.listed[member] = plain['listed'];
    if (typeof plain['retired'] === 'string') ledger.retired[member] = plain['retired'];
    if (typeof plain['group'] === 'string') (ledger.group ??= {})[member] = plain['group'];
    for (const attribute of Object.keys(plain)) if (attribute.startsWith('seen|')) (ledger.seen[member] ??= []).push(attribute.slice(5));
  }
  return all;
}

/**
 * The share (0 to 100) of the members listed at the end of `lastDay` (in `group`, when given) that were
 * seen in the `months` months ending with it; null when none was listed.
 */
export function shareSeenWithin(ledger: Ledger | undefined, lastDay: string, months: number, group?: string): number | null {
  if (!ledger) return null;
  const from = londonDay(new Date(addLondonMonths(`${lastDay}T12:00:00.000Z`, -months)));
  const listed = Object.entries(ledger.listed)
    .filter(([member]) => group === undefined || ledger.group?.[member] === group)
    .filter(([member, since]) => since <= lastDay && !(ledger.retired[member] !== undefined && ledger.retired[member]! <= lastDay))
    .map(([member]) => member);
  if (!listed.length) return null;
  const seen = listed.filter((member) => (ledger.seen[member] ?? []).some((day) => day > from && day <= lastDay));
  return (100 * seen.length) / listed.length;
}
