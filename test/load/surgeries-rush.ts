/** Sending a surgeries rush all at once and timing it (surgeries-bench.ts, surgeries-baseline.ts). */
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

export interface Run {
  requests: number;
  ok: number;
  refused: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  /** Successful writes (bookings made, or moves done) a second. */
  perSecond: number;
  /** Requests answered (done or refused) a second. */
  answeredPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
}

/** Runs every request at once; `ok` and `refused` are the statuses that count as such. */
export async function rush(requests: Array<() => Promise<number | string>>, ok: (s: number | string) => boolean, refused: (s: number | string) => boolean): Promise<Run> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let okCount = 0;
  let refusedCount = 0;
  const started = performance.now();
  await Promise.all(
    requests.map(async (send) => {
      const t0 = performance.now();
      let status: number | string;
      try {
        status = await send();
      } catch (error) {
        status = error instanceof Error ? error.name : 'error';
      }
      latencies.push(performance.now() - t0);
      if (ok(status)) okCount++;
      else if (refused(status)) refusedCount++;
      else failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: requests.length,
    ok: okCount,
    refused: refusedCount,
    failed: requests.length - okCount - refusedCount,
    failures,
    seconds: round(seconds, 2),
    perSecond: round(okCount / seconds),
    answeredPerSecond: round((okCount + refusedCount) / seconds),
    latencyMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? NaN) },
  };
}

export const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  return res.status;
};

