/**
 * What the Lambda runtime hands a handler when EventBridge invokes it on a schedule: the scheduled
 * event and a context object, built here as the runtime builds them, so `npm start` calls the same
 * handlers AWS calls, the same way (the logger, for one, reads the context's function ARN).
 */
import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';

/** DynamoDB Local and the SES emulator accept any account; this one is obviously not real. */
const LOCAL_ACCOUNT = '000000000000';

const region = () => process.env['AWS_REGION'] ?? 'eu-west-2';

export interface FunctionSettings {
  functionName: string;
  /** The function's timeout: what getRemainingTimeInMillis counts down from. */
  timeoutMs: number;
  memoryMb: number;
}

/** A fresh context for one invocation, as the Node.js runtime makes it. */
export function lambdaContext({ functionName, timeoutMs, memoryMb }: FunctionSettings, startedAt = Date.now()): Context {
  const deadline = startedAt + timeoutMs;
  const day = new Date(startedAt).toISOString().slice(0, 10).replace(/-/g, '/');
  const unsupported = (name: string) => () => {
    throw new Error(`context.${name}() is not supported: return a promise instead`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region()}:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

/** The event an EventBridge schedule rule sends its target. */
export function scheduledEvent(ruleName: string, now = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT,
    // EventBridge gives the time to the second.
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: region(),
    resources: [`arn:aws:events:${region()}:${LOCAL_ACCOUNT}:rule/${ruleName}`],
    detail: {},
  };
}

export type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

/** Invokes `handler` as an EventBridge rule does, with a new event and context each time. */
export const invokeOnSchedule = (handler: ScheduledHandler, settings: FunctionSettings & { ruleName: string }) => () => {
  const now = new Date();
  return handler(scheduledEvent(settings.ruleName, now), lambdaContext(settings, now.getTime()));
};
