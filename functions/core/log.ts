/**
 * One logger and one metrics recorder for every function: Powertools for AWS Lambda. Logs are JSON
 * lines with the request id as correlation id and the cold-start flag (see http/lambda.ts, which
 * adds the Lambda context); metrics go to CloudWatch in embedded metric format.
 *
 * No personal data reaches a log line: every string in a log item (message, extra keys, errors) is
 * passed through `redact`, which masks email addresses and link secrets, whatever the caller put in.
 *
 *   logger.warn('email not sent', { emailId, kind, reason });
 *   countRefusal('meeting_full');
 */
import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';

const EMAIL = /[^\s@<>"'(),;:\\[\]]+@[^\s@<>"'(),;:\\[\]]+\.[^\s@<>"'(),;:\\[\]]+/g;
/** Manage-link and invitation tokens: 43 base64url characters (32 random bytes). */
const SECRET = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** Masks email addresses and link secrets in a string. */
export const redactText = (text: string) => text.replace(EMAIL, '[email]').replace(SECRET, '[secret]');

/** The value with every string in it redacted (objects and arrays copied, not changed). */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redact({ name: value.name, message: value.message, stack: value.stack }, depth + 1);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, depth + 1)]));
}

/** Powertools' standard fields, then the extra keys, with personal data masked. */
class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const base: LogAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      xray_trace_id: attributes.xRayTraceId,
    };
    return new LogItem({ attributes: redact({ ...base, ...additional }) as LogAttributes });
  }
}

export const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'engagement', logFormatter: new RedactingLogFormatter() });

export const metrics = new Metrics({ namespace: process.env['POWERTOOLS_METRICS_NAMESPACE'] ?? 'Engagement' });

/** Adds one to a count (published at the end of the invocation). */
export const count = (name: string, value = 1) => metrics.addMetric(name, MetricUnit.Count, value);

/** A refusal, counted by its code (its own metric set, so the code can be a dimension). */
export function countRefusal(code: string): void {
  const single = metrics.singleMetric();
  single.addDimension('code', code);
  single.addMetric('Refusals', MetricUnit.Count, 1);
}

/** Why something failed, for a log line: the error's name and message, redacted. */
export const reasonOf = (error: unknown) => redactText(error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Work that follows a committed change and has its own safety net (the timer promotes from waiting
 * lists, finishes retention, retries email): if it fails, the person is still told their change
 * succeeded, because it did; the failure is logged.
 */
export async function afterCommit(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn(`${what} did not finish after a committed change; the timer will`, { reason: reasonOf(error) });
  }
}
