/**
 * The AWS SDK's HTTP connections in the bench. A client's agent allows 50 sockets by default, and the
 * SDK warns ("socket usage at capacity ... additional requests are enqueued") whenever twice that many
 * requests wait, at most every 15 s per client. In Lambda one request runs per instance, so 50 is
 * plenty; in the bench one process serves 100 to 200 requests at once, so:
 *
 * - each client the bench makes, and the platform's own client in each of its processes, gets an
 *   agent sized to the concurrency the bench uses (`sizeSockets`, `benchClient`);
 * - what still warns is counted, not printed (`countSocketWarnings`), and the report says how many
 *   times and the first message, once.
 */
import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Sockets a bench client may open: above any section's requests in flight (at most 200) with the calls each makes. */
export const BENCH_MAX_SOCKETS = 400;

const SOCKET_WARNING = /socket usage at capacity/;

export interface SocketWarnings {
  count: number;
  first?: string;
}

const warnings: SocketWarnings = { count: 0 };

/** From now on this process counts the SDK's socket warnings instead of printing them; other warnings print as before. */
export function countSocketWarnings(): SocketWarnings {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : '';
    if (!SOCKET_WARNING.test(text)) return warn(...args);
    warnings.count++;
    warnings.first ??= text.split('\n')[0];
  };
  return warnings;
}

export const socketWarnings = (): SocketWarnings => ({ ...warnings });

/** Gives a client an agent with `maxSockets` (before its first request, or the old agent's sockets stay open until it is destroyed). */
export function sizeSockets(client: DynamoDBClient, maxSockets = BENCH_MAX_SOCKETS): DynamoDBClient {
  const handler = client.config.requestHandler as { updateHttpClientConfig?: (key: string, value: unknown) => void };
  handler.updateHttpClientConfig?.('httpAgent', new Agent({ keepAlive: true, maxSockets }));
  return client;
}

/** A DynamoDB client for DynamoDB Local (or the proxy) with sockets for the bench's concurrency. */
export function benchClient(endpoint: string, maxSockets = BENCH_MAX_SOCKETS): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { httpAgent: { keepAlive: true, maxSockets } },
  });
}
