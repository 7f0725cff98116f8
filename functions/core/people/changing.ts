/**
 * Correcting and erasing a person, wherever their records are (finding.ts), as each capability
 * declared (declaration.ts); admin only. A person's records change in one transaction, each conditional
 * on still being theirs (its index key), so a change never half happens; a person with more records than
 * one transaction holds (DynamoDB's 100 items) is changed in as many transactions as it takes, each
 * whole, each recorded, and a failure part way says how many were done: what is left is still found
 * under their address, so doing it again finishes it.
 *
 * Erasing keeps a record whose counts matter (a registration, a booking) without its personal fields,
 * so every counter and published figure stays as it was; deletes what is only about the person (a
 * one-per-address guard); takes the address and name out of notes that give them. Emails not yet sent
 * to them are cancelled, and an erasure record says what was done, by whom and when, without the
 * person's data.
 */
import { newId } from '../ids.js';
import { cancelPendingEmail } from '../outbox/outbox.js';
import { addressHash, normalAddress } from '../outbox/suppression.js';
import { platformKeys } from '../platform-keys.js';
import { erasureRetention } from '../platform-retention.js';
import { Refusal } from '../refusal.js';
import { expiryAfter } from '../retention.js';
import { transactWrite, type NamedWrite } from '../store/transactions.js';
import { put, remove, update } from '../store/writes.js';
import { accessWrite, type AccessEntry } from './access-record.js';
import type { PersonalField } from './declaration.js';
import { findPerson, type PersonRecord } from './finding.js';
import { personPartition } from './index.js';

export type Looker = Pick<AccessEntry, 'who' | 'account' | 'path'>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `text` with every `from` (any case) replaced. */
const replaced = (text: string, from: string, to: string) => (from.trim() ? text.replace(new RegExp(escapeRegExp(from.trim()), 'gi'), to) : text);

function refuseWhileBusy(records: readonly PersonRecord[]): void {
  for (const r of records) {
    const busy = r.declared.notWhile;
    if (busy && r.data[busy.attribute] === busy.value) throw new Refusal('record_busy', `${r.label}: ${busy.because}. Try again in a minute.`);
  }
}

/** DynamoDB's limit on the items in one transaction. */
export const TRANSACTION_ITEMS = 100;

/** One transaction of a change: the records it changes (their indexes) and their writes. */
export interface Batch {
  records: number[];
  writes: NamedWrite[];
}

/**
 * Each record's writes (kept together: a moved key's delete and put must not be split) packed into
 * transactions, with room in each for `room` writes of its own record-keeping and a submission's claim.
 */
export function packed(groups: readonly NamedWrite[][], room: number): Batch[] {
  const limit = TRANSACTION_ITEMS - room - 1;
  const batches: Batch[] = [];
  let batch: Batch = { records: [], writes: [] };
  groups.forEach((group, record) => {
    if (!group.length) return;
    if (batch.writes.length && batch.writes.length + group.length > limit) {
      batches.push(batch);
      batch = { records: [], writes: [] };
    }
    batch.records.push(record);
    batch.writes.push(...group);
  });
  if (batch.writes.length) batches.push(batch);
  return batches;
}

const partOf = (index: number, batches: readonly unknown[]) => (batches.length > 1 ? ` (part ${index + 1} of ${batches.length})` : '');

/** Expression parts built field by field, every attribute by placeholder (some are reserved words). */
class Expression {
  set: string[] = [];
  removed: string[] = [];
  names: Record<string, string> = {};
  values: Record<string, unknown> = {};
  private n = 0;
  name(attribute: string) {
    const placeholder = `#a${this.n++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }
  assign(attribute: string, value: unknown) {
    const v = `:v${this.n}`;
    this.set.push(`${this.name(attribute)} = ${v}`);
    this.values[v] = value;
  }
  drop(attribute: string) {
    this.removed.push(this.name(attribute));
  }
  /** A record staff edit against a version they saw (a council) has it raised, so an edit from before cannot put the old details back. */
  bumpVersion(data: Record<string, unknown>) {
    if (typeof data['version'] !== 'number') return;
    this.set.push(`${this.name('version')} = ${this.name('version')} + :bump`);
    this.values[':bump'] = 1;
  }
  text() {
    return [this.set.length ? `SET ${this.set.join(', ')}` : '', this.removed.length ? `REMOVE ${this.removed.join(', ')}` : ''].filter(Boolean).join(' ');
  }
}

/** Still this person's: the change is made only to what the search found. */
const stillTheirs = (e: Expression, address: string) => {
  e.values[':person'] = personPartition(address);
  return 'gsi3pk = :person';
};

/** A marker for `address` in its holder's partition. */
const markerItem = (r: PersonRecord, address: string) => ({
  pk: r.entry.pk,
  sk: `${r.declared.marker!.skPrefix}${addressHash(address)}`,
  type: 'person-marker',
  gsi3pk: personPartition(address),
  gsi3sk: r.entry.gsi3sk,
  ...(typeof r.data['expiresAt'] === 'number' ? { expiresAt: r.data['expiresAt'] } : {}),
});

/** A holder's text fields with `change` applied, conditional on the text being as read. */
function textWrite(r: PersonRecord, name: string, fields: readonly PersonalField[], change: (text: string) => string): NamedWrite[] {
  const e = new Expression();
  const conditions = ['attribute_exists(pk)'];
  for (const field of fields) {
    const was = r.data[field.attribute];
    if (typeof was !== 'string') continue;
    e.assign(field.attribute, change(was));
    const seen = `:seen${conditions.length}`;
    e.values[seen] = was;
    conditions.push(`${e.name(field.attribute)} = ${seen}`);
  }
  return e.set.length ? [{ name, write: update(r.key, e.text(), { names: e.names, values: e.values, condition: conditions.join(' AND ') }) }] : [];
}

export interface Correction {
  /** The address as it should be. */
  address?: string;
  /** The name as it should be. */
  name?: string;
}

/** Corrects the address and or name on every record of the person at `address`; returns how many records changed. */
export async function correctPerson(address: string, correction: Correction, by: Looker, now = new Date()): Promise<number> {
  const records = await findPerson(address, now);
  if (!records.length) throw new Refusal('not_found', 'No records hold this email address', { kind: 'not-found' });
  refuseWhileBusy(records);
  const newAddress = correction.address ? normalAddress(correction.address) : undefined;
  const newName = correction.name?.trim() || undefined;
  const groups = records.map((r, i): NamedWrite[] => {
    const { declared } = r;
    if (declared.marker) {
      const mentions = declared.fields.filter((f) => f.holds === 'mentions');
      if (!newAddress) return [];
      return [
        { name: `old-marker-${i}`, write: remove({ pk: r.entry.pk, sk: r.entry.sk }) },
        { name: `new-marker-${i}`, write: put(markerItem(r, newAddress)) },
        ...textWrite(r, `notes-${i}`, mentions, (text) => replaced(text, address, newAddress)),
      ];
    }
    const e = new Expression();
    for (const field of declared.fields) {
      if (field.holds === 'address' && newAddress) e.assign(field.attribute, newAddress);
      if (field.holds === 'name' && newName) e.assign(field.attribute, newName);
    }
    if (newAddress) e.assign('gsi3pk', personPartition(newAddress));
    if (e.set.length && !declared.skPrefixBeforeAddress) e.bumpVersion(r.data);
    const condition = stillTheirs(e, address);
    if (declared.skPrefixBeforeAddress && newAddress) {
      // The address is in the key (one registration per address): the item moves to the new address's key.
      const moved = { ...r.data, sk: `${declared.skPrefixBeforeAddress}${newAddress}`, gsi3pk: personPartition(newAddress) };
      return [
        { name: `old-${i}`, write: remove(r.key, { condition, values: { ':person': e.values[':person'] } }) },
        { name: `moved-${i}`, write: put(moved, { condition: 'attribute_not_exists(pk)' }) },
      ];
    }
    if (!e.set.length) return [];
    return [{ name: `record-${i}`, write: update(r.key, e.text(), { names: e.names, values: e.values, condition }) }];
  });
  const batches = packed(groups, 1);
  if (!batches.length) return 0;
  const what = [newAddress && 'email address', newName && 'name'].filter(Boolean).join(' and ');
  let done = 0;
  for (const [index, { records: changedRecords, writes }] of batches.entries()) {
    const changed = changedRecords.length;
    writes.push(accessWrite({ ...by, at: now.toISOString(), what: `Corrected a person’s ${what} in ${changed} records${partOf(index, batches)}`, people: 1 }));
    const outcome = await transactWrite(writes);
    if (!outcome.ok) {
      const clash = [...outcome.failed.keys()].some((k) => k.startsWith('moved-'));
      const reason = clash ? 'The new address already has a registration for one of these meetings' : 'Their records changed while this was being saved: search again and check';
      throw new Refusal('changed', done ? `${reason}. ${done} of their ${records.length} records were corrected; the rest are still under the old address` : reason);
    }
    done += changed;
  }
  return records.length;
}

export interface ErasureOutcome {
  records: number;
  emailsCancelled: number;
}

/** What an erasure record keeps of each record: its kind and what was done, never the data. */
const whatWasDone = (r: PersonRecord) => ({
  capability: r.capability,
  what: r.declared.what,
  done: r.declared.marker ? 'taken out of notes' : r.declared.erase === 'delete' ? 'deleted' : 'personal details removed, record kept',
});

/** Email ids named by a record's declared attributes (an id, a list of ids, or `{ id }`). */
function emailIdsOf(r: PersonRecord): string[] {
  return (r.declared.emailAttributes ?? []).flatMap((attribute) => {
    const value = r.data[attribute];
    const list = Array.isArray(value) ? value : [value];
    return list.flatMap((v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? [(v as { id: string }).id] : []));
  });
}

/** Erases the person at `address` from every record holding it (and, given, their `name` from notes that give the address). */
export async function erasePerson(address: string, by: Looker, options: { name?: string; now?: Date } = {}): Promise<ErasureOutcome> {
  const now = options.now ?? new Date();
  const name = options.name?.trim() ?? '';
  // Every record holding the address, whatever its name: erasing some would leave, say, a registration
  // without the guard that keeps it one per address. The name is only taken out of notes.
  const records = await findPerson(address, now);
  if (!records.length) throw new Refusal('not_found', 'No records hold this email address', { kind: 'not-found' });
  refuseWhileBusy(records);
  const at = now.toISOString();
  const groups = records.map((r, i): NamedWrite[] => {
    const { declared } = r;
    if (declared.marker) {
      const mentions = declared.fields.filter((f) => f.holds === 'mentions');
      return [
        { name: `marker-${i}`, write: remove({ pk: r.entry.pk, sk: r.entry.sk }) },
        ...textWrite(r, `notes-${i}`, mentions, (text) => replaced(replaced(text, address, '[email address removed]'), name, '[name removed]')),
      ];
    }
    const e = new Expression();
    const condition = stillTheirs(e, address);
    if (declared.erase === 'delete') return [{ name: `record-${i}`, write: remove(r.key, { condition, values: { ':person': e.values[':person'] } }) }];
    for (const field of declared.fields) {
      if (field.holds === 'context' || r.data[field.attribute] === undefined) continue;
      if (field.required) e.assign(field.attribute, '');
      else e.drop(field.attribute);
    }
    e.assign('erasedAt', at);
    e.bumpVersion(r.data);
    e.drop('gsi3pk');
    e.drop('gsi3sk');
    return [{ name: `record-${i}`, write: update(r.key, e.text(), { names: e.names, values: e.values, condition }) }];
  });
  const id = newId(now);
  const batches = packed(groups, 2);
  let done = 0;
  for (const [index, batch] of batches.entries()) {
    const { writes } = batch;
    const these = batch.records.map((i) => records[i]!);
    writes.push({
      name: 'erasure',
      write: put(
        {
          pk: platformKeys.erasures,
          sk: `${at}#${id}${batches.length > 1 ? `#${index + 1}` : ''}`,
          type: 'erasure',
          id,
          at,
          by: by.who,
          account: by.account,
          records: these.map(whatWasDone),
          ...(batches.length > 1 ? { part: index + 1, parts: batches.length } : {}),
          expiresAt: expiryAfter(erasureRetention, at),
        },
        { condition: 'attribute_not_exists(pk)' },
      ),
    });
    writes.push(accessWrite({ ...by, at, what: `Erased a person’s data from ${these.length} records${partOf(index, batches)}`, people: 1 }));
    const outcome = await transactWrite(writes);
    if (!outcome.ok) {
      const reason = 'Their records changed while this was being done: search again and check';
      throw new Refusal('changed', done ? `${reason}. ${done} of their ${records.length} records were erased; erase again to finish` : reason);
    }
    done += these.length;
  }
  let emailsCancelled = 0;
  for (const emailId of new Set(records.flatMap(emailIdsOf))) if (await cancelPendingEmail(emailId, at)) emailsCancelled++;
  return { records: records.length, emailsCancelled };
}
