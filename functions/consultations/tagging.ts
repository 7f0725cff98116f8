/**
 * Staff read free-text answers page by page and tag each with themes: the platform's theme list
 * (core/themes.ts, shared with every capability) plus the consultation's own tags. Counts by theme
 * move in the same transaction as the tags, against the version of the tags the person saw.
 */
import { invalidField, notFound, Refusal } from '../core/refusal.js';
import { themes as platformThemes } from '../core/themes.js';
import type { Consultation } from './model.js';
import { shardOf } from './references.js';
import { addCustomTheme, getText, getThemes, retag, type Themes } from './store/comments.js';

export const MAX_CUSTOM_THEMES = 40;

export interface ThemeChoice {
  id: string;
  label: string;
  custom: boolean;
}

/** Every theme staff can tag with: the platform's, then the consultation's own. */
export function themeChoices(themes: Pick<Themes, 'custom'>): ThemeChoice[] {
  return [
    ...platformThemes.map((t) => ({ id: t.id as string, label: t.label as string, custom: false })),
    ...Object.entries(themes.custom)
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([id, label]) => ({ id, label, custom: true })),
  ];
}

export const themeLabelIn = (choices: readonly ThemeChoice[], id: string) => choices.find((c) => c.id === id)?.label ?? id;

/** `Fly-tipping near school!` → `custom-fly-tipping-near-school`. */
const customId = (label: string) =>
  `custom-${label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'tag'}`;

export async function addTag(consultation: Consultation, label: string): Promise<ThemeChoice> {
  const id = customId(label);
  const existing = themeChoices(await getThemes(consultation.id));
  if (existing.some((t) => t.id === id || t.label.toLowerCase() === label.toLowerCase())) throw invalidField('label', 'There is already a tag with this name');
  if (!(await addCustomTheme(consultation.id, id, label, MAX_CUSTOM_THEMES))) throw invalidField('label', `A consultation can have up to ${MAX_CUSTOM_THEMES} tags of its own`);
  return { id, label, custom: true };
}

/** Sets an answer's themes, if nobody changed them since the version shown. */
export async function tagAnswer(consultation: Consultation, questionId: string, responseId: string, themeIds: readonly string[], seenVersion: number): Promise<void> {
  const shard = shardOf(responseId);
  const text = shard >= 0 ? await getText(consultation.id, shard, questionId, responseId) : undefined;
  if (!text) throw notFound('There is no such answer');
  const allowed = new Set(themeChoices(await getThemes(consultation.id)).map((t) => t.id));
  const unknown = themeIds.find((id) => !allowed.has(id));
  if (unknown) throw invalidField('themes', 'Choose themes from the list');
  if (!(await retag(text, shard, [...new Set(themeIds)], seenVersion))) {
    throw new Refusal('tags_changed', 'Someone else changed the tags on this answer while you were looking: check them again', { kind: 'conflict' });
  }
}
