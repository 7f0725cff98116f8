/**
 * The one error shape every JSON response uses:
 *
 *   { "error": { "status": 400, "code": "validation_failed", "message": "...",
 *                "fields": [{ "field": "email", "message": "Enter an email address" }] } }
 *
 * `HttpError` is the HTTP layer's own error (a bad request body, a missing token). The domain never
 * throws it: it throws a `Refusal` (see ../refusal.ts), which app.tsx maps with `refusalToHttp`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldError, Refusal, RefusalKind } from '../refusal.js';

export type { FieldError } from '../refusal.js';

export interface ErrorBody {
  error: { status: number; code: string; message: string; fields?: FieldError[] };
}

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    /** Seconds, for 429 and 503 answers. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return {
      error: {
        status: this.status,
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}

const STATUS: Record<RefusalKind, ContentfulStatusCode> = { invalid: 400, 'not-found': 404, conflict: 409, gone: 410 };

/** The one place a refusal becomes an HTTP status. */
export const refusalStatus = (refusal: Refusal): ContentfulStatusCode => STATUS[refusal.kind];
export const refusalToHttp = (refusal: Refusal) => new HttpError(refusalStatus(refusal), refusal.code, refusal.message, refusal.fields);

export const badRequest = (message: string, fields?: FieldError[]) => new HttpError(400, 'bad_request', message, fields);
export const unauthorised = (message = 'Sign in to continue') => new HttpError(401, 'unauthorised', message);
export const forbidden = (message = 'You do not have permission to do this') => new HttpError(403, 'forbidden', message);

export const validationError = (fields: FieldError[]) => new HttpError(400, 'validation_failed', 'Some of the information sent is not valid', fields);

export function errorJson(c: Context, error: HttpError) {
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  return c.json(error.toBody(), error.status);
}
