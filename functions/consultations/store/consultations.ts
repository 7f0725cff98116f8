/**
 * Consultation items: the consultation (its whole definition in one item), and the per-shard control
 * items that every response's transaction checks. A change to what decides whether a response is
 * accepted (status, opening and closing times, the version of the questions, whether the results are
 * published: staff entries stop then) is written to the
 * consultation and to every shard's control item in one transaction; a change to the questions also
 * requires every shard to have no responses yet, so "no changes once answered" holds whatever the
 * concurrency (a response either lands before the change and blocks it, or after it and is checked
 * against the new questions).
 */
import { announcementWrite } from '../../core/announcements.js';
import { batchPut } from '../../core/store/batch-writes.js';
import { pick, values, type Item } from '../../core/store/items.js';
import { batchGet, getItem, queryAll } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { check, put, update } from '../../core/store/writes.js';
import { counterItems } from '../counting.js';
import type { Consultation } from '../model.js';
import { consultationIndexes, consultationKey, consultationKeys, controlKey, counterKey, shardNumbers, shardPartition, themesKey } from './keys.js';

const fields = [
  'id', 'title', 'introduction', 'background', 'opensAt', 'closesAt', 'status', 'pages', 'aboutYou', 'suppressionThreshold', 'weighting',
  'definitionVersion', 'version', 'createdAt', 'updatedAt', 'publishedAt', 'closedAt', 'copiedFrom', 'decision', 'resultsPublishedAt', 'publishedWithFlagged', 'demo',
] as const satisfies readonly (keyof Consultation)[];

export const toConsultation = (item: Item) => pick<Consultation>(item, fields);

const consultationItem = (c: Consultation) => ({ ...consultationKey(c.id), type: 'consultation', ...consultationIndexes(c), ...c });

/** What a shard's control item holds: what a response's transaction checks. */
const controlState = (c: Consultation) => ({ definitionVersion: c.definitionVersion, status: c.status, opensAt: c.opensAt, closesAt: c.closesAt, resultsPublished: Boolean(c.resultsPublishedAt) });

/**
 * Creates the consultation unless one with its id exists (false then). With it: each shard's control
 * item, every counter item (empty), and the themes item, written before anyone can respond.
 */
export async function putNewConsultation(c: Consultation): Promise<boolean> {
  // A transaction of one: it is the change a form asks for, so it carries the form's submission (core).
  const outcome = await transactWrite([{ name: 'consultation', write: put(consultationItem(c), { condition: 'attribute_not_exists(pk)' }) }]);
  if (!outcome.ok) return false;
  await batchPut(
    [
    { ...themesKey(c.id), type: 'consultation-themes', custom: {} },
    ...shardNumbers.flatMap((shard) => [
      { ...controlKey(c.id, shard), type: 'consultation-control', ...controlState(c), t: 0 },
      ...counterItems.map((item) => ({ ...counterKey(c.id, shard, item), type: 'consultation-counters' })),
    ]),
    ],
    { parallel: 16 },
  );
  return true;
}

export async function getConsultation(id: string, options: { consistent?: boolean } = {}): Promise<Consultation | undefined> {
  const item = await getItem(consultationKey(id), options);
  return item ? toConsultation(item) : undefined;
}

/** Every consultation, newest first (staff). */
export async function listConsultations(limit = 200): Promise<Consultation[]> {
  const items = await queryAll(
    { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: values({ ':pk': consultationKeys.allConsultations }), ScanIndexForward: false },
    limit,
  );
  return items.map(toConsultation);
}

/** Published consultations (open, upcoming or closed), latest closing first. */
export async function listPublicConsultations(limit = 100): Promise<Consultation[]> {
  const items = await queryAll(
    { IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: values({ ':pk': `${consultationKeys.allConsultations}#PUBLIC` }), ScanIndexForward: false },
    limit,
  );
  return items.map(toConsultation);
}

export type SaveOutcome = { ok: true } | { ok: false; reason: 'changed-meanwhile' | 'has-responses' };

const stateChanged = (a: Consultation, b: Consultation) =>
  a.status !== b.status || a.opensAt !== b.opensAt || a.closesAt !== b.closesAt || a.definitionVersion !== b.definitionVersion || Boolean(a.resultsPublishedAt) !== Boolean(b.resultsPublishedAt);

/**
 * Saves `after` over `before`, only if nobody saved in between (the version). When what decides
 * acceptance changed, every shard's control item follows in the same transaction; when the questions
 * changed (definitionVersion), only while no shard has a response.
 */
/** A consultation as announced: about the whole force area, open until it closes. */
const consultationAnnouncement = (c: Consultation) => ({
  capability: 'consultations',
  id: c.id,
  what: 'consultation',
  title: c.title,
  summary: firstParagraph(c.introduction) || 'Tell us what you think.',
  path: `/consultations/${c.id}`,
  closesAt: c.closesAt,
  publishedAt: c.publishedAt ?? c.updatedAt,
});

/** The introduction's first paragraph, cut at a word to about 300 characters. */
function firstParagraph(text: string): string {
  const first = text.trim().split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ') ?? '';
  return first.length <= 300 ? first : `${first.slice(0, 300).replace(/\s+\S*$/, '')}…`;
}

export async function saveConsultation(before: Consultation, after: Consultation): Promise<SaveOutcome> {
  const parts: NamedWrite[] = [
    { name: 'consultation', write: put(consultationItem(after), { names: { '#version': 'version' }, values: { ':seen': before.version }, condition: '#version = :seen' }) },
  ];
  // Published: announced to residents who asked to hear of new consultations (core/announcements.ts).
  if (before.status === 'draft' && after.status === 'published') parts.push(announcementWrite(consultationAnnouncement(after)));
  const lock = after.definitionVersion !== before.definitionVersion;
  if (stateChanged(before, after)) {
    for (const shard of shardNumbers) {
      parts.push({
        name: `control-${shard}`,
        write: update(controlKey(after.id, shard), 'SET definitionVersion = :dv, #status = :status, opensAt = :opens, closesAt = :closes, resultsPublished = :results', {
          names: { '#status': 'status' },
          values: { ':dv': after.definitionVersion, ':status': after.status, ':opens': after.opensAt, ':closes': after.closesAt, ':results': Boolean(after.resultsPublishedAt), ...(lock ? { ':zero': 0 } : {}) },
          ...(lock ? { condition: 'attribute_not_exists(t) OR t = :zero' } : {}),
        }),
      });
    }
  }
  const outcome = await transactWrite(parts);
  if (outcome.ok) return { ok: true };
  return { ok: false, reason: outcome.failed.has('consultation') ? 'changed-meanwhile' : 'has-responses' };
}

/** Responses stored so far, and when the latest came (all shards' control items: 16 reads, whatever the number). */
export async function responseSummary(id: string): Promise<{ count: number; lastAt?: string }> {
  const items = await batchGet(shardNumbers.map((shard) => controlKey(id, shard)));
  const lastAt = items.map((item) => item['lastAt']?.S).filter((at): at is string => Boolean(at)).sort().at(-1);
  return { count: items.reduce((sum, item) => sum + Number(item['t']?.N ?? 0), 0), ...(lastAt ? { lastAt } : {}) };
}

export const responseCount = async (id: string): Promise<number> => (await responseSummary(id)).count;

/**
 * For a transaction about what came after a consultation (an action raised from it): it exists and has
 * closed, by staff or by its closing time passing at `now`.
 */
export const closedCheck = (id: string, now: Date): NamedWrite => ({
  name: 'consultation',
  write: check(consultationKey(id), 'attribute_exists(pk) AND (#status = :closed OR (#status = :published AND closesAt <= :now))', {
    names: { '#status': 'status' },
    values: { ':closed': 'closed', ':published': 'published', ':now': now.toISOString() },
  }),
});

export { shardPartition };
