/**
 * Where actions come from, read from the manifests (no capability is imported): each capability that
 * declares `raisesActions` (named as in the staff navigation), or none. The Source filter offers these,
 * and the log's pages say which capabilities add actions on their own pages.
 */
import { platformCapabilities } from '../core/platform.js';

export function actionSources(): Array<{ id: string; label: string }> {
  return [
    ...platformCapabilities()
      .filter((c) => c.raisesActions)
      .map((c) => ({ id: c.name, label: c.navigation?.staff?.[0]?.text ?? c.name })),
    { id: 'none', label: 'None (raised on its own)' },
  ];
}

/** "meetings, surgeries and community days": the capabilities that raise actions, in a sentence. */
export function raisedFrom(): string {
  const names = actionSources()
    .filter((s) => s.id !== 'none')
    .map((s) => s.label.toLowerCase());
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'other work');
}

/** Whether an action from this source can be shown publicly: its capability's public pages show outcomes. */
export const hasPublicPage = (source: { capability: string } | undefined) =>
  Boolean(source && platformCapabilities().find((c) => c.name === source.capability)?.showsActionOutcomes);
