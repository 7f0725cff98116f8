/**
 * Keeping personal data only as long as the privacy notice says. Each capability declares its rules
 * (what is kept, which personal data it holds, for how many months after what); the privacy notice
 * renders its retention section from those declarations and the stores stamp items with the expiry
 * computed from the same rule, so the page and the code cannot disagree.
 *
 * Items holding personal data carry `expiresAt` (epoch seconds), which DynamoDB's TTL deletes by, and
 * `expiryVersion`, which orders moves. When what they depend on moves (a meeting's end), the change
 * writes a retention task in the same transaction; `runRetentionTask` moves the partition's items page
 * by page, resumable, and the timer (`resumeRetentionTasks`) finishes whatever a request could not.
 *
 *   export const registrations = retentionRule({ what: 'Registrations for public meetings', data: 'name, email ...', months: 12, after: 'the meeting ends' });
 *   expiresAt: expiryAfter(registrations, meeting.endsAt)
 */
import { outOfTime, type Deadline } from './deadline.js';
import { logger, reasonOf } from './log.js';
import { outboxKey } from './outbox/outbox.js';
import { platformKeys } from './platform-keys.js';
import { inPool } from './pool.js';
import { epochSeconds, expired, pick, unmarshal, values, type Item, type Key } from './store/items.js';
import { HIGH } from './store/keys.js';
import { Refusal } from './refusal.js';
import { queryAll, queryPage, type Page } from './store/reads.js';
import type { NamedWrite } from './store/transactions.js';
import { conditionalDelete, conditionalUpdate, put, remove, update } from './store/writes.js';
import { addLondonMonths } from './time.js';

export interface RetentionRule {
  /** What is kept, as the privacy notice lists it, e.g. "Registrations for public meetings". */
  what: string;
  /** The personal data it holds, e.g. "name, email address, postcode, access needs". */
  data: string;
  /** Calendar months it is kept after `after`. */
  months: number;
  /** The moment the months count from, in words: "the meeting ends". */
  after: string;
}

export const retentionRule = (rule: RetentionRule): RetentionRule => rule;

/** "12 months after the meeting ends"; with 0 months, "when the council is retired" or "when the email is sent" (kept only until something happens). */
export const keptFor = (rule: RetentionRule) =>
  rule.months === 0 ? `when ${rule.after}` : `${rule.months} ${rule.months === 1 ? 'month' : 'months'} after ${rule.after}`;

/**
 * When data kept under `rule` from the moment `fromIso` is due for deletion, in epoch seconds: the same
 * London date and time `months` later, or the last day of that month when it is shorter.
 */
export const expiryAfter = (rule: RetentionRule, fromIso: string): number => epochSeconds(addLondonMonths(fromIso, rule.months));

/** The attribute naming the outbox emails about an item, whose expiry follows the item's. */
export const OUTBOX_IDS = 'outboxIds';

// ---------------------------------------------------------------------------------------------------
// Moving expiry when what it depends on moves

export interface RetentionTask {
  /** The partition whose items move. */
  partition: string;
  /** Orders tasks: a newer version replaces an older one (edits are serialised by the caller's conditions). */
  version: string;
  /** The new expiry of every personal-data item in the partition. */
  expiresAt: number;
  /** The sort key of the last item moved: a resumed pass starts after it. */
  doneTo?: string;
}

/** How long a task is left to whoever is running it (first the request that made the edit) before the timer may take it. */
export const RETENTION_LEASE_MS = 60_000;
const TASK_SK = 'RETENTION#TASK';
const taskKey = (partition: string): Key => ({ pk: partition, sk: TASK_SK });
const PAGE = 100;

/** The task's put, for the transaction that moves what the expiry depends on. Replaces any earlier task. */
export function retentionTaskWrite(task: Omit<RetentionTask, 'doneTo'>, now: Date): NamedWrite {
  const notBefore = new Date(now.getTime() + RETENTION_LEASE_MS).toISOString();
  return {
    name: 'retention',
    write: put({
      ...taskKey(task.partition),
      type: 'retention-task',
      ...task,
      gsi1pk: platformKeys.pendingRetention,
      gsi1sk: `${notBefore}#${task.partition}`,
    }),
  };
}

const toTask = (item: Item) => pick<RetentionTask>(item, ['partition', 'version', 'expiresAt', 'doneTo']);

/**
 * Sets one item's expiry, only if it still exists, has not expired (expired data is not brought back)
 * and was stamped by an older version (so an older pass never undoes a newer one). True when moved.
 */
async function moveItemExpiry(key: Key, task: RetentionTask, now: Date): Promise<boolean> {
  const outcome = await conditionalUpdate(
    update(key, 'SET expiresAt = :expiresAt, expiryVersion = :version', {
      values: { ':expiresAt': task.expiresAt, ':version': task.version, ':now': epochSeconds(now) },
      condition:
        'attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :now) AND (attribute_not_exists(expiryVersion) OR expiryVersion < :version)',
    }),
  );
  return outcome.ok;
}

function needsMoving(item: Item, task: RetentionTask, now: Date): boolean {
  if (!item['expiresAt'] || expired(item, now)) return false;
  if (item['expiresAt'].N === String(task.expiresAt)) return false;
  const version = item['expiryVersion']?.S;
  return version === undefined || version < task.version;
}

/**
 * One page of a task, in sort-key order after `after`: each item with personal data (its outbox
 * emails first, then the item), and the outbox emails listed on items without (a meeting's notices).
 * Idempotent: every write is conditional. Returns how many items with personal data were moved and
 * where to go on.
 */
export async function moveExpiryPage(task: RetentionTask, now: Date, after?: string): Promise<{ moved: number; next?: string }> {
  const query = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': task.partition }), ConsistentRead: true };
  let page: Page;
  try {
    page = await queryPage(query, { limit: PAGE, ...(after ? { after } : {}) });
  } catch (error) {
    // A cursor signed with an earlier CURSOR_SECRET: start the partition again (every move is idempotent).
    if (!(after && error instanceof Refusal && error.code === 'invalid_cursor')) throw error;
    page = await queryPage(query, { limit: PAGE });
  }
  let moved = 0;
  await inPool(page.items, 8, async (item) => {
    if (item['sk']?.S === TASK_SK) return;
    const outboxIds = unmarshal(item)[OUTBOX_IDS];
    const followers = Array.isArray(outboxIds) ? outboxIds.map(String) : [];
    const holdsPersonalData = item['expiresAt'] !== undefined;
    if (holdsPersonalData && !needsMoving(item, task, now)) return;
    for (const id of followers) await moveItemExpiry(outboxKey(id), task, now);
    if (holdsPersonalData && (await moveItemExpiry({ pk: task.partition, sk: item['sk']!.S! }, task, now))) moved++;
  });
  return { moved, ...(page.next ? { next: page.next } : {}) };
}

/** Records progress and extends the lease; false when a newer task has replaced this one (or it is done). */
async function recordProgress(task: RetentionTask, doneTo: string, leaseUntil: string): Promise<boolean> {
  const outcome = await conditionalUpdate(
    update(taskKey(task.partition), 'SET doneTo = :doneTo, gsi1sk = :lease', {
      names: { '#version': 'version' },
      values: { ':doneTo': doneTo, ':lease': `${leaseUntil}#${task.partition}`, ':version': task.version },
      condition: '#version = :version',
    }),
  );
  return outcome.ok;
}

/** Deletes a finished task, unless a newer one replaced it meanwhile (that one still has to run). */
const finish = (task: RetentionTask) =>
  conditionalDelete(remove(taskKey(task.partition), { names: { '#version': 'version' }, values: { ':version': task.version }, condition: '#version = :version' }));

/** Runs a task until done or `deadline`; cut short, it resumes from `doneTo` once its lease runs out. */
export async function runRetentionTask(task: RetentionTask, now: Date, deadline: Deadline): Promise<number> {
  const startedAt = Date.now();
  let moved = 0;
  let after = task.doneTo;
  do {
    if (outOfTime(deadline)) return moved;
    const page = await moveExpiryPage(task, now, after);
    moved += page.moved;
    after = page.next;
    const leaseUntil = new Date(now.getTime() + (Date.now() - startedAt) + RETENTION_LEASE_MS).toISOString();
    if (after && !(await recordProgress(task, after, leaseUntil))) return moved;
  } while (after);
  await finish(task);
  return moved;
}

/** In the request that made the change, as far as `budgetMs` allows; the task is stored, so the timer finishes it. */
export async function runRetentionTaskNow(task: RetentionTask, now: Date, budgetMs = 3_000): Promise<void> {
  try {
    await runRetentionTask(task, now, Date.now() + budgetMs);
  } catch (error) {
    logger.warn('expiry not moved yet; the timer will', { partition: task.partition, reason: reasonOf(error) });
  }
}

/** The timer: finishes tasks a request ran out of time for (or died during). */
export async function resumeRetentionTasks(now: Date, deadline: Deadline): Promise<number> {
  let moved = 0;
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + RETENTION_LEASE_MS).toISOString();
  const due = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: values({ ':pk': platformKeys.pendingRetention, ':now': `${at}#${HIGH}` }),
    },
    100,
  );
  for (const item of due) {
    if (outOfTime(deadline)) break;
    const candidate = toTask(item);
    const claimed = await conditionalUpdate(
      update(taskKey(candidate.partition), 'SET gsi1sk = :lease', {
        names: { '#version': 'version' },
        values: { ':lease': `${leaseUntil}#${candidate.partition}`, ':version': candidate.version, ':pk': platformKeys.pendingRetention, ':now': `${at}#${HIGH}` },
        condition: '#version = :version AND gsi1pk = :pk AND gsi1sk <= :now',
      }),
    );
    if (claimed.ok && claimed.item) moved += await runRetentionTask(toTask(claimed.item), now, deadline);
  }
  return moved;
}
