/**
 * The reports capability imports only core and its own folder (its tests, and the form walk's examples,
 * may also use test support): it reads other capabilities' figures only as data (their manifests) and
 * counters (core/period-figures.ts). test/architecture/dependencies.test.ts holds the rule for every
 * capability; this says it for the folders below this one too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const functionsDir = resolve(here, '..');

describe('functions/reports', () => {
  it('imports only core and itself', () => {
    const files = readdirSync(here, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|form-examples\.ts$/.test(f));
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
