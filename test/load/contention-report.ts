/**
 * What the contended rush measured (contention-bench.ts), issue 16's targets checked against it, the
 * partition arithmetic, and the markdown.
 */
import type { CallerStats, PartitionUse } from '../../local/contention-proxy.js';
import { round, type CpuUse } from './measure.js';

export interface RushFigures {
  requests: number;
  accepted: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  perSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
}

interface PrefixFigures {
  /** The partition key up to its first `#` (`OUTBOX#`), or the meeting's own partition. */
  prefix: string;
  partitions: number;
  units: number;
  unitsPerRegistration: number;
  /** The highest rate any one of these partitions took in one second. */
  peakUnitsPerSecond: number;
  throttled: number;
}

export interface PartitionFigures {
  /** The rush's meeting's partition: every registration of the meeting writes there. */
  meeting: PrefixFigures;
  /** The other partitions the rush wrote to, by key prefix. */
  others: PrefixFigures[];
  /** Registrations a second AWS would accept for one meeting: the budget over the units each takes in the meeting's partition. */
  sustainablePerSecond: number;
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

type RawRun = { transactions: number; failed: number; seconds: number; perSecond: number };

/** The rush with the decider held (the request path alone), then the decider alone on its queue: CPU ms per registration in each process. */
export interface ApartFigures {
  requestPath: { rush: RushFigures; cpuMsPerRegistration: CpuUse };
  /** Its rate over the request-shaped raw baseline through the proxy (the rate target's ratio, with no deciding at all). */
  ratio: number;
  decider: { seconds?: number; perSecond?: number; leftToSweep: number; cpuMsPerRegistration: CpuUse; exact: boolean };
  cpus: number;
}

export interface ContentionResult {
  holdMs: number;
  /** Write units a second per partition. */
  writeBudget: number;
  registrations: number;
  capacity: number;
  inFlight: number;
  rush: RushFigures;
  /** Registrations answered 503 (never a 500: those are in failures). */
  unavailable: number;
  conflicts: { total: number; perRegistration: number; registrationsWithAConflict: number; shareWithAConflict: number };
  proxy: { transactionsCancelled: number; singleWritesRejected: number; throttled: number; forwarded: number; transactWrites: number };
  /** What the API asked of DynamoDB during the rush (the proxy's `requests` entrance). */
  requestPath: { reads: number; readsPerRegistration: number; operations: Record<string, number>; throttled: number };
  /** What the delivery process (email delivery, and the stream's other consumers) asked, rush to the last decision. */
  background: CallerStats;
  /** After the last answer: when every registration had left `requested` with its email queued, or what was still waiting. */
  deciding: { requested: number; withoutEmail: number; total: number; decidedWithinMs?: number; gaveUpAfterMs?: number; leftToSweep: number };
  partitions: PartitionFigures;
  outcome: { confirmed: number; waitlisted: number; other: number; placesLeft: number; confirmedCount: number; waitlistedCount: number; exact: boolean };
  /** The request a registration saves, as raw transactions through the proxy and its budget (the platform's retries): the rate target's baseline. */
  rawShapedThroughProxy: { before: RawRun; after: RawRun; perSecond: number };
  rawThroughProxy: { transactions: number; failed: number; throttled: number; perSecond: number };
  meetingItemDesign: { transactions: number; committed: number; gaveUp: number; conflicts: number; perSecond: number; p50: number; p99: number };
  /** CPU ms per registration in each process: during the rush (the decider alongside), and from the last answer until every place was decided. */
  cpu: { rush: CpuUse; decidingAfter: CpuUse };
  apart: ApartFigures;
  /** The outcome is exact with nothing failed (the correctness the bench has always required). */
  passed: boolean;
  targets: Target[];
}

const prefixOf = (key: string) => (key.includes('#') ? key.slice(0, key.indexOf('#') + 1) : key);

/** What each partition took, grouped: the meeting's own partition, then the rest by key prefix. */
export function partitionFigures(usage: readonly PartitionUse[], tableName: string, meetingPartition: string, registrations: number, budget: number): PartitionFigures {
  const group = (prefix: string, uses: PartitionUse[]): PrefixFigures => {
    const units = uses.reduce((n, u) => n + u.units, 0);
    return {
      prefix,
      partitions: uses.length,
      units,
      unitsPerRegistration: round(units / registrations, 2),
      peakUnitsPerSecond: Math.max(0, ...uses.map((u) => u.peakUnitsPerSecond)),
      throttled: uses.reduce((n, u) => n + u.throttled, 0),
    };
  };
  const own = usage.filter((u) => u.table === tableName);
  const meeting = group(meetingPartition, own.filter((u) => u.key === meetingPartition));
  const rest = new Map<string, PartitionUse[]>();
  for (const u of own.filter((u) => u.key !== meetingPartition)) rest.set(prefixOf(u.key), [...(rest.get(prefixOf(u.key)) ?? []), u]);
  return {
    meeting,
    others: [...rest].map(([prefix, uses]) => group(prefix, uses)).sort((a, b) => b.units - a.units),
    sustainablePerSecond: meeting.unitsPerRegistration ? round(budget / meeting.unitsPerRegistration) : Infinity,
  };
}

/** Issue 16's targets, for the contended rush. */
export function targetsOf(r: ContentionResult): Target[] {
  const ms = (n: number) => `${n.toLocaleString('en-GB')} ms`;
  const l = r.rush.latencyMs;
  const ratio = r.rush.perSecond / r.rawShapedThroughProxy.perSecond;
  const d = r.deciding;
  const o = r.outcome;
  return [
    { name: 'Latency p95', target: '≤ 1,000 ms', measured: ms(l.p95), met: l.p95 <= 1000 },
    { name: 'Latency p99', target: '≤ 2,000 ms', measured: ms(l.p99), met: l.p99 <= 2000 },
    { name: 'Latency max', target: '≤ 3,000 ms', measured: ms(l.max), met: l.max <= 3000 },
    {
      name: 'Registrations a second',
      target: '≥ 0.8 × the request-shaped raw baseline through the proxy, same run',
      measured: `${r.rush.perSecond} against ${r.rawShapedThroughProxy.perSecond} (${round(ratio, 2)} ×)`,
      met: ratio >= 0.8,
    },
    {
      name: 'Every registration decided and its email queued, after the last answer',
      target: 'within 10 s',
      measured:
        d.decidedWithinMs !== undefined
          ? `${round(d.decidedWithinMs / 1000, 1)} s`
          : `not all: ${d.requested} still requested and ${d.withoutEmail} decided without an email when deciding stopped, ${round((d.gaveUpAfterMs ?? 0) / 1000, 1)} s after`,
      met: d.decidedWithinMs !== undefined && d.decidedWithinMs <= 10_000,
    },
    { name: 'Left to the sweep', target: '0', measured: String(d.leftToSweep), met: d.leftToSweep === 0 },
    { name: 'Reads per registration on the request path', target: '≤ 2', measured: String(r.requestPath.readsPerRegistration), met: r.requestPath.readsPerRegistration <= 2 },
    {
      name: 'Outcome',
      target: `exactly ${r.capacity} confirmed, ${r.registrations - r.capacity} waitlisted, 0 failed, 0 × 503, counters equal the items`,
      measured: `${o.confirmed} confirmed, ${o.waitlisted} waitlisted, ${o.other} other, ${r.rush.failed} failed (${r.unavailable} × 503); counters ${o.confirmedCount} / ${o.waitlistedCount}, ${o.placesLeft} places left`,
      met: r.passed,
    },
  ];
}

export function contentionMarkdown(r: ContentionResult, w: { rush: RushFigures; rawPerSecond: number; rawShapedPerSecond: number }): string {
  const ok = (pass: boolean) => (pass ? 'yes' : '**NO**');
  const row = (label: string, f: RushFigures, extra: string) =>
    `| ${label} | ${f.perSecond} | ${f.latencyMs.p50} / ${f.latencyMs.p95} / ${f.latencyMs.p99} / ${f.latencyMs.max} | ${extra} |`;
  const p = r.partitions;
  const prefixRow = (label: string, f: PrefixFigures) => `| ${label} | ${f.partitions} | ${f.units} | ${f.unitsPerRegistration} | ${f.peakUnitsPerSecond} | ${f.throttled} |`;
  const perRegistration = (ops: Record<string, number>) =>
    Object.entries(ops)
      .sort(([, a], [, b]) => b - a)
      .map(([op, n]) => `${op} ${round(n / r.registrations, 2)}`)
      .join(', ') || 'none';
  const s = r.rawShapedThroughProxy;
  return [
    `## Under DynamoDB's contention and its per-partition write budget: the same rush through the contention proxy`,
    '',
    `Every DynamoDB call of the API and of the delivery process goes through local/contention-proxy.ts, which cancels a transaction touching an item another`,
    `transaction holds (TransactionConflict; held at least ${r.holdMs} ms), rejects single writes to such items, and throttles writes beyond **${r.writeBudget.toLocaleString('en-GB')} write units a second per partition**`,
    "(AWS's per-partition ceiling; a transactional write costs 2 units per KB of item size, a standard one 1), as DynamoDB does; the SDK keeps its default retries.",
    "After the last answer the bench counts the meeting's queue straight from DynamoDB Local every 200 ms until it is empty, then reads every registration once to check none is `requested` and each has its email queued.",
    'The decider runs throughout; email delivery is held from the rush until every place is decided, then sends them all: in AWS it runs on its own Lambdas and writes other partitions, but here its DynamoDB work would take the two CPUs from the requests being measured (the run without the proxy, above, delivers alongside and times the emails).',
    '',
    "### Issue 16's targets",
    '',
    '| Target | | Measured | Met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${ok(t.met)} |`),
    '',
    '| Run (same bench run) | Registrations per second | Latency p50 / p95 / p99 / max (ms) | Outcome |',
    '|---|---|---|---|',
    row('Without the proxy (above)', w.rush, `${w.rush.accepted} accepted, ${w.rush.failed} failed`),
    row('Through the proxy, with the budget', r.rush, `${r.rush.accepted} accepted, ${r.rush.failed} failed, ${r.unavailable} answered 503`),
    '',
    ...apartMarkdown(r),
    '### Write units by partition, measured by the proxy (rush to the last decision)',
    '',
    '| Partition | Partitions | Write units | Per registration | Peak units in one second (one partition) | Throttled requests |',
    '|---|---|---|---|---|---|',
    prefixRow(`The meeting's own (\`${p.meeting.prefix}\`)`, p.meeting),
    ...p.others.map((o) => prefixRow(`\`${o.prefix}…\``, o)),
    '',
    `Every registration of one meeting writes **${p.meeting.unitsPerRegistration} write units** into the meeting's partition. At AWS's ${r.writeBudget.toLocaleString('en-GB')} units a second per partition`,
    `that is **about ${p.sustainablePerSecond} registrations a second for one meeting's rush** (${r.writeBudget.toLocaleString('en-GB')} ÷ ${p.meeting.unitsPerRegistration}); the other partitions each take a few units and spread out.`,
    '',
    '| Through the proxy | |',
    '|---|---|',
    `| The request path (the API's calls, per registration) | ${perRegistration(r.requestPath.operations)}; reads ${r.requestPath.readsPerRegistration} per registration; ${r.requestPath.throttled} throttled |`,
    `| The delivery process (email delivery and the stream's other consumers), per registration | ${perRegistration(r.background.operations)}; ${r.background.throttled} throttled |`,
    `| Stored afterwards | ${r.outcome.confirmed} confirmed, ${r.outcome.waitlisted} waitlisted, ${r.outcome.other} other; counters placesLeft ${r.outcome.placesLeft}, confirmed ${r.outcome.confirmedCount}, waitlisted ${r.outcome.waitlistedCount} (exact: ${ok(r.outcome.exact)}) |`,
    `| Conflicts (transactions cancelled + single writes rejected) | ${r.proxy.transactionsCancelled} + ${r.proxy.singleWritesRejected} = ${r.conflicts.perRegistration} per registration; ${r.conflicts.registrationsWithAConflict} registrations met one (${round(r.conflicts.shareWithAConflict * 100, 2)}%) |`,
    `| Requests throttled by the budget | ${r.proxy.throttled} |`,
    `| TransactWriteItems through the proxy | ${r.proxy.transactWrites} |`,
    '',
    '| Baselines through the proxy and its budget (same run) | Per second | Failed |',
    '|---|---|---|',
    `| The request a registration saves (3 items in the meeting's partition), through the platform's transactWrite and its retries: before / after the rush | ${s.before.perSecond} / ${s.after.perSecond}, mean **${s.perSecond}** (without the proxy: ${w.rawShapedPerSecond}) | ${s.before.failed} / ${s.after.failed} |`,
    `| 2-item raw transactions on one counter item, without the proxy (above) | ${w.rawPerSecond} | 0 |`,
    `| 2-item raw transactions on one counter item (SDK defaults: neither conflicts nor throttled transactions are retried) | ${r.rawThroughProxy.perSecond} | ${r.rawThroughProxy.failed} of ${r.rawThroughProxy.transactions} cancelled (${r.rawThroughProxy.throttled} throttled) |`,
    `| The old design: each registration's 4-item transaction updating the meeting item, with the platform's bounded retries (${r.meetingItemDesign.transactions}) | ${r.meetingItemDesign.perSecond} committed | ${r.meetingItemDesign.gaveUp} of ${r.meetingItemDesign.transactions} gave up (503); ${r.meetingItemDesign.conflicts} conflicts; p50 ${r.meetingItemDesign.p50} ms, p99 ${r.meetingItemDesign.p99} ms |`,
    '',
    `API rate through the proxy ÷ without it = **${round(r.rush.perSecond / w.rush.perSecond, 2)}**. Exact outcome, 0 failed, 0 × 503 through the proxy: ${ok(r.passed)}.`,
    '',
  ].join('\n');
}

const cpuTotal = (c: CpuUse) => round((c.dynamoDbLocal ?? 0) + (c.apiServerAndLoad ?? 0) + (c.delivery ?? 0) + (c.sesEmulator ?? 0), 2);
const cpuCells = (c: CpuUse) => `${c.dynamoDbLocal ?? '—'} | ${c.apiServerAndLoad ?? '—'} | ${c.delivery ?? '—'} | ${cpuTotal(c)}`;

/** Answering and deciding apart: what this box allows, from the same run's CPU. */
function apartMarkdown(r: ContentionResult): string[] {
  const a = r.apart;
  const q = a.requestPath.rush;
  const answering = cpuTotal(a.requestPath.cpuMsPerRegistration);
  const deciding = cpuTotal(a.decider.cpuMsPerRegistration);
  const best = round((a.cpus * 1000) / (answering + deciding));
  const bestAnsweringOnly = round((a.cpus * 1000) / answering);
  const l = (f: RushFigures) => `${f.latencyMs.p50} / ${f.latencyMs.p95} / ${f.latencyMs.p99} / ${f.latencyMs.max}`;
  return [
    '### Answering and deciding apart: what this box allows',
    '',
    `The same rush again through the proxy, with the decider held until the last answer (the request path alone), then the decider released on that queue`,
    `with nothing else running (deciding alone). CPU is each process's, per registration; the bench process holds the API server, the load generator and the proxy;`,
    `the delivery process holds the stream poller and the decider. Deciding alone includes the bench counting the queue every 200 ms to see when it is done.`,
    '',
    '| Phase (through the proxy, same run) | Registrations a second | Latency p50 / p95 / p99 / max (ms) | CPU ms: DynamoDB Local | CPU ms: bench process | CPU ms: delivery process | CPU ms: all |',
    '|---|---|---|---|---|---|---|',
    `| The rush, the decider alongside (the targets' run) | ${r.rush.perSecond} | ${l(r.rush)} | ${cpuCells(r.cpu.rush)} |`,
    `| … then until every place was decided | | | ${cpuCells(r.cpu.decidingAfter)} |`,
    `| The same rush, the decider held: the request path alone | ${q.perSecond} (${a.ratio} × the request-shaped raw baseline) | ${l(q)} | ${cpuCells(a.requestPath.cpuMsPerRegistration)} |`,
    `| The decider alone on that queue | ${a.decider.perSecond ?? '—'} decided a second (${a.decider.seconds ?? '—'} s for ${r.registrations}; ${a.decider.leftToSweep} left to the sweep; exact: ${a.decider.exact ? 'yes' : '**NO**'}) | | ${cpuCells(a.decider.cpuMsPerRegistration)} |`,
    '',
    `With no deciding on the box at all, the request path answers **${q.perSecond} a second (${a.ratio} × the request-shaped raw baseline; the target is 0.8 ×) with a p95 of ${q.latencyMs.p95.toLocaleString('en-GB')} ms** (the target is 1,000).`,
    `Answering takes ${answering} ms of CPU per registration and deciding ${deciding} ms. On ${a.cpus} CPUs, answering alone allows at most ${bestAnsweringOnly} a second, and answering with deciding`,
    `at most ${best} a second; with ${r.inFlight} in flight a closed loop's mean latency is ${r.inFlight} ÷ its rate (Little's law), so at least ${round((r.inFlight / best) * 1000).toLocaleString('en-GB')} ms at that rate.`,
    '',
  ];
}
