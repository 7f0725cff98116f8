/**
 * `npm run bench`: the platform under load, on the real local stack it starts itself (stack.ts:
 * DynamoDB Local in memory, the SES emulator and email delivery in their own processes, the platform
 * server from local/server.ts). Each section measures something against a raw baseline of the same
 * writes in the same run:
 *
 *   meetings        the registration rush, with and without DynamoDB's contention (meetings-bench.ts,
 *                   contention-bench.ts: issue 16's targets, the per-partition write budget)
 *   surgeries       the surgeries rush, through the contention proxy (surgeries-bench.ts)
 *   consultations   responses in a rush, and the cost of reading results (consultations-bench.ts)
 *   community-days  the map endpoint as visits pile up, and the map page's weight (community-days-bench.ts)
 *   bundles         each Lambda bundle's size and import time, once the stack has stopped (bundles.ts)
 *
 *   npm run bench                       every section at its default size (about 10 minutes on two CPUs)
 *   npm run bench -- meetings surgeries those sections only
 *   npm run bench -- --full             the full sizes (about 25 minutes)
 *   npm run bench -- --quick            a fifth of the sizes, to check the bench itself (BENCH_QUICK=1 too)
 *   npm run bench -- --help
 *
 * Writes bench-results/latest.json and bench-results/latest.md (git-ignored) and prints the markdown.
 * Exits 1 if a section's exact outcome does not hold, an email is missing, or a target is not met.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeetingsSizes } from './meetings-report.js';
import { progress, round } from './measure.js';
import { countSocketWarnings, socketWarnings } from './sdk-sockets.js';
import { root, startStack, type Stack } from './stack.js';

const SECTIONS = {
  meetings: "the registration rush (1,000 for 100 places, 100 in flight), its emails and baselines;\n                  the same through the contention proxy and AWS's per-partition write budget, where\n                  issue 16's targets are checked; where a registration's time goes",
  surgeries: '40 councils × 3 booking attempts for 12 slots, then 100 reschedules, straight and\n                  through the contention proxy, beside the same transactions raw',
  consultations: 'responses in a rush beside the same writes raw; counters against the stored\n                  responses; the cost of reading results at two sizes',
  'community-days': "the public map endpoint at 50 visits and after many more; the map page's weight",
  reports: "reading one quarter's report at 100 records and after many more: reads per report, beside\n                  the same Queries raw",
  bundles: 'each Lambda bundled as CDK does: size, and the time to import it in a fresh process',
} as const;
type Section = keyof typeof SECTIONS;

type Mode = 'default' | 'full' | 'quick';
interface Sizes {
  meetings: MeetingsSizes;
  consultations: { responses: number; inFlight: number };
  communityDays: { history: number };
  reports: { more: number };
  bundles: { importRuns: number };
}

/** The meetings rush keeps issue 16's size (1,000 for 100, 100 in flight) by default: its targets are stated for it. */
const SIZES: Record<Mode, Sizes> = {
  default: {
    meetings: { registrations: 1000, capacity: 100, inFlight: 100, stepRuns: 200, wholeRuns: 100, warm: { raw: 1000, shaped: 500, registrations: 200 }, oldDesign: 400 },
    consultations: { responses: 1000, inFlight: 200 },
    communityDays: { history: 950 },
    reports: { more: 950 },
    bundles: { importRuns: 5 },
  },
  full: {
    meetings: { registrations: 1000, capacity: 100, inFlight: 100, stepRuns: 1000, wholeRuns: 500, warm: { raw: 2000, shaped: 1000, registrations: 500 }, oldDesign: 1000 },
    consultations: { responses: 10_000, inFlight: 200 },
    communityDays: { history: 4950 },
    reports: { more: 4950 },
    bundles: { importRuns: 9 },
  },
  quick: {
    meetings: { registrations: 200, capacity: 20, inFlight: 100, stepRuns: 100, wholeRuns: 100, warm: { raw: 200, shaped: 100, registrations: 50 }, oldDesign: 200 },
    consultations: { responses: 500, inFlight: 100 },
    communityDays: { history: 450 },
    reports: { more: 190 },
    bundles: { importRuns: 3 },
  },
};

const HELP = `npm run bench -- [section ...] [--full | --quick] [--help]

Runs the platform under load on a local stack it starts itself, each measurement beside a raw
baseline of the same writes in the same run, and writes bench-results/latest.md and latest.json.

Sections (every one, in this order, when none is named):
${Object.entries(SECTIONS)
  .map(([name, what]) => `  ${name.padEnd(15)} ${what}`)
  .join('\n')}

Sizes:
  (default)  about 10 minutes on two CPUs: the meetings rush at full size (1,000 / 100 / 100 in
             flight), the rest smaller (steps timed 200 times, 100 one at a time, the old design 400
             times; 1,000 consultation responses; 950 visits of history; 1,900 records more in the
             report's quarter; 5 import runs a bundle)
  --full     the full sizes, about 25 minutes: steps 1,000 times, 500 one at a time, the old design
             1,000 times, 10,000 consultation responses, 4,950 visits of history, 9,900 records more
             in the report's quarter, 9 import runs
  --quick    a fifth of the sizes, to check the bench itself (figures not for reporting); BENCH_QUICK=1 too

Also: BENCH_CPU_PROFILE=1 (a CPU profile of an extra registration rush), CONSULTATIONS_BENCH_RESPONSES,
CONSULTATIONS_BENCH_IN_FLIGHT, BENCH_CD_HISTORY (override those sections' sizes).
`;

function parseArguments(args: readonly string[]): { sections: Section[]; mode: Mode } | { help: string; exitCode: number } {
  if (args.includes('--help') || args.includes('-h')) return { help: HELP, exitCode: 0 };
  const unknown = args.filter((a) => !(a in SECTIONS) && !['--full', '--quick'].includes(a));
  const wrong = unknown.length
    ? `Unknown ${unknown.length > 1 ? 'arguments' : 'argument'}: ${unknown.join(', ')}. Sections: ${Object.keys(SECTIONS).join(', ')}.`
    : args.includes('--full') && args.includes('--quick')
      ? 'Choose --full or --quick, not both.'
      : undefined;
  if (wrong) return { help: `npm run bench: ${wrong} See npm run bench -- --help`, exitCode: 2 };
  const named = args.filter((a): a is Section => a in SECTIONS);
  const mode: Mode = args.includes('--full') ? 'full' : args.includes('--quick') || process.env['BENCH_QUICK'] === '1' ? 'quick' : 'default';
  return { sections: (Object.keys(SECTIONS) as Section[]).filter((s) => !named.length || named.includes(s)), mode };
}

interface SectionResult {
  markdown: string;
  json: unknown;
  passed: boolean;
  seconds: number;
}

async function runSection(stack: Stack, section: Exclude<Section, 'bundles'>, sizes: Sizes, outDir: string): Promise<Omit<SectionResult, 'seconds'>> {
  const on = { baseUrl: stack.baseUrl, dynamoEndpoint: stack.dynamoEndpoint, tableName: stack.tableName };
  switch (section) {
    case 'meetings': {
      const { meetingsBench } = await import('./meetings-bench.js');
      const r = await meetingsBench(stack, sizes.meetings, outDir);
      // The targets are reported as met or not; a target not met fails the run as a broken outcome does.
      return { ...r, passed: r.passed && r.json.contention.json.targets.every((t) => t.met) };
    }
    case 'surgeries': {
      progress('Surgeries: 40 councils booking 12 slots three times each at once, then 100 reschedules...');
      const r = await (await import('./surgeries-bench.js')).surgeriesBench(stack);
      return { ...r, passed: r.json.passed };
    }
    case 'consultations': {
      progress('Consultations: responses in a rush, and the cost of reading results...');
      const r = await (await import('./consultations-bench.js')).consultationsBench({ ...on, ...sizes.consultations });
      return { ...r, passed: r.json.passed };
    }
    case 'community-days': {
      progress("Community days: the map endpoint as visits pile up, and the map page's weight...");
      const r = await (await import('./community-days-bench.js')).communityDaysBench({ ...on, ...sizes.communityDays });
      return { ...r, passed: r.json.passed };
    }
    case 'reports': {
      progress("Reports: reading a quarter's report as records pile up in it...");
      const r = await (await import('./reports-bench.js')).reportsBench({ ...on, ...sizes.reports });
      return { ...r, passed: r.json.passed };
    }
  }
}

async function main(): Promise<void> {
  const parsed = parseArguments(process.argv.slice(2));
  if ('help' in parsed) {
    (parsed.exitCode ? console.error : console.log)(parsed.help);
    process.exitCode = parsed.exitCode;
    return;
  }
  const { sections, mode } = parsed;
  const sizes = SIZES[mode];
  const outDir = join(root, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  countSocketWarnings();
  const started = performance.now();
  progress(`npm run bench: ${sections.join(', ')} (${mode === 'default' ? 'default sizes' : mode === 'full' ? 'full sizes' : 'quick: a fifth of the sizes, not for reporting'})`);

  const results: Partial<Record<Section, SectionResult>> = {};
  let environment = '';
  let deliveryWarnings = { count: 0 };
  const onStack = sections.filter((s): s is Exclude<Section, 'bundles'> => s !== 'bundles');
  if (onStack.length) {
    const stack = await startStack();
    environment = stack.environment;
    try {
      for (const section of onStack) {
        const t0 = performance.now();
        results[section] = { ...(await runSection(stack, section, sizes, outDir)), seconds: round((performance.now() - t0) / 1000) };
      }
      deliveryWarnings = (await stack.delivery.status()).socketWarnings;
    } finally {
      await stack.stop();
    }
  }
  if (sections.includes('bundles')) {
    // Once the stack has stopped, so DynamoDB Local's JVM and the rest are not competing for the CPUs.
    progress('Bundling each Lambda as CDK does and timing its import in fresh processes...');
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
    const t0 = performance.now();
    const bundles = await import('./bundles.js');
    const report = await bundles.measureBundles(outDir, sizes.bundles.importRuns);
    results.bundles = { markdown: bundles.bundlesMarkdown(report).join('\n'), json: report, passed: true, seconds: round((performance.now() - t0) / 1000) };
  }

  const warnings = socketWarnings();
  const warned = warnings.count + deliveryWarnings.count;
  const seconds = round((performance.now() - started) / 1000);
  const header = [
    `# Benchmark (${new Date().toISOString()})`,
    '',
    `Sections: ${sections.map((s) => `${s} (${results[s]?.seconds ?? '–'} s)`).join(', ')}; ${mode === 'default' ? 'default sizes' : mode === 'full' ? 'full sizes (--full)' : '**quick (a fifth of the sizes): figures not for reporting**'}; ${round(seconds / 60, 1)} minutes in all.`,
    ...(environment ? ['', environment] : []),
    '',
    `AWS SDK socket warnings ("socket usage at capacity"), counted rather than printed: ${warned}${warned ? ` (${warnings.count} in the bench process, ${deliveryWarnings.count} in the delivery process; first: ${warnings.first ?? 'in the delivery process'})` : ''}. Every client's agent allows ${(await import('./sdk-sockets.js')).BENCH_MAX_SOCKETS} sockets.`,
    '',
  ].join('\n');
  const md = header + sections.map((s) => results[s]!.markdown).join('\n');
  writeFileSync(join(outDir, 'latest.md'), md);
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify({ when: new Date().toISOString(), mode, environment, seconds, socketWarnings: warned, ...Object.fromEntries(sections.map((s) => [s, results[s]!.json])) }, null, 2) + '\n');
  console.log(md);
  const failed = sections.filter((s) => !results[s]!.passed);
  if (failed.length) {
    console.error(`Not passed: ${failed.join(', ')} (see the report)`);
    process.exitCode = 1;
  }
}

await main();
