/**
 * Where actions come from, for the filter: each capability on the platform that can raise them (named
 * as in the staff navigation), or none. Read from the registered manifests, so no capability is imported.
 */
import { platformCapabilities } from '../core/platform.js';

const NOT_SOURCES = new Set(['site', 'actions']);

export function actionSources(): Array<{ id: string; label: string }> {
  return [
    ...platformCapabilities()
      .filter((c) => !NOT_SOURCES.has(c.name))
      .map((c) => ({ id: c.name, label: c.navigation?.staff?.[0]?.text ?? c.name })),
    { id: 'none', label: 'None (raised on its own)' },
  ];
}

export const sourceLabel = (id: string) => actionSources().find((s) => s.id === id)?.label ?? id;
