/**
 * Synthesises the stack as `cdk synth` would (same cdk.json context, same stack definition) for the
 * infrastructure tests. Bundling the functions is skipped unless asked for: it is slow, and one test
 * (bundling.test.ts) proves it works for real.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll } from 'vitest';
import { loadCapabilities, type LoadedCapability } from '../../functions/platform.js';
import { defineEngagementStack } from '../../infra/engagement-app.js';
import { repoRoot } from '../../infra/function-bundling.js';

/** Every capability with its routes, as infra/app.ts loads them. */
const allCapabilities = await loadCapabilities();

export const cdkJsonContext: Record<string, unknown> = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')).context;

export interface SynthesisOptions {
  /** Run esbuild for every function (slow); otherwise the code assets are placeholders. */
  bundle?: boolean;
  /** Context values on top of cdk.json's, e.g. a custom domain. */
  context?: Record<string, unknown>;
  /** Instead of functions/capabilities.ts, e.g. with an extra route to test. */
  capabilities?: readonly LoadedCapability[];
}

const outputDirectories: string[] = [];
// Registered on the importing test file, which this module is evaluated for.
afterAll(() => {
  for (const dir of outputDirectories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Under node_modules/.cache (not cdk.out, which `cdk synth` owns) so that a bundled function finds the
 * AWS SDK in node_modules, as it finds the one in Lambda's runtime. Removed after the test file.
 */
function outputDirectory(): string {
  const parent = join(repoRoot, 'node_modules', '.cache', 'infra-tests');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'synth-'));
  outputDirectories.push(dir);
  return dir;
}

function placeholderAssets(outdir: string): string {
  const dir = join(outdir, 'web-assets');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'app.css'), 'body{}');
  return dir;
}

export function synthesize(options: SynthesisOptions = {}) {
  const outdir = outputDirectory();
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const stack = defineEngagementStack(app, placeholderAssets(outdir), options.capabilities ?? allCapabilities);
  const template = Template.fromStack(stack);
  return { app, stack, template, outdir };
}

/** cdk-nag's AWS Solutions findings (errors and warnings) that are neither fixed nor acknowledged. */
export function unacknowledgedFindings(app: App): string[] {
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}: ${v.description}`),
  );
}
