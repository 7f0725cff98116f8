/**
 * A capability's Hono app as a Lambda handler behind API Gateway (HTTP API, payload v2): hono's own
 * adapter, plus the logger's Lambda context (request id as correlation id, cold start) and the
 * invocation's metrics published at its end.
 *
 *   export const handler = lambdaHandler(app);
 */
import type { Context as LambdaContext } from 'aws-lambda';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { logger, metrics } from '../log.js';

export function lambdaHandler(app: Hono<any>) {
  const honoHandler = handle(app);
  return async (event: Parameters<typeof honoHandler>[0], context: LambdaContext) => {
    logger.addContext(context);
    logger.setCorrelationId((event as { requestContext?: { requestId?: string } }).requestContext?.requestId ?? context.awsRequestId);
    metrics.captureColdStartMetric();
    try {
      return await honoHandler(event, context);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

/** A plain function (a timer or a stream) as a Lambda handler, with the same logging and metrics. */
export function jobHandler<E, R>(run: (event: E, context: LambdaContext) => Promise<R>) {
  return async (event: E, context: LambdaContext): Promise<R> => {
    logger.addContext(context);
    logger.setCorrelationId(context.awsRequestId);
    metrics.captureColdStartMetric();
    try {
      return await run(event, context);
    } finally {
      // A run with nothing to count (a wake-up that found nothing to do) publishes nothing, and warns of nothing.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
