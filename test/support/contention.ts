/**
 * Runs a test file's DynamoDB traffic through the contention proxy (local/contention-proxy.ts), so its
 * races meet DynamoDB's transaction conflicts rather than DynamoDB Local's run-everything-in-turn.
 * The SDK keeps its default retry settings; only the endpoint changes.
 *
 *   const contention = useContentionProxy();          // at the top of a describe or file
 *   ... race ...
 *   expect(contention.proxy().stats().transactionsCancelled).toBeGreaterThan(0);
 *
 * `useContentionProxy({ writeBudget: {} })` also throttles writes beyond AWS's per-partition ceiling
 * (1,000 write units a second; `{ unitsPerSecondPerPartition: n }` for another figure), and
 * `proxy().partitions()` says what each partition took.
 */
import { afterAll, beforeAll } from 'vitest';
import { ServiceUnavailable } from '../../functions/core/refusal.js';
import { startContentionProxy, type ContentionProxy, type ContentionProxyOptions } from '../../local/contention-proxy.js';

export function useContentionProxy(options: Omit<ContentionProxyOptions, 'upstream'> = {}): { proxy: () => ContentionProxy } {
  let proxy: ContentionProxy | undefined;
  let upstream: string | undefined;
  beforeAll(async () => {
    upstream = process.env['DYNAMODB_ENDPOINT']!;
    proxy = await startContentionProxy({ upstream, ...options });
    process.env['DYNAMODB_ENDPOINT'] = proxy.endpoint;
  });
  afterAll(async () => {
    if (upstream) process.env['DYNAMODB_ENDPOINT'] = upstream;
    await proxy?.stop();
  });
  return {
    proxy: () => {
      if (!proxy) throw new Error('The contention proxy starts in beforeAll');
      return proxy;
    },
  };
}

/**
 * What a person (or a client honouring Retry-After) does with a 503: tries the same thing again a little
 * later. A busy answer writes nothing, so trying again is always safe. Tests of exact outcomes under
 * contention use it so that a loaded test machine, where DynamoDB Local's slower answers hold items for
 * longer than DynamoDB would, shows up as a retry rather than a lost request; `busy` counts them.
 */
export async function asAPersonWould<T>(attempt: () => Promise<T>, counts: { busy: number } = { busy: 0 }, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ServiceUnavailable) || i >= tries) throw error;
      counts.busy++;
      // Retry-After says seconds; a test waits a jittered fraction of it so the suite stays quick.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * error.retryAfterSeconds * 250));
    }
  }
}
