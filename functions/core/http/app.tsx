/**
 * Every capability's Hono app starts here, so all of them share one error shape, the same security
 * headers, the 64 KB body limit, the staff guard, and the same 404 and error pages. This is the one
 * place a domain `Refusal` becomes an HTTP status and a service outage becomes 503 with Retry-After.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { config } from '../config.js';
import { countRefusal, logger } from '../log.js';
import { Refusal, ServiceUnavailable } from '../refusal.js';
import { ErrorPage, NotFoundPage, UnavailablePage } from '../ui/error-pages.js';
import { requireRole, type AppEnv } from './auth.js';
import { HttpError, errorJson, refusalToHttp } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

export const isApi = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/');

export function handleNotFound(c: Context) {
  if (isApi(c)) return errorJson(c, new HttpError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`));
  return c.html(<NotFoundPage />, 404);
}

/** Anything thrown in a request, as the answer to send: a refusal or HTTP error as it is, an outage as 503, the rest as 500. */
export function toHttpError(err: unknown, path: string): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof Refusal) {
    countRefusal(err.code);
    return refusalToHttp(err);
  }
  if (err instanceof ServiceUnavailable) {
    logger.warn('service unavailable', { path, reason: err.message, cause: err.cause instanceof Error ? err.cause.name : undefined });
    return new HttpError(503, 'service_unavailable', 'Sorry, the service is busy. Try again in a few minutes: nothing you sent has been lost.', undefined, err.retryAfterSeconds);
  }
  // Hono's own HTTPExceptions (e.g. a malformed form body) are client errors too.
  if (err instanceof HTTPException && err.status < 500) {
    return new HttpError(err.status, err.status === 403 ? 'forbidden' : 'bad_request', err.message || 'The request could not be read');
  }
  logger.error('request failed', { path, error: err as Error });
  return new HttpError(500, 'internal_error', 'Sorry, there is a problem with the service');
}

export function handleError(err: Error, c: Context) {
  const error = toHttpError(err, c.req.path);
  if (isApi(c)) return errorJson(c, error);
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  if (error.status === 503) return c.html(<UnavailablePage />, 503);
  return c.html(<ErrorPage error={error} returnTo={c.req.path} />, error.status);
}

/** Security headers for every page: scripts, styles and form targets only from this site. */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(securityHeaders());
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        const error = new HttpError(413, 'payload_too_large', 'The request body is larger than 64 KB');
        return isApi(c) ? errorJson(c, error) : c.html(<ErrorPage error={error} />, 413);
      },
    }),
  );
  // Forms post only from our own pages, so a staff session cookie cannot be used from another site.
  // The JSON API is not a form target: it answers a form content type with 415 instead.
  const formOriginCheck = csrf({ origin: (origin) => origin === new URL(config().publicBaseUrl).origin });
  app.use((c, next) => (isApi(c) ? next() : formOriginCheck(c, next)));
  // Everything under /staff needs a signed-in member of staff, even a page that does not exist, so a
  // forgotten guard cannot leave a staff page open. Staff pages show personal data: never cached.
  app.use('/staff/*', requireRole('staff'), async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
