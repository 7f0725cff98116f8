/**
 * Email figures by week, for the rates SES watches: how many emails were sent, how many hard-bounced,
 * how many drew a complaint, and how many were not sent because their address had bounced or
 * complained before (suppression.ts). Each figure is a counter ADDed as it happens (by the delivery
 * and by the SES event handler, email-events.ts) to one of four shards of its London week, so no list
 * of emails is ever read to count them: a period's figures are one Query of its weeks' shards.
 *
 *   await countEmails('sent', now);
 *   const weeks = await emailWeeks(12, now);   // the last 12 weeks, newest first
 */
import { platformKeys } from '../platform-keys.js';
import { HIGH } from '../store/keys.js';
import { unmarshal, values } from '../store/items.js';
import { queryAll } from '../store/reads.js';
import { conditionalUpdate, update } from '../store/writes.js';
import type { NamedWrite } from '../store/transactions.js';
import { londonDay } from '../time.js';

export type EmailFigure = 'sent' | 'bounced' | 'complained' | 'suppressed';
export const EMAIL_FIGURES: readonly EmailFigure[] = ['sent', 'bounced', 'complained', 'suppressed'];

/** SES reviews an account whose bounce rate reaches 5% or whose complaint rate reaches 0.1%. */
export const SES_REVIEW_RATES = { bounced: 0.05, complained: 0.001 } as const;

const SHARDS = 4;

/** The Monday (a London date, `2026-11-30`) of the week `at` falls in. */
export function weekOf(at: Date): string {
  const day = londonDay(at);
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

const shardKey = (week: string, shard: number) => ({ pk: platformKeys.emailWeeks, sk: `${week}#${shard}` });

/** The counter's update, for a transaction (the event handler's, with what it records). */
export function emailCountWrite(figure: EmailFigure, at: Date, by = 1): NamedWrite {
  const week = weekOf(at);
  return {
    name: 'emailWeek',
    write: update(shardKey(week, Math.floor(Math.random() * SHARDS)), 'SET #type = :type, week = :week ADD #figure :by', {
      names: { '#type': 'type', '#figure': figure },
      values: { ':type': 'email-week', ':week': week, ':by': by },
    }),
  };
}

/**
 * Counts on its own, outside any transaction: the delivery counts each email after recording it, so a
 * burst of sends never contends for one item in transactions. A process that dies between the two
 * leaves one email uncounted, which a rate can bear.
 */
export async function countEmails(figure: EmailFigure, at: Date, by = 1): Promise<void> {
  const { Update } = emailCountWrite(figure, at, by).write;
  if (Update) await conditionalUpdate({ Update });
}

export type WeekFigures = { week: string } & Record<EmailFigure, number>;

/** The last `weeks` weeks up to `now`'s, newest first, each with every figure (0 when nothing happened). */
export async function emailWeeks(weeks: number, now: Date): Promise<WeekFigures[]> {
  const last = weekOf(now);
  const first = new Date(`${last}T12:00:00Z`);
  first.setUTCDate(first.getUTCDate() - 7 * (weeks - 1));
  const from = weekOf(first);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: values({ ':pk': platformKeys.emailWeeks, ':from': from, ':to': `${last}#${HIGH}` }),
  });
  const byWeek = new Map<string, WeekFigures>();
  for (let i = 0; i < weeks; i++) {
    const monday = new Date(`${last}T12:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - 7 * i);
    const week = monday.toISOString().slice(0, 10);
    byWeek.set(week, { week, sent: 0, bounced: 0, complained: 0, suppressed: 0 });
  }
  for (const item of items) {
    const shard = unmarshal(item);
    const row = byWeek.get(String(shard['week']));
    if (!row) continue;
    for (const figure of EMAIL_FIGURES) row[figure] += Number(shard[figure] ?? 0);
  }
  return [...byWeek.values()];
}
