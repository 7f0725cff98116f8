/**
 * Every capability's settings are declared in its manifest and nowhere else: the README's table is the
 * one the declarations make, each setting's default reads as declared, and a wrong value is refused
 * naming the variable.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { readSettings } from '../../functions/core/settings.js';
import { settingsTable } from '../../functions/core/settings-table.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe("capabilities' settings", () => {
  it('are listed in the README exactly as the manifests declare them (regenerate with functions/core/settings-table.ts)', () => {
    expect(readme).toContain(settingsTable(capabilities));
  });

  it('read their declared defaults when unset, and refuse a wrong value naming it', () => {
    for (const capability of capabilities) {
      const declared = capability.settings ?? [];
      const defaults = readSettings(declared, {});
      for (const setting of declared) expect(defaults[setting.name]).toBe(setting.default);
      for (const setting of declared.filter((s) => s.type === 'whole number')) {
        expect(() => readSettings(declared, { [setting.env]: 'lots' })).toThrow(setting.env);
      }
    }
  });

  it('are named once across the platform', () => {
    const names = capabilities.flatMap((c) => (c.settings ?? []).map((s) => s.env));
    expect(new Set(names).size).toBe(names.length);
  });
});
