/**
 * Every capability's Hono app starts here, so all of them share one error shape, the same security
 * headers, the 64 KB body limit, the staff guard, and the same 404 and error pages. This is the one
 * place a domain `Refusal` becomes an HTTP status and a service outage becomes 503 with Retry-After.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { config } from '../config.js';
import { countRefusal, logger } from '../log.js';
import { TooManyRequests } from '../rate-limits.js';
import { Refusal, ServiceUnavailable, isServiceUnavailable } from '../refusal.js';
import { ErrorPage, NotFoundPage, TooManyRequestsPage, UnavailablePage } from '../ui/error-pages.js';
import { requireRole, SESSION_COOKIE, type AppEnv } from './auth.js';
import { HttpError, errorJson, refusalToHttp } from './errors.js';
import { imageOriginsFor } from './image-origins.js';
import { isOneClickUnsubscribe } from './one-click.js';
import { formSubmissions, replayApi, replayPage } from './submission-guard.js';
import { RepeatedSubmission } from '../submissions.js';

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
  if (err instanceof TooManyRequests) {
    return new HttpError(429, 'too_many_requests', 'Too many requests from you, or for this email address. Wait a while and try again.', undefined, err.retryAfterSeconds);
  }
  if (err instanceof ServiceUnavailable || isServiceUnavailable(err)) {
    const cause = err instanceof ServiceUnavailable ? err.cause : err;
    logger.warn('service unavailable', { path, reason: (err as Error).message, cause: cause instanceof Error ? cause.name : undefined });
    const retryAfter = err instanceof ServiceUnavailable ? err.retryAfterSeconds : 10;
    return new HttpError(503, 'service_unavailable', 'Sorry, the service is busy. Try again in a few minutes: nothing you sent has been lost.', undefined, retryAfter);
  }
  // Hono's own HTTPExceptions (e.g. a malformed form body) are client errors too.
  if (err instanceof HTTPException && err.status < 500) {
    return new HttpError(err.status, err.status === 403 ? 'forbidden' : 'bad_request', err.message || 'The request could not be read');
  }
  logger.error('request failed', { path, error: err as Error });
  return new HttpError(500, 'internal_error', 'Sorry, there is a problem with the service');
}

export function handleError(err: Error, c: Context) {
  // The same form or call again, racing the first and losing: answered as the first was.
  if (err instanceof RepeatedSubmission) return isApi(c) ? replayApi(c, err.id, err.earlier) : replayPage(c, err.id, err.earlier);
  const error = toHttpError(err, c.req.path);
  if (isApi(c)) return errorJson(c, error);
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  if (error.status === 503) return c.html(<UnavailablePage />, 503);
  if (error.status === 429) return c.html(<TooManyRequestsPage />, 429);
  return c.html(<ErrorPage error={error} returnTo={c.req.path} />, error.status);
}

/** Security headers for every page: scripts, styles and form targets only from this site. */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // Pages may add image origins they need, e.g. a map's tile server (see image-origins.ts).
      imgSrc: ["'self'", 'data:', (c) => imageOriginsFor(c.req.path).join(' ')],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    // The same as frame-ancestors 'none', for browsers that only read this header.
    xFrameOptions: 'DENY',
  });

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Content types an HTML form (or a page's script without CORS) can send to another site. */
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/**
 * A state-changing request that carries the staff session cookie, or a page's form post, must come
 * from our own pages: its Origin is the site's, or the browser says it is same-origin.
 * The JSON API answers any form content type with 415, so there only the cookie matters; a JSON call
 * with a bearer token and no cookie is not a browser's, so it is not checked.
 */
export function originCheck(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    // RFC 8058's one-click unsubscribe comes from mail providers' servers (one-click.ts).
    if (isOneClickUnsubscribe(c.req.method, c.req.path)) return next();
    const fromForm = !isApi(c) && FORM_TYPES.test(c.req.header('content-type') ?? '');
    const withSession = getCookie(c, SESSION_COOKIE) !== undefined;
    if (!fromForm && !withSession) return next();
    const origin = c.req.header('origin');
    const ours = origin === new URL(config().publicBaseUrl).origin;
    // Our pages send no referrer, so browsers may send `Origin: null`; then the browser's own
    // Sec-Fetch-Site (which a page cannot set) says whether the post came from this site.
    const sameSite = (origin === undefined || origin === 'null') && c.req.header('sec-fetch-site') === 'same-origin';
    if (!ours && !sameSite) throw new HttpError(403, 'forbidden', 'This request did not come from one of our pages');
    return next();
  };
}

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
  // Forms and staff sessions act only from our own pages, whatever the content type.
  app.use(originCheck());
  // Everything under /staff needs a signed-in member of staff, even a page that does not exist, so a
  // forgotten guard cannot leave a staff page open. Staff pages show personal data: never cached.
  app.use('/staff/*', requireRole('staff'), async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  // A form sent twice (a double click, a refresh) acts once and is answered as the first was.
  app.use(formSubmissions());
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
