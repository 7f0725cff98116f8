/**
 * Withdrawing a response: one transaction that takes away exactly what storing it added
 * (store/responses.ts). The shard's control item loses one from `t`, conditional on the questions
 * being those the response was counted with and on results not being published (published figures do
 * not change under anyone); its counter items lose the same counts, negated; the response and its
 * free-text items are deleted, each text conditional on the tags read, whose theme counts go too; a
 * receipt address still waiting for its email goes with them; and what it counted towards the office's
 * reports comes off its quarter.
 */
import { figureWrites, type Counts } from '../../core/period-figures.js';
import { batchGet } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { remove, update } from '../../core/store/writes.js';
import type { CounterAdd } from '../counting.js';
import type { StoredResponse } from '../model.js';
import { counterWrite } from './counters.js';
import { controlKey, receiptKey, responseKey, textKey, themesKey } from './keys.js';

export type WithdrawOutcome = { ok: true } | { ok: false; reason: 'gone' | 'results-published' | 'changed' };

export async function saveWithdrawal(response: StoredResponse, shard: number, counted: CounterAdd[], textQuestionIds: readonly string[], figures: Counts): Promise<WithdrawOutcome> {
  const cid = response.consultationId;
  const texts = await batchGet(textQuestionIds.map((q) => textKey(cid, shard, q, response.id)), { consistent: true });
  const themeClauses: string[] = [];
  const themeNames: Record<string, string> = {};
  const textWrites: NamedWrite[] = texts.map((item, i) => {
    const questionId = item['questionId']!.S!;
    for (const theme of item['themes']?.L?.map((t) => t.S!) ?? []) {
      themeNames[`#n${themeClauses.length}`] = `n|${questionId}|${theme}`;
      themeClauses.push(`#n${themeClauses.length} :minus`);
    }
    return {
      name: `text-${i}`,
      write: remove(textKey(cid, shard, questionId, response.id), { condition: 'tagVersion = :seen', values: { ':seen': Number(item['tagVersion']?.N ?? 0) } }),
    };
  });
  const negated = counted.map((add) => ({ item: add.item, adds: Object.fromEntries(Object.entries(add.adds).map(([name, n]) => [name, -n])) }));
  const outcome = await transactWrite([
    {
      name: 'control',
      write: update(controlKey(cid, shard), 'ADD t :minus', {
        values: { ':minus': -1, ':zero': 0, ':dv': response.definitionVersion, ':yes': true },
        condition: 'definitionVersion = :dv AND NOT (resultsPublished = :yes) AND t > :zero',
      }),
    },
    ...negated.map((add) => counterWrite(cid, shard, add)),
    { name: 'response', write: remove(responseKey(cid, shard, response.id), { condition: 'attribute_exists(pk)' }) },
    ...textWrites,
    ...(themeClauses.length ? [{ name: 'themes', write: update(themesKey(cid), `ADD ${themeClauses.join(', ')}`, { names: themeNames, values: { ':minus': -1 } }) }] : []),
    { name: 'receipt', write: remove(receiptKey(response.id)) },
    ...figureWrites('consultations', [{ at: response.submittedAt, counts: Object.fromEntries(Object.entries(figures).map(([name, n]) => [name, -n])) }], { shards: 16 }),
  ]);
  if (outcome.ok) return { ok: true };
  if (outcome.failed.has('response')) return { ok: false, reason: 'gone' };
  if (outcome.failed.has('control')) return { ok: false, reason: 'results-published' };
  return { ok: false, reason: 'changed' };
}
