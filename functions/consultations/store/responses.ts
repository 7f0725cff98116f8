/**
 * Response items and the transaction that stores one: the shard's control item (its conditions say
 * the consultation accepts this response now, against the questions it was checked with; it counts
 * the shard's responses), the four counter items, the response, one item per free-text answer (for
 * staff to read and tag), and whatever the caller adds (the draft turned into a note of its response,
 * an emailed receipt). All or nothing. The caller's build runs afresh for every try of the transaction
 * (core's one retry policy), so a response can pick another shard after a conflict.
 */
import { pick, values, type Item } from '../../core/store/items.js';
import { getItem, queryAll, queryPage } from '../../core/store/reads.js';
import { answersHeldFrom } from '../retention.js';
import { figureWrites, type Counts } from '../../core/period-figures.js';
import { SPREAD_WRITE_ATTEMPTS, transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { put, update } from '../../core/store/writes.js';
import type { CounterAdd } from '../counting.js';
import type { StoredResponse } from '../model.js';
import { counterWrite } from './counters.js';
import { consultationKeys, controlKey, responseIndex, responseKey, textIndex, textKey } from './keys.js';

const fields = ['id', 'reference', 'consultationId', 'definitionVersion', 'channel', 'answers', 'area', 'ageBand', 'flags', 'submittedAt', 'enteredBy'] as const satisfies readonly (keyof StoredResponse)[];
export const toResponse = (item: Item) => pick<StoredResponse>(item, fields);

export interface ControlState {
  definitionVersion: number;
  status: string;
  opensAt: string;
  closesAt: string;
}

export interface ResponseToSave {
  response: StoredResponse;
  shard: number;
  counters: CounterAdd[];
  /** Free-text answers, stored one item each for staff to tag. */
  texts: Array<{ questionId: string; text: string }>;
  /** Online responses must arrive while the consultation is open; staff may enter paper ones after it closes. */
  whileOpen: boolean;
  /** What it counts towards the office's reports (../headline.ts `responseFigureCounts`). */
  figures: Counts;
  now: string;
  expiresAt: number;
  also: NamedWrite[];
}

export type SaveResponseOutcome =
  | { ok: true }
  | { ok: false; reason: 'not-accepting'; control?: ControlState }
  | { ok: false; reason: 'id-taken' }
  | { ok: false; reason: 'failed'; parts: string[] };

/** Stores the response `build` gives: called for every try, so each try may pick its own shard and id. */
export async function saveResponse(build: () => ResponseToSave): Promise<SaveResponseOutcome> {
  // Each try picks its shard afresh (see SPREAD_WRITE_ATTEMPTS).
  const outcome = await transactWrite(() => responseWrites(build()), { attempts: SPREAD_WRITE_ATTEMPTS });
  if (outcome.ok) return { ok: true };
  if (outcome.failed.has('control')) {
    const current = outcome.failed.get('control');
    return { ok: false, reason: 'not-accepting', ...(current ? { control: pick<ControlState>(current, ['definitionVersion', 'status', 'opensAt', 'closesAt']) } : {}) };
  }
  if (outcome.failed.has('response')) return { ok: false, reason: 'id-taken' };
  return { ok: false, reason: 'failed', parts: [...outcome.failed.keys()] };
}

function responseWrites(save: ResponseToSave): NamedWrite[] {
  const { response, shard, now } = save;
  const cid = response.consultationId;
  const control: NamedWrite = {
    name: 'control',
    // `lastAt`: when the answers will all have gone is 24 months after it (the staff overview says so).
    write: update(controlKey(cid, shard), 'ADD t :one SET lastAt = :at', {
      names: { '#status': 'status' },
      values: save.whileOpen
        ? { ':one': 1, ':at': response.submittedAt, ':dv': response.definitionVersion, ':published': 'published', ':now': now }
        : { ':one': 1, ':at': response.submittedAt, ':dv': response.definitionVersion, ':published': 'published', ':closed': 'closed', ':yes': true },
      condition: save.whileOpen
        ? 'definitionVersion = :dv AND #status = :published AND opensAt <= :now AND closesAt > :now'
        : 'definitionVersion = :dv AND (#status = :published OR #status = :closed) AND NOT (resultsPublished = :yes)',
      returnOld: true,
    }),
  };
  const flagged = response.flags.length > 0;
  return [
    control,
    ...save.counters.map((add) => counterWrite(cid, shard, add)),
    {
      name: 'response',
      write: put(
        { ...responseKey(cid, shard, response.id), type: 'consultation-response', ...responseIndex(cid, response.submittedAt, response.id), ...response, expiresAt: save.expiresAt },
        { condition: 'attribute_not_exists(pk)' },
      ),
    },
    ...save.texts.map(({ questionId, text }) => ({
      name: `text-${questionId}`,
      write: put({
        ...textKey(cid, shard, questionId, response.id),
        type: 'consultation-text',
        ...textIndex(cid, questionId, response.submittedAt, response.id),
        consultationId: cid,
        questionId,
        responseId: response.id,
        reference: response.reference,
        text,
        themes: [],
        tagVersion: 0,
        flagged,
        submittedAt: response.submittedAt,
        expiresAt: save.expiresAt,
      }),
    })),
    // Counted for the office's reports in the quarter it came (figure-declarations.ts).
    ...figureWrites('consultations', [{ at: response.submittedAt, counts: save.figures }], { shards: 16 }),
    ...save.also,
  ];
}

export async function getResponse(consultationId: string, shard: number, responseId: string): Promise<StoredResponse | undefined> {
  const item = await getItem(responseKey(consultationId, shard, responseId), { consistent: true });
  return item ? toResponse(item) : undefined;
}

/** Responses by time, from `from` on (the ones before have had their answers deleted: not even read). */
const byTime = (consultationId: string, from: string) => ({
  IndexName: 'gsi1',
  KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
  ExpressionAttributeValues: values({ ':pk': `${consultationKeys.responsesByTime}${consultationId}`, ':from': from }),
});

/** Every response still kept, oldest first (exports: a Query on the consultation's index, page after page). */
export async function allResponses(consultationId: string, now: Date = new Date()): Promise<StoredResponse[]> {
  const items = await queryAll(byTime(consultationId, answersHeldFrom(now)));
  return items.filter((i) => !(Number(i['expiresAt']?.N ?? Infinity) * 1000 <= now.getTime())).map(toResponse);
}

/** The latest response's time and when its answers go (expired or not, until DynamoDB's TTL removes it). */
export async function newestResponse(consultationId: string): Promise<{ submittedAt: string; expiresAt: number } | undefined> {
  const page = await queryPage({ ...byTime(consultationId, '0'), ScanIndexForward: false }, { limit: 1 });
  const item = page.items[0];
  return item ? { submittedAt: String(item['submittedAt']?.S ?? ''), expiresAt: Number(item['expiresAt']?.N ?? Infinity) } : undefined;
}


