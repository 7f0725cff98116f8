/**
 * Answers in progress, kept on the server between the questionnaire's pages, keyed by a hash of the
 * browser's random cookie token (never by anything about the person). One item per browser per
 * consultation; each answer its own attribute (`a:<question id>`), so saving a page sets and removes
 * just that page's answers. Each draft has a random id and a version raised by every save.
 *
 * Sending is atomic with the draft: the transaction that stores the response replaces the draft with
 * a note that it was sent (the response's id, no answers), on condition that the draft is still the
 * one checked (same id and version, not sent). So one draft becomes at most one response, however
 * many "Send" requests race, and the others answer with the same confirmation. The note lasts a day;
 * an unsent draft expires a week after the last change. Saving a page of a new draft clears the note.
 */
import { newSecret } from '../../core/ids.js';
import { epochSeconds, unmarshal, type Item } from '../../core/store/items.js';
import { getItem } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { put, update } from '../../core/store/writes.js';
import type { Answer, Answers } from '../model.js';
import { draftKey } from './keys.js';

export interface Draft {
  answers: Answers;
  definitionVersion: number;
  updatedAt: string;
  /** Absent on drafts saved before drafts had ids. */
  id?: string;
  version: number;
  /** The response this draft was sent as (then it has no answers). */
  sentAs?: string;
}

const ANSWER = 'a:';

function toDraft(item: Item): Draft {
  const plain = unmarshal(item);
  const answers: Answers = {};
  for (const [name, value] of Object.entries(plain)) if (name.startsWith(ANSWER)) answers[name.slice(ANSWER.length)] = value as Answer;
  return {
    answers,
    definitionVersion: Number(plain['definitionVersion'] ?? 0),
    updatedAt: String(plain['updatedAt'] ?? ''),
    ...(typeof plain['draftId'] === 'string' ? { id: plain['draftId'] } : {}),
    version: Number(plain['version'] ?? 0),
    ...(typeof plain['sentAs'] === 'string' ? { sentAs: plain['sentAs'] } : {}),
  };
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
  const vals: Record<string, unknown> = { ':dv': change.definitionVersion, ':now': change.now, ':exp': change.expiresAt, ':cid': consultationId, ':id': newSecret(), ':one': 1 };
  // A page saved after sending starts a new draft: a new id (the sent note had none), and the note goes.
  const sets = ['definitionVersion = :dv', 'updatedAt = :now', 'expiresAt = :exp', 'consultationId = :cid', '#type = :type', 'draftId = if_not_exists(draftId, :id)'];
  names['#type'] = 'type';
  names['#version'] = 'version';
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
  removals.push('sentAs');
  // A transaction of one: saving the page is the change its form asks for, so it carries the form's submission (core).
  await transactWrite([{ name: 'draft', write: update(draftKey(tokenHash, consultationId), `SET ${sets.join(', ')} REMOVE ${removals.join(', ')} ADD #version :one`, { names, values: vals }) }]);
}

const SENT_NOTE_SECONDS = 24 * 3600;

/**
 * For the response's transaction: the draft, exactly as checked, becomes a note that it was sent
 * (no answers kept). Fails if it was sent meanwhile, or changed in another window.
 */
export function sendDraftWrite(tokenHash: string, consultationId: string, draft: Pick<Draft, 'id' | 'version'>, responseId: string, now: Date): NamedWrite {
  const same = [draft.id ? 'draftId = :id' : 'attribute_not_exists(draftId)', draft.version ? '#version = :version' : 'attribute_not_exists(#version)'];
  return {
    name: 'draft',
    write: put(
      { ...draftKey(tokenHash, consultationId), type: 'consultation-draft', consultationId, sentAs: responseId, updatedAt: now.toISOString(), expiresAt: epochSeconds(now) + SENT_NOTE_SECONDS },
      {
        names: { '#version': 'version' },
        values: { ...(draft.id ? { ':id': draft.id } : {}), ...(draft.version ? { ':version': draft.version } : {}) },
        condition: `attribute_exists(pk) AND attribute_not_exists(sentAs) AND ${same.join(' AND ')}`,
      },
    ),
  };
}
