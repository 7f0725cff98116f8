/**
 * The reports' building blocks will become a capability: until then, as after, they import only core
 * and their own folder (tests may also use test support), so wiring them in needs no untangling.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const functionsDir = resolve(here, '..');

describe('functions/reports', () => {
  it('imports only core and itself', () => {
    const files = readdirSync(here).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(8);
    const outside = files.flatMap((file) =>
      [...readFileSync(join(here, file), 'utf8').matchAll(/(?:import|export)[^'"`;]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"`](\.[^'"`]+)['"`]\s*\)/g)]
        .map((m) => relative(functionsDir, resolve(dirname(join(here, file)), m[1] ?? m[2]!)))
        .filter((target) => !target.startsWith('reports/') && !target.startsWith('core/'))
        .map((target) => `${file} imports ${target}`),
    );
    expect(outside).toEqual([]);
  });
});
