/** Runs `work` over `items` with at most `limit` in flight: enough parallelism without a thundering herd. */
export async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter: a random wait up to an exponentially growing cap, so retries spread out. */
export const backoff = (attempt: number, baseMs = 15, capMs = 800) => Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
