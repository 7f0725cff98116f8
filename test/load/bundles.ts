/**
 * The Lambda bundles, as CDK builds them: size and what it costs to load one in a fresh process.
 *
 * Each function (every capability's request handler, its scheduled work and its email delivery if it
 * has them, and the platform timer) is bundled with esbuild using `functionBuild.bundling` from
 * infra/function-bundling.ts, the settings CDK's NodejsFunction passes to esbuild, so the figures are
 * for the code that is deployed. For each: minified and gzipped size, the largest contributors by
 * package (esbuild's metafile), and the wall time of `node --input-type=module -e "await import(...)"`
 * beside a bare `node -e ""` timed in the same rounds: the difference is what the bundle adds to a
 * cold start (parsing and evaluating it, and loading the AWS SDK packages it leaves external, as the
 * Lambda runtime provides them).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { capabilities } from '../../functions/capabilities.js';
import { BUILT_MANIFESTS, manifestsForBuild } from '../../functions/core/platform.js';
import { entryFile, functionBuild, platformTimerEntry, repoRoot } from '../../infra/function-bundling.js';

/** The size every bundle should stay under (minified, 1 KB = 1,024 bytes). */
export const BUNDLE_TARGET_BYTES = 350 * 1024;
/** Fresh processes per bundle (and bare ones): the median of these is reported. */
export const IMPORT_RUNS = 9;
const TOP_CONTRIBUTORS = 6;

export interface BundleResult {
  /** The function's name as the stack names it: `<capability>`, `<capability>-scheduled`, `<capability>-delivery` or `platform-timer`. */
  name: string;
  entry: string;
  bytes: number;
  gzipBytes: number;
  overTarget: boolean;
  /** Wall ms of `node --input-type=module -e "await import('<bundle>')"`, spawn to exit. */
  importProcessMs: { median: number; runs: number[] };
  /** The median above minus the bare `node -e ""` median. */
  addedMs: number;
  /** The largest contributors by package (own code by folder), minified bytes in the bundle. */
  contributors: Array<{ name: string; bytes: number }>;
}

export interface BundlesReport {
  /** The esbuild options used (besides entry and output). */
  settings: Record<string, unknown>;
  runs: number;
  bareNodeMs: { median: number; runs: number[] };
  bundles: BundleResult[];
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The functions the stack deploys (infra/capability-functions.ts), by the same rules. */
function lambdaFunctions(): Array<{ name: string; entry: string }> {
  return [
    ...capabilities.flatMap((cap) => [
      { name: cap.name, entry: entryFile(cap.name, 'handler') },
      ...(cap.scheduled ? [{ name: `${cap.name}-scheduled`, entry: entryFile(cap.name, 'scheduled') }] : []),
      ...(cap.emails ? [{ name: `${cap.name}-delivery`, entry: entryFile(cap.name, 'delivery') }] : []),
    ]),
    { name: 'platform-timer', entry: platformTimerEntry },
  ];
}

/**
 * `functionBuild.bundling` as esbuild options, as CDK's NodejsFunction turns them into esbuild flags
 * (aws-cdk-lib/aws-lambda-nodejs/lib/bundling.js). An option this does not know would make the bench
 * measure something other than what is deployed, so it stops instead of ignoring it.
 */
function esbuildOptions(): BuildOptions {
  const { format, target, mainFields, minify, sourceMap, sourcesContent, tsconfig, externalModules, banner, forceDockerBundling: _docker, ...unknown } =
    functionBuild.bundling;
  if (Object.keys(unknown).length) {
    throw new Error(`test/load/bundles.ts does not apply these bundling options yet: ${Object.keys(unknown).join(', ')}`);
  }
  return {
    bundle: true,
    platform: 'node',
    format: `${format}` as 'esm' | 'cjs',
    target,
    mainFields,
    minify,
    sourcemap: sourceMap,
    sourcesContent,
    tsconfig,
    external: externalModules,
    banner: { js: banner },
    // The manifests as data, as infra/capability-function.ts builds every function.
    define: { [BUILT_MANIFESTS]: manifestsForBuild(capabilities) },
    absWorkingDir: repoRoot,
    metafile: true,
    logLevel: 'error',
  };
}

/** Bytes in the bundle by npm package, and by folder for the platform's own code (functions/core, functions/meetings, ...). */
function contributors(metafile: Metafile, outfile: string): Array<{ name: string; bytes: number }> {
  const output = metafile.outputs[relative(repoRoot, outfile)];
  if (!output) throw new Error(`esbuild's metafile does not describe ${outfile}`);
  const byGroup = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const inPackage = path.split('node_modules/').at(-1)!;
    const parts = inPackage.split('/');
    const group = path.includes('node_modules/')
      ? parts[0]!.startsWith('@')
        ? `${parts[0]}/${parts[1]}`
        : parts[0]!
      : `${parts.slice(0, Math.min(2, parts.length - 1)).join('/')}/ (own code)`;
    byGroup.set(group, (byGroup.get(group) ?? 0) + bytesInOutput);
  }
  return [...byGroup]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_CONTRIBUTORS)
    .map(([name, bytes]) => ({ name, bytes }));
}

/** Wall ms from spawning `node args` to its exit; throws if it fails. Nothing from this process's environment but PATH. */
function timeProcess(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env['PATH'] ?? '' } });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`node ${args.join(' ')} failed:\n${err}`))));
  });
}

export async function measureBundles(outDir: string, runs = IMPORT_RUNS): Promise<BundlesReport> {
  const options = esbuildOptions();
  const built: Array<{ name: string; entry: string; outfile: string; metafile: Metafile }> = [];
  for (const fn of lambdaFunctions()) {
    // index.mjs, as CDK names an ESM bundle; its source map lies beside it and is not loaded.
    const outfile = join(outDir, 'bundles', fn.name, 'index.mjs');
    mkdirSync(join(outDir, 'bundles', fn.name), { recursive: true });
    const result = await build({ ...options, entryPoints: [fn.entry], outfile });
    built.push({ ...fn, outfile, metafile: result.metafile! });
  }

  // Rounds of one bare start then each bundle, in a rotating order, so that whatever else the machine
  // is doing meanwhile falls on all of them alike rather than on whichever happened to run then.
  const bare: number[] = [];
  const imports = new Map<string, number[]>(built.map((b) => [b.name, []]));
  for (let round = 0; round < runs; round++) {
    bare.push(await timeProcess(['-e', '']));
    for (let k = 0; k < built.length; k++) {
      const b = built[(round + k) % built.length]!;
      imports.get(b.name)!.push(await timeProcess(['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(b.outfile).href)})`]));
    }
  }
  const bareMedian = median(bare);

  return {
    settings: { ...options, absWorkingDir: undefined, metafile: undefined, logLevel: undefined, define: options.define ? `{ ${Object.keys(options.define).join(', ')}: the manifests }` : undefined },
    runs,
    bareNodeMs: { median: round(bareMedian), runs: bare.map((ms) => round(ms)) },
    bundles: built.map((b) => {
      const content = readFileSync(b.outfile);
      const runsMs = imports.get(b.name)!;
      return {
        name: b.name,
        entry: relative(repoRoot, b.entry),
        bytes: content.length,
        gzipBytes: gzipSync(content).length,
        overTarget: content.length > BUNDLE_TARGET_BYTES,
        importProcessMs: { median: round(median(runsMs)), runs: runsMs.map((ms) => round(ms)) },
        addedMs: round(median(runsMs) - bareMedian),
        contributors: contributors(b.metafile, b.outfile),
      };
    }),
  };
}

export function bundlesMarkdown(r: BundlesReport): string[] {
  const kb = (n: number) => `${round(n / 1024)} KB`;
  const over = r.bundles.filter((b) => b.overTarget);
  return [
    `## Lambda bundles, as deployed (infra/function-bundling.ts: esm, minified, target node24, @aws-sdk/* external)`,
    '',
    `Fresh process: wall time of \`node --input-type=module -e "await import('<bundle>')"\` from spawn to exit, median of ${r.runs},`,
    `beside bare \`node -e ""\` in the same rounds (median ${r.bareNodeMs.median} ms). Node ${process.version} here; Lambda runs Node 24 on arm64.`,
    '',
    `| Function | Entry | Minified | Gzipped | Fresh process with import | Bare node | Import adds |`,
    '|---|---|---|---|---|---|---|',
    ...r.bundles.map(
      (b) =>
        `| ${b.name} | ${b.entry} | ${kb(b.bytes)}${b.overTarget ? ` **over the ${kb(BUNDLE_TARGET_BYTES)} target**` : ''} | ${kb(b.gzipBytes)} | ${b.importProcessMs.median} ms | ${r.bareNodeMs.median} ms | ${b.addedMs} ms |`,
    ),
    '',
    over.length
      ? `**Over the ${kb(BUNDLE_TARGET_BYTES)} target: ${over.map((b) => b.name).join(', ')}.**`
      : `Every bundle is under the ${kb(BUNDLE_TARGET_BYTES)} target.`,
    '',
    '### What the bytes are (largest contributors, minified bytes in the bundle)',
    '',
    '| Function | Largest contributors |',
    '|---|---|',
    ...r.bundles.map((b) => `| ${b.name} | ${b.contributors.map((c) => `${c.name} ${kb(c.bytes)} (${Math.round((100 * c.bytes) / b.bytes)}%)`).join(', ')} |`),
    '',
  ];
}
