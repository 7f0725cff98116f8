/**
 * The office's diary: what each capability declares of its events for the Commissioner's and the
 * Deputy's calendars (a manifest's `diary`), composed here without loading any capability's code. A
 * declaration is data (manifests are built into every Lambda as JSON): the index partition that holds
 * the events by start (sort key `<startsAt>#<id>`), and which attributes say what, when, where and for
 * whom. A period's entries are one Query per declaration, never a Scan.
 *
 *   diary: [{ kind: 'Parish surgery', index: 'gsi2', partition: 'SURG#SESSIONS', fields: { ... }, defaultWho: 'deputy' }]
 */
import type { Capability } from './capability.js';
import type { OfficeAttendee } from './period-figures.js';
import { unmarshal } from './store/items.js';
import { HIGH } from './store/keys.js';
import { queryAll } from './store/reads.js';

export interface DiaryDeclaration {
  /** What the entries are, first in each title: "Public meeting", "Parish surgery", "Community day". */
  kind: string;
  /** The index, and its partition, holding the events by start (`<startsAt>#<id>`). */
  index: 'gsi1' | 'gsi2';
  partition: string;
  /** Attribute names: the id, start and end (ISO instants), what it is, where, and who attends for the office. */
  fields: { id: string; startsAt: string; endsAt: string; title: string; location?: readonly string[]; who?: string };
  /** Whose diary it is in when the item does not say (its `who` attribute is absent). */
  defaultWho: OfficeAttendee;
  /** Items left out of every diary: the attribute holds one of the values (a draft). */
  leaveOut?: { attribute: string; values: readonly string[] };
  /** Items shown as cancelled (kept, so a subscribed calendar marks them rather than losing them silently). */
  cancelled?: { attribute: string; value: string };
  /** The staff page about it, `{id}` replaced (the description links to it). */
  staffPage?: string;
}

export interface DiaryEntry {
  /** Stable across feeds and refreshes: `<capability>-<id>`. */
  uid: string;
  capability: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location?: string;
  who: OfficeAttendee;
  cancelled: boolean;
  staffPage?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** One stored item as a diary entry, or nothing when the declaration leaves it out. */
export function diaryEntry(capability: string, declaration: DiaryDeclaration, item: Record<string, unknown>): DiaryEntry | undefined {
  const { fields } = declaration;
  const id = text(item[fields.id]);
  const startsAt = text(item[fields.startsAt]);
  const endsAt = text(item[fields.endsAt]);
  if (!id || !startsAt || !endsAt) return undefined;
  if (declaration.leaveOut && declaration.leaveOut.values.includes(String(item[declaration.leaveOut.attribute]))) return undefined;
  const title = text(item[fields.title]);
  const location = (fields.location ?? []).map((f) => text(item[f])).filter(Boolean).join(', ');
  return {
    uid: `${capability}-${id}`,
    capability,
    title: title ? `${declaration.kind}: ${title}` : declaration.kind,
    startsAt,
    endsAt,
    ...(location ? { location } : {}),
    who: (fields.who && (text(item[fields.who]) as OfficeAttendee | undefined)) || declaration.defaultWho,
    cancelled: Boolean(declaration.cancelled && item[declaration.cancelled.attribute] === declaration.cancelled.value),
    ...(declaration.staffPage ? { staffPage: declaration.staffPage.replace('{id}', encodeURIComponent(id)) } : {}),
  };
}

/** Every declared entry starting from `from` up to `to` (ISO instants) for these people, in time order. */
export async function diaryBetween(capabilities: readonly Capability[], from: string, to: string, who: readonly OfficeAttendee[]): Promise<DiaryEntry[]> {
  const lists = await Promise.all(
    capabilities.flatMap((capability) =>
      (capability.diary ?? []).map(async (declaration) => {
        const items = await queryAll({
          IndexName: declaration.index,
          KeyConditionExpression: `${declaration.index}pk = :pk AND ${declaration.index}sk BETWEEN :from AND :to`,
          ExpressionAttributeValues: { ':pk': { S: declaration.partition }, ':from': { S: from }, ':to': { S: `${to}#${HIGH}` } },
        });
        return items.map((item) => diaryEntry(capability.name, declaration, unmarshal(item))).filter((e): e is DiaryEntry => Boolean(e));
      }),
    ),
  );
  return lists
    .flat()
    .filter((e) => who.includes(e.who))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.uid.localeCompare(b.uid));
}
