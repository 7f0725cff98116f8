/**
 * The rule that capabilities meet in data, measured where it bites: every Lambda is bundled as CDK
 * bundles it (esbuild, infra/function-bundling.ts, the manifests as a constant) and esbuild's metafile
 * lists every module in it. A capability's functions (requests, timer, email delivery, stream consumers) hold no module
 * of another capability's folder, nor the composition root; the platform's own function holds none.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { BUILT_MANIFESTS, manifestsForBuild } from '../../functions/core/platform.js';
import { functionBuild, repoRoot } from '../../infra/function-bundling.js';

const entries = [
  ...capabilities.flatMap((c) =>
    ['handler', 'scheduled', 'delivery', ...(c.streamConsumers ?? []).map((s) => s.name)]
      .map((file) => ({ owner: c.name, entry: join(repoRoot, 'functions', c.name, `${file}.ts`) }))
      .filter((e) => existsSync(e.entry)),
  ),
  { owner: 'platform', entry: join(repoRoot, 'functions', 'platform-timer.ts') },
  { owner: 'platform', entry: join(repoRoot, 'functions', 'email-events.ts') },
].filter((e) => existsSync(e.entry));

async function modulesOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: functionBuild.bundling.target,
    mainFields: functionBuild.bundling.mainFields,
    external: functionBuild.bundling.externalModules,
    tsconfig: functionBuild.bundling.tsconfig,
    define: { [BUILT_MANIFESTS]: manifestsForBuild(capabilities) },
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).map((p) => relative(repoRoot, join(repoRoot, p)));
}

const capabilityOf = (module: string) => /^functions\/([^/]+)\//.exec(module)?.[1];
const names = new Set(capabilities.map((c) => c.name));

describe("every Lambda's bundle", () => {
  it.each(entries.map((e) => [relative(repoRoot, e.entry), e] as const))('%s holds no other capability’s module', async (_name, { owner, entry }) => {
    const modules = await modulesOf(entry);
    expect(modules.length).toBeGreaterThan(10);
    const foreign = modules.filter((m) => {
      const cap = capabilityOf(m);
      return (cap !== undefined && names.has(cap) && cap !== owner) || m === 'functions/capabilities.ts' || m === 'functions/platform.ts';
    });
    expect(foreign).toEqual([]);
  }, 60_000);
});
