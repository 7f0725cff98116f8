/**
 * Builds the static assets into web/dist, which the local server serves at /assets/ and CloudFront
 * serves from S3: the stylesheet (GOV.UK Frontend in the organisation's colours, compiled from
 * web/styles/app.scss), GOV.UK Frontend's JavaScript with a small ES module that starts it, and images.
 * The maps: web/map/map.ts bundled with Leaflet (from npm, no CDN) into map.js, Leaflet's styles and
 * ours into map.css (web/styles/map.scss), and the ward and council-area boundaries the code ships
 * (functions/core/geography/) as map/*.json.
 * Skips the work when nothing it reads has changed, and writes each file atomically, so test files
 * running in parallel can all call it.
 *
 *   npx tsx web/build.ts
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as bundle } from 'esbuild';
import * as sass from 'sass';

const webDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(webDir);
export const distDir = join(webDir, 'dist');

const govukDir = dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json'));
const govukScript = join(govukDir, 'dist/govuk/govuk-frontend.min.js');
const leafletDir = dirname(createRequire(import.meta.url).resolve('leaflet/package.json'));
const geographyDir = join(repoRoot, 'functions', 'core', 'geography');
const BOUNDARIES = ['llr-wards.json', 'llr-council-areas.json'];

/** Runs on every page as a module, so only in browsers GOV.UK Frontend supports (as its template does). */
const INIT_SCRIPT = `// Marks the page as able to run GOV.UK Frontend's JavaScript, as its page template does, then starts its components.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Writes via a temporary file and a rename, so a reader never sees half a file. */
async function writeAtomically(path: string, content: string | Buffer) {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

async function copyAtomically(from: string, to: string) {
  await mkdir(dirname(to), { recursive: true });
  const temporary = `${to}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await copyFile(from, temporary);
  await rename(temporary, to);
}

/** A fingerprint of everything the build reads; the build is skipped when it matches the last one. */
async function inputFingerprint(): Promise<string> {
  const inputs = [
    ...(await filesUnder(join(webDir, 'styles'))),
    ...(await filesUnder(join(webDir, 'images'))),
    ...(await filesUnder(join(webDir, 'map'))),
    ...BOUNDARIES.map((f) => join(geographyDir, f)),
    fileURLToPath(import.meta.url),
    join(govukDir, 'package.json'),
    join(leafletDir, 'package.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of inputs) {
    const { size, mtimeMs } = await stat(file);
    hash.update(`${relative(repoRoot, file)}:${size}:${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const OUTPUTS = ['app.css', 'init.js', 'govuk-frontend.min.js', 'images/favicon.svg', 'map.js', 'map.css', ...BOUNDARIES.map((f) => `map/${f}`)];
const STAMP = join(distDir, '.build-fingerprint');

async function isUpToDate(fingerprint: string) {
  const stamp = await readFile(STAMP, 'utf8').catch(() => '');
  if (stamp !== fingerprint) return false;
  const present = await Promise.all(OUTPUTS.map((f) => stat(join(distDir, f)).then(() => true, () => false)));
  return present.every(Boolean);
}

async function build() {
  const fingerprint = await inputFingerprint();
  if (await isUpToDate(fingerprint)) return;

  const { css } = sass.compile(join(webDir, 'styles/app.scss'), {
    style: 'compressed',
    loadPaths: [join(repoRoot, 'node_modules')],
    quietDeps: true,
  });
  await writeAtomically(join(distDir, 'app.css'), css);
  await writeAtomically(join(distDir, 'init.js'), INIT_SCRIPT);
  await copyAtomically(govukScript, join(distDir, 'govuk-frontend.min.js'));
  await copyAtomically(`${govukScript}.map`, join(distDir, 'govuk-frontend.min.js.map'));
  for (const image of await filesUnder(join(webDir, 'images'))) {
    await copyAtomically(image, join(distDir, 'images', relative(join(webDir, 'images'), image)));
  }
  await buildMaps();
  await writeAtomically(STAMP, fingerprint);
}

/** The maps' script (with Leaflet), their styles (Leaflet's and ours) and the boundaries they draw. */
async function buildMaps() {
  const script = await bundle({
    entryPoints: [join(webDir, 'map', 'map.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    sourcemap: 'external',
    outfile: join(distDir, 'map.js'),
    write: false,
    logLevel: 'silent',
  });
  for (const file of script.outputFiles) await writeAtomically(file.path, Buffer.from(file.contents));
  const { css } = sass.compile(join(webDir, 'styles/map.scss'), { style: 'compressed', loadPaths: [join(repoRoot, 'node_modules')], quietDeps: true });
  await writeAtomically(join(distDir, 'map.css'), css);
  for (const file of BOUNDARIES) await copyAtomically(join(geographyDir, file), join(distDir, 'map', file));
}

let running: Promise<void> | undefined;

/** Builds web/dist if anything it is built from has changed. Safe to call from every test file. */
export function buildWeb(): Promise<void> {
  running ??= build().finally(() => {
    running = undefined;
  });
  return running;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  await buildWeb();
  console.log(`Built web/dist in ${Date.now() - started} ms`);
}
