/**
 * A stream consumer's Lambda handler (core/streams.ts): the batch's records and a deadline to the work,
 * with the logger's context and the invocation's metrics as every other handler has them.
 *
 *   export const handler = streamHandler(async (records, deadline) => ...);   // functions/<capability>/<name>.ts
 *
 * A handler that throws fails the batch, and the mapping tries it again.
 */
import type { Context as LambdaContext } from 'aws-lambda';
import type { Deadline } from './deadline.js';
import { jobHandler } from './http/lambda.js';
import type { StreamRecord } from './streams.js';

/** Leaves time after the deadline a handler works to, so it can finish what it has started and answer. */
const MARGIN_MS = 10_000;
/** Outside Lambda (a context without a clock), the work gets this long. */
const DEFAULT_BUDGET_MS = 50_000;

/** A stream consumer's Lambda handler, and what it does with records (for tests). */
export interface StreamHandler<R> {
  (event: { Records: StreamRecord[] }, context: LambdaContext): Promise<R>;
  /** The handler's work on these records, working until `deadline`. */
  handleRecords(records: readonly StreamRecord[], deadline?: Deadline): Promise<R>;
}

/** `export const handler = streamHandler(work)`: the work gets the batch's records and when to stop starting more. */
export function streamHandler<R>(work: (records: readonly StreamRecord[], deadline: Deadline) => Promise<R>): StreamHandler<R> {
  const handler = jobHandler(async (event: { Records: StreamRecord[] }, context: LambdaContext) => {
    const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : DEFAULT_BUDGET_MS + MARGIN_MS;
    return work(event.Records ?? [], Date.now() + Math.max(1_000, remaining - MARGIN_MS));
  });
  return Object.assign(handler, { handleRecords: (records: readonly StreamRecord[], deadline: Deadline = Date.now() + DEFAULT_BUDGET_MS) => work(records, deadline) });
}
