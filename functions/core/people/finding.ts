/**
 * Finding a person: one Query of the people index (index.ts) by the keyed hash of their address gives
 * every item in every capability that holds it; each is read as its capability declared it
 * (declaration.ts): what it is, why it is kept, where it came from, who it was shared with and when
 * it will be deleted. Never a Scan. An item written before the index existed is found once the
 * backfill has given it its keys (docs/decisions.md, "Finding a person").
 */
import { platformCapabilities } from '../platform.js';
import type { RetentionRule } from '../retention.js';
import { expired, unmarshal, values, type Item, type Key } from '../store/items.js';
import { batchGet, queryAll } from '../store/reads.js';
import type { PersonalData, PersonalRecordKind } from './declaration.js';
import { personPartition } from './index.js';

export interface PersonRecord {
  capability: string;
  /** The capability as people know it. */
  label: string;
  declared: PersonalRecordKind;
  /** The index entry (a marker, for a record kept in another item) and the item holding the data. */
  entry: Key & { gsi3sk: string };
  key: Key;
  data: Record<string, unknown>;
  /** When it will be deleted (its `expiresAt`), and by which rule; undefined when it is kept. */
  deletedBy?: string;
  rule?: RetentionRule;
  /** The staff page showing it. */
  staffPage?: string;
}

/** Each capability's declaration, by name. */
export const personalDeclarations = (): Array<{ capability: string; personalData: PersonalData }> =>
  platformCapabilities().flatMap((c) => (c.personalData ? [{ capability: c.name, personalData: c.personalData }] : []));

const fill = (template: string, data: Record<string, unknown>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(data[name] ?? '')));

const text = (item: Item | undefined, name: string) => item?.[name]?.S ?? '';

/** Every unexpired record holding `address`, in the capabilities' order. */
export async function findPerson(address: string, now = new Date()): Promise<PersonRecord[]> {
  const entries = (
    await queryAll({
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: values({ ':pk': personPartition(address) }),
    })
  ).filter((item) => !expired(item, now));
  const declarations = personalDeclarations();
  const found = entries.flatMap((entry) => {
    const [capability, kind] = text(entry, 'gsi3sk').split('#');
    const owner = declarations.find((d) => d.capability === capability);
    const declared = owner?.personalData.records.find((r) => r.kind === kind);
    if (!owner || !declared) return [];
    const entryKey = { pk: text(entry, 'pk'), sk: text(entry, 'sk'), gsi3sk: text(entry, 'gsi3sk') };
    return [{ owner, declared, entry, entryKey, key: declared.marker ? { pk: entryKey.pk, sk: declared.marker.holderSk } : { pk: entryKey.pk, sk: entryKey.sk } }];
  });
  // Records kept in another item than their index entry (a visit's notes) are read in one batch.
  const holders = await batchGet(found.filter((f) => f.declared.marker).map((f) => f.key), { consistent: true });
  const holderOf = (key: Key) => holders.find((h) => text(h, 'pk') === key.pk && text(h, 'sk') === key.sk);
  const order = declarations.map((d) => d.capability);
  return found
    .flatMap(({ owner, declared, entry, entryKey, key }) => {
      const item = declared.marker ? holderOf(key) : entry;
      if (!item || expired(item, now)) return [];
      const data = unmarshal(item);
      const capability = platformCapabilities().find((c) => c.name === owner.capability);
      const rule = capability?.retention?.find((r) => r.what === declared.retention);
      const expiresAt = typeof data['expiresAt'] === 'number' ? data['expiresAt'] : undefined;
      const record: PersonRecord = {
        capability: owner.capability,
        label: owner.personalData.label,
        declared,
        entry: entryKey,
        key,
        data,
        ...(expiresAt ? { deletedBy: new Date(expiresAt * 1000).toISOString() } : {}),
        ...(rule ? { rule } : {}),
        ...(declared.staffPage ? { staffPage: fill(declared.staffPage, data) } : {}),
      };
      return [record];
    })
    .sort((a, b) => order.indexOf(a.capability) - order.indexOf(b.capability) || a.declared.what.localeCompare(b.declared.what));
}

/** The record's personal fields as the export shows them: label and value, those it holds. */
export function personalFields(record: PersonRecord): Array<{ label: string; value: string }> {
  return record.declared.fields.flatMap((field) => {
    const value = record.data[field.attribute];
    if (value === undefined || value === null || value === '') return [];
    return [{ label: field.label, value: typeof value === 'string' ? value : JSON.stringify(value) }];
  });
}

/** Whether a record's name fields match `name` (case and spaces aside): a search by name narrows to them. */
export function nameMatches(record: PersonRecord, name: string): boolean {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!wanted) return true;
  const names = record.declared.fields.filter((f) => f.holds === 'name' || f.holds === 'mentions').map((f) => String(record.data[f.attribute] ?? '').toLowerCase());
  return names.length === 0 || names.some((n) => n.replace(/\s+/g, ' ').includes(wanted));
}
