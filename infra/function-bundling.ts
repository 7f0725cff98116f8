/**
 * How every Lambda is built: esbuild from node_modules (never Docker, so synth works offline),
 * one minified ES module per function with a source map, for the newest Node.js runtime on arm64.
 * JSX settings come from the repo's tsconfig.json (hono/jsx), the same ones tsx and vitest use.
 */
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The newest Node.js runtime this aws-cdk-lib knows; cdk-nag's AwsSolutions-L1 checks the same. */
export const nodeRuntime = lambda.Runtime.NODEJS_24_X;

export const functionBuild = {
  runtime: nodeRuntime,
  architecture: lambda.Architecture.ARM_64,
  handler: 'handler',
  projectRoot: repoRoot,
  depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
  bundling: {
    format: OutputFormat.ESM,
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    forceDockerBundling: false,
    // The runtime ships the AWS SDK v3; bundling it again would only add cold-start time.
    externalModules: ['@aws-sdk/*'],
    // CommonJS dependencies (nodemailer) call require() for Node built-ins; give the ES module one.
    banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
} satisfies Partial<NodejsFunctionProps>;

/** A capability's Lambda entry: its requests (`handler`), its timer work (`scheduled`), its email (`delivery`), a stream consumer it declares (its name). */
export type EntryKind = 'handler' | 'scheduled' | 'delivery' | (string & {});

export const entryFile = (capability: string, file: EntryKind) => path.join(repoRoot, 'functions', capability, `${file}.ts`);

/** The platform's own function: its timer work that needs no capability's code (retention, the outbox backlog). */
export const platformTimerEntry = path.join(repoRoot, 'functions', 'platform-timer.ts');

/** The platform's email-events function: SES's bounces and complaints (core alone, like the timer). */
export const emailEventsEntry = path.join(repoRoot, 'functions', 'email-events.ts');
