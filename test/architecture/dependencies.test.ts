/**
 * The dependency rule that keeps the platform's shape: functions/core imports no capability, and a
 * capability imports core and its own folder, never another capability, nor the composition root
 * (functions/capabilities.ts): a Lambda is built with the manifests as data. Read from the source, so
 * a new import that breaks the rule fails here; test/architecture/bundles.test.ts checks the bundles.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';

const functionsDir = resolve(import.meta.dirname, '../../functions');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every relative import (static, dynamic, re-export) of a file, resolved to a path under functions/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"`]([^'"`]+)['"`]\s*\)|import\s+['"]([^'"]+)['"]/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]!)
    .filter((s) => s.startsWith('.') && !isByName(s));
  return specifiers.map((s) => relative(functionsDir, resolve(dirname(file), s)));
}

/**
 * `import(\`../${cap.name}/map-layer.ts\`)`: a file every registered capability may provide, loaded by
 * the capability's name (as functions/platform.ts loads each capability's parts). It names no capability, so it is not an
 * import of one; the test below keeps such loads to that one shape.
 */
const isByName = (specifier: string) => specifier.includes('${');
const byNameLoads = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/import\s*\(\s*`([^`]+)`\s*\)/g)].map((m) => m[1]!).filter(isByName);

/** `meetings/store/keys.ts` → `meetings`; `core/...` → `core`; top-level files → their own name. */
const area = (pathUnderFunctions: string) => pathUnderFunctions.split('/')[0]!.replace(/\.(tsx?|js)$/, '');

const files = sourceFiles(functionsDir).map((f) => ({ path: relative(functionsDir, f), imports: importsOf(f) }));
const capabilityNames = new Set(capabilities.map((c) => c.name));
/** Tests, and the examples the form walk posts (form-examples.ts): test code, in no Lambda. */
const isTest = (path: string) => /\.test\.tsx?$|(^|\/)form-examples\.ts$/.test(path);

describe('the dependency rule', () => {
  it('finds the capabilities and the core to check', () => {
    expect(files.filter((f) => area(f.path) === 'core').length).toBeGreaterThan(20);
    for (const name of capabilityNames) expect(files.some((f) => area(f.path) === name), name).toBe(true);
  });

  it('loads by name only a whole capability folder, never a path inside a chosen one', () => {
    const loads = sourceFiles(functionsDir).flatMap((f) => byNameLoads(f).map((s) => ({ file: relative(functionsDir, f), specifier: s })));
    // Only the composition root's loader (never in a Lambda) finds a capability's parts by name.
    expect([...new Set(loads.map((l) => l.file))]).toEqual(['platform.ts']);
    // A fixed file (app.tsx, delivery.ts ...), or a stream consumer's, named in the capability's manifest.
    for (const { file, specifier } of loads) expect(specifier, file).toMatch(/^\.\.?\/\$\{cap\.name\}\/([a-z-]+|\$\{consumer\.name\})\.tsx?$/);
  });

  it('core imports no capability and nothing outside core (its tests may also use test support)', () => {
    const outsideFunctions = (i: string) => i.startsWith('../');
    const broken = files
      .filter((f) => area(f.path) === 'core')
      .flatMap((f) => f.imports.filter((i) => area(i) !== 'core' && !(isTest(f.path) && outsideFunctions(i))).map((i) => `${f.path} imports ${i}`));
    expect(broken).toEqual([]);
  });

  it('a capability imports only core and its own folder, never the composition root', () => {
    const broken = files
      .filter((f) => capabilityNames.has(area(f.path)) && !isTest(f.path))
      .flatMap((f) => {
        const own = area(f.path);
        return f.imports.filter((i) => area(i) !== own && area(i) !== 'core').map((i) => `${f.path} imports ${i}`);
      });
    expect(broken).toEqual([]);
  });

  it("a capability's tests may use test support, but never another capability", () => {
    const broken = files
      .filter((f) => capabilityNames.has(area(f.path)) && isTest(f.path))
      .flatMap((f) => f.imports.filter((i) => capabilityNames.has(area(i)) && area(i) !== area(f.path)).map((i) => `${f.path} imports ${i}`));
    expect(broken).toEqual([]);
  });
});
