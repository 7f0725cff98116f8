/**
 * The access record: every staff view or export of personal data (a registration list or its CSV, a
 * surgery day sheet, a meeting's questions, a person search, a subject access export, an erasure)
 * writes one item saying who, what, when and how many people's data it showed. Append-only: the code
 * puts new items and nothing updates or deletes them (TTL does, after the declared retention,
 * platform-retention.ts). Admins read it by month on /staff/access-record.
 *
 * A staff route that shows personal data declares it once, by calling:
 *
 *   await recordAccess(c, { what: `Registrations for ${meeting.title}`, people: registrations.length });
 */
import type { Context } from 'hono';
import type { AppEnv } from '../http/auth.js';
import { staffName } from '../http/staff-name.js';
import { newId } from '../ids.js';
import { platformKeys } from '../platform-keys.js';
import { accessRecordRetention } from '../platform-retention.js';
import { expiryAfter } from '../retention.js';
import { pick, values } from '../store/items.js';
import { HIGH } from '../store/keys.js';
import { queryAll } from '../store/reads.js';
import type { NamedWrite } from '../store/transactions.js';
import { conditionalPut, put } from '../store/writes.js';

export interface AccessEntry {
  id: string;
  at: string;
  /** The member of staff, by name, and their account. */
  who: string;
  account: string;
  /** What they looked at or did, in words: "Registrations for Melton community meeting (CSV)". */
  what: string;
  /** How many people's data it showed. */
  people: number;
  /** The page or download. */
  path: string;
}

const month = (iso: string) => iso.slice(0, 7);

function accessPut(entry: Omit<AccessEntry, 'id'>) {
  const id = newId(new Date(entry.at));
  return put(
    { pk: `${platformKeys.accessRecord}${month(entry.at)}`, sk: `${entry.at}#${id}`, type: 'access-record', id, ...entry, expiresAt: expiryAfter(accessRecordRetention, entry.at) },
    { condition: 'attribute_not_exists(pk)' },
  );
}

/** The put of one access entry, for a transaction (an erasure records its look with its change). */
export const accessWrite = (entry: Omit<AccessEntry, 'id'>): NamedWrite => ({ name: 'access-record', write: accessPut(entry) });

/** Who is looking, from the request. */
export const lookerOf = (c: Context<AppEnv>) => ({ who: staffName(c.get('user')), account: c.get('user')?.id ?? 'unknown', path: new URL(c.req.url).pathname });

/** Records that the signed-in member of staff is being shown this; before the page is answered, so no look goes unrecorded. */
export async function recordAccess(c: Context<AppEnv>, look: { what: string; people: number }, now = new Date()): Promise<void> {
  const outcome = await conditionalPut(accessPut({ ...lookerOf(c), ...look, at: now.toISOString() }));
  if (!outcome.ok) throw new Error('An access entry’s id was taken');
}

/** One month's entries (`yyyy-mm`), newest first. */
export async function accessEntries(monthWanted: string): Promise<AccessEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk <= :high',
    ExpressionAttributeValues: values({ ':pk': `${platformKeys.accessRecord}${monthWanted}`, ':high': HIGH }),
    ScanIndexForward: false,
  });
  return items.map((item) => pick<AccessEntry>(item, ['id', 'at', 'who', 'account', 'what', 'people', 'path']));
}
