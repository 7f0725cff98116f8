/**
 * The README's table of capability settings, made from the manifests' declarations: a test
 * (test/architecture/settings.test.ts) checks the README holds exactly this, so it cannot drift.
 *
 *   npx tsx -e "import('./functions/core/settings-table.ts').then(async (m) => console.log(m.settingsTable((await import('./functions/capabilities.ts')).capabilities)))"
 */
import type { Capability } from './capability.js';
import { contextKey, defaultText } from './settings.js';

export function settingsTable(capabilities: readonly Pick<Capability, 'name' | 'settings'>[]): string {
  const rows = capabilities.flatMap((c) =>
    (c.settings ?? []).map((s) => `| ${c.name} | \`${s.env}\` | \`${contextKey(s.env)}\` | ${defaultText(s)} | ${s.meaning} |`),
  );
  return ['| Capability | Environment variable | CDK context key | Default | What |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
