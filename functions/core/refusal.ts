/**
 * How the domain says no. A `Refusal` is an answer for the person (the meeting is full, the slot is
 * taken, the link has expired): a stable code for programs, a message for people, and optional field
 * errors that pages show beside their fields. Domain code throws refusals and never HTTP errors; one
 * place (http/app.tsx) turns them into statuses for the API and error summaries for pages.
 *
 *   throw new Refusal('meeting_full', 'This meeting is full');
 *   throw new Refusal('not_found', 'There is no meeting with this id', { kind: 'not-found' });
 *   throw new Refusal('invalid_places', 'Some of the information sent is not valid', { kind: 'invalid', fields: [{ field: 'places', message: '...' }] });
 */

export interface FieldError {
  /** Dotted path of the offending input, e.g. `email` or `answers.0.choice`. */
  field: string;
  message: string;
}

/**
 * What sort of no it is, which is all the HTTP layer needs: `invalid` (400: fix the input), `not-found`
 * (404), `conflict` (409: the state does not allow it now), `gone` (410: expired for good).
 */
export type RefusalKind = 'invalid' | 'not-found' | 'conflict' | 'gone';

export class Refusal extends Error {
  readonly kind: RefusalKind;
  readonly fields?: FieldError[];

  constructor(
    readonly code: string,
    message: string,
    options: { kind?: RefusalKind; fields?: FieldError[] } = {},
  ) {
    super(message);
    this.name = 'Refusal';
    this.kind = options.kind ?? 'conflict';
    if (options.fields?.length) this.fields = options.fields;
  }
}

export const notFound = (message: string, code = 'not_found') => new Refusal(code, message, { kind: 'not-found' });

/** One field's problem, as a refusal the form shows beside that field. */
export const invalidField = (field: string, message: string, code = 'validation_failed') =>
  new Refusal(code, 'Some of the information sent is not valid', { kind: 'invalid', fields: [{ field, message }] });

/**
 * The service cannot answer now (the database is unreachable or busy after retries). Not the person's
 * fault and nothing was lost: answered with 503 and Retry-After, and a page that says try again soon.
 */
export class ServiceUnavailable extends Error {
  readonly retryAfterSeconds: number;

  constructor(message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ServiceUnavailable';
    this.retryAfterSeconds = options.retryAfterSeconds ?? 5;
  }
}

const UNAVAILABLE_ERRORS = new Set([
  'TimeoutError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionConflictException',
  'TransactionInProgressException',
  'LimitExceededException',
]);
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether an error from an AWS service (after the SDK's own retries) means the service could not
 * answer: unreachable, timed out, throttled or failing on its side. Such a request did not complete
 * through any fault of the person: 503, try again.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (UNAVAILABLE_ERRORS.has(e.name) || (e.code && UNAVAILABLE_CODES.has(e.code))) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up/i.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isServiceUnavailable(e.cause);
}
