/**
 * The one error shape every JSON response uses:
 *
 *   { "error": { "status": 400, "code": "validation_failed", "message": "...",
 *                "fields": [{ "field": "email", "message": "Enter an email address" }] } }
 *
 * Throw an `HttpError` anywhere in a request; `errorResponse` turns it (or anything else) into that shape.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export interface FieldError {
  /** Dotted path of the offending input, e.g. `email` or `answers.0.choice`. */
  field: string;
  message: string;
}

export interface ErrorBody {
  error: { status: number; code: string; message: string; fields?: FieldError[] };
}

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
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

export const badRequest = (message: string, fields?: FieldError[]) =>
  new HttpError(400, 'bad_request', message, fields);
export const notFound = (message = 'Not found') => new HttpError(404, 'not_found', message);
export const conflict = (message: string, fields?: FieldError[]) => new HttpError(409, 'conflict', message, fields);
export const unauthorised = (message = 'Sign in to continue') => new HttpError(401, 'unauthorised', message);
export const forbidden = (message = 'You do not have permission to do this') =>
  new HttpError(403, 'forbidden', message);

/** Turns zod issues into field errors named by their path. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { field: [prefix, path].filter(Boolean).join('.') || '(body)', message: issue.message };
  });
}

export function validationError(issues: readonly z.core.$ZodIssue[]): HttpError {
  return new HttpError(400, 'validation_failed', 'Some of the information sent is not valid', fieldErrors(issues));
}

export function errorJson(c: Context, error: HttpError) {
  return c.json(error.toBody(), error.status);
}
