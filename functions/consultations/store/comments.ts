/**
 * Free-text answers as staff read and tag them: one item each (written with the response), listed per
 * question in arrival order from the index; tags changed against the version seen, with the theme
 * counts (on the consultation's themes item) moved in the same transaction. Staff's own tags live on
 * the themes item too.
 */
import { pick, unmarshal, values, type Item } from '../../core/store/items.js';
import { getItem, queryAll, queryPage } from '../../core/store/reads.js';
import { transactWrite } from '../../core/store/transactions.js';
import { update } from '../../core/store/writes.js';
import { answersHeldFrom } from '../retention.js';
import { consultationKeys, textKey, themesKey } from './keys.js';

export interface TextAnswer {
  consultationId: string;
  questionId: string;
  responseId: string;
  reference: string;
  text: string;
  themes: string[];
  tagVersion: number;
  flagged: boolean;
  submittedAt: string;
}

const fields = ['consultationId', 'questionId', 'responseId', 'reference', 'text', 'themes', 'tagVersion', 'flagged', 'submittedAt'] as const satisfies readonly (keyof TextAnswer)[];
const toText = (item: Item) => pick<TextAnswer>(item, fields);
const unexpired = (item: Item, now: Date) => !(Number(item['expiresAt']?.N ?? Infinity) * 1000 <= now.getTime());

/** A question's answers by time, from the oldest still kept (earlier ones are deleted after 24 months: not even read, so no page is empty). */
const byQuestion = (consultationId: string, questionId: string, now: Date) => ({
  IndexName: 'gsi1',
  KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
  ExpressionAttributeValues: values({ ':pk': `${consultationKeys.textsByQuestion}${consultationId}#${questionId}`, ':from': answersHeldFrom(now) }),
});

export async function textsPage(consultationId: string, questionId: string, options: { after?: string; limit?: number; now?: Date } = {}): Promise<{ texts: TextAnswer[]; next?: string }> {
  const now = options.now ?? new Date();
  const page = await queryPage(byQuestion(consultationId, questionId, now), { limit: options.limit ?? 20, ...(options.after ? { after: options.after } : {}) });
  return { texts: page.items.filter((i) => unexpired(i, now)).map(toText), ...(page.next ? { next: page.next } : {}) };
}

export async function allTexts(consultationId: string, questionId: string, now: Date = new Date()): Promise<TextAnswer[]> {
  return (await queryAll(byQuestion(consultationId, questionId, now))).filter((i) => unexpired(i, now)).map(toText);
}

export async function getText(consultationId: string, shard: number, questionId: string, responseId: string): Promise<TextAnswer | undefined> {
  const item = await getItem(textKey(consultationId, shard, questionId, responseId), { consistent: true });
  return item ? toText(item) : undefined;
}

export interface Themes {
  /** Staff's own tags: id → label. */
  custom: Record<string, string>;
  /** `<question id>|<theme id>` → answers tagged with it. */
  counts: Record<string, number>;
}

export async function getThemes(consultationId: string): Promise<Themes> {
  const item = await getItem(themesKey(consultationId), { consistent: true });
  const plain = item ? unmarshal(item) : {};
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(plain)) if (name.startsWith('n|')) counts[name.slice(2)] = Number(value);
  return { custom: (plain['custom'] as Record<string, string> | undefined) ?? {}, counts };
}

/** Changes an answer's tags if nobody changed them since `seenVersion`; false when someone had. */
export async function retag(text: TextAnswer, shard: number, themes: readonly string[], seenVersion: number): Promise<boolean> {
  const added = themes.filter((t) => !text.themes.includes(t));
  const removed = text.themes.filter((t) => !themes.includes(t));
  const names: Record<string, string> = {};
  const amounts: Record<string, number> = {};
  const clauses = [...added.map((t) => [t, 1] as const), ...removed.map((t) => [t, -1] as const)].map(([theme, amount], i) => {
    names[`#n${i}`] = `n|${text.questionId}|${theme}`;
    const value = amount === 1 ? ':one' : ':minus';
    amounts[value] = amount;
    return `#n${i} ${value}`;
  });
  const outcome = await transactWrite([
    {
      name: 'text',
      write: update(textKey(text.consultationId, shard, text.questionId, text.responseId), 'SET themes = :themes, tagVersion = :next', {
        values: { ':themes': [...themes], ':next': seenVersion + 1, ':seen': seenVersion },
        condition: 'tagVersion = :seen',
      }),
    },
    ...(clauses.length ? [{ name: 'counts', write: update(themesKey(text.consultationId), `ADD ${clauses.join(', ')}`, { names, values: amounts }) }] : []),
  ]);
  return outcome.ok;
}

/** Adds one of staff's own tags; false when the id is taken or there are already `max`. */
export async function addCustomTheme(consultationId: string, id: string, label: string, max: number): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'themes',
      write: update(themesKey(consultationId), 'SET custom.#id = :label', {
        names: { '#id': id },
        values: { ':label': label, ':max': max },
        condition: 'attribute_exists(custom) AND attribute_not_exists(custom.#id) AND size(custom) < :max',
      }),
    },
  ]);
  return outcome.ok;
}
