/**
 * Answers in progress, kept on the server between the questionnaire's pages, keyed by a hash of the
 * browser's random cookie token (never by anything about the person). One item per browser per
 * consultation; each answer its own attribute (`a:<question id>`), so saving a page sets and removes
 * just that page's answers. Deleted in the transaction that stores the response; expires a week
 * after the last change otherwise.
 */
import { unmarshal, type Item } from '../../core/store/items.js';
import { getItem } from '../../core/store/reads.js';
import type { NamedWrite } from '../../core/store/transactions.js';
import { conditionalUpdate, remove, update } from '../../core/store/writes.js';
import type { Answer, Answers } from '../model.js';
import { draftKey } from './keys.js';

export interface Draft {
  answers: Answers;
  definitionVersion: number;
  updatedAt: string;
}

const ANSWER = 'a:';

function toDraft(item: Item): Draft {
  const plain = unmarshal(item);
  const answers: Answers = {};
  for (const [name, value] of Object.entries(plain)) if (name.startsWith(ANSWER)) answers[name.slice(ANSWER.length)] = value as Answer;
  return { answers, definitionVersion: Number(plain['definitionVersion'] ?? 0), updatedAt: String(plain['updatedAt'] ?? '') };
}

export async function getDraft(tokenHash: string, consultationId: string, now: Date = new Date()): Promise<Draft | undefined> {
  const item = await getItem(draftKey(tokenHash, consultationId), { consistent: true });
  if (!item || Number(item['expiresAt']?.N ?? Infinity) * 1000 <= now.getTime()) return undefined;
  return toDraft(item);
}

/** Saves one page: its answers set, its unanswered (or now hidden) questions removed. */
export async function saveDraftAnswers(
  tokenHash: string,
  consultationId: string,
  change: { set: Answers; remove: readonly string[]; definitionVersion: number; now: string; expiresAt: number },
): Promise<void> {
  const names: Record<string, string> = {};
  const vals: Record<string, unknown> = { ':dv': change.definitionVersion, ':now': change.now, ':exp': change.expiresAt, ':cid': consultationId };
  const sets = ['definitionVersion = :dv', 'updatedAt = :now', 'expiresAt = :exp', 'consultationId = :cid', '#type = :type'];
  names['#type'] = 'type';
  vals[':type'] = 'consultation-draft';
  Object.entries(change.set).forEach(([id, answer], i) => {
    names[`#s${i}`] = `${ANSWER}${id}`;
    vals[`:s${i}`] = answer;
    sets.push(`#s${i} = :s${i}`);
  });
  const removals = change.remove.filter((id) => !(id in change.set)).map((id, i) => {
    names[`#r${i}`] = `${ANSWER}${id}`;
    return `#r${i}`;
  });
  await conditionalUpdate(update(draftKey(tokenHash, consultationId), `SET ${sets.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`, { names, values: vals }));
}

/** The draft's deletion, for the response's transaction. */
export const deleteDraftWrite = (tokenHash: string, consultationId: string): NamedWrite => ({ name: 'draft', write: remove(draftKey(tokenHash, consultationId)) });
