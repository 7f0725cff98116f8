/** Small measuring helpers shared by the bench's sections. */

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `work` for 0..count-1 with at most `limit` in flight; stops starting new ones after `budgetMs`. */
export async function pool(count: number, limit: number, budgetMs: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const stopAt = Date.now() + budgetMs;
  const worker = async () => {
    while (next < count && Date.now() < stopAt) await work(next++);
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return next;
}
