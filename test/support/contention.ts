/**
 * Runs a test file's DynamoDB traffic through the contention proxy (local/contention-proxy.ts), so its
 * races meet DynamoDB's transaction conflicts rather than DynamoDB Local's run-everything-in-turn.
 * The SDK keeps its default retry settings; only the endpoint changes.
 *
 *   const contention = useContentionProxy();          // at the top of a describe or file
 *   ... race ...
 *   expect(contention.proxy().stats().transactionsCancelled).toBeGreaterThan(0);
 */
import { afterAll, beforeAll } from 'vitest';
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
