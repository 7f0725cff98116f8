/**
 * Every capability's Hono app starts here, so all of them share one error shape, the same
 * security headers, the 64 KB body limit, and the same 404 and error pages.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './auth.js';
import { config } from './config.js';
import { HttpError, errorJson } from './errors.js';
import { Layout } from './layout.js';

export const MAX_BODY_BYTES = 64 * 1024;

const isApi = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/');

export function NotFoundPage() {
  return (
    <Layout title="Page not found">
      <h1 class="govuk-heading-l">Page not found</h1>
      <p class="govuk-body">If you typed the web address, check it is correct.</p>
      <p class="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}

export function ErrorPage({ error }: { error: HttpError }) {
  if (error.status === 401) {
    return (
      <Layout title="Sign in to continue">
        <h1 class="govuk-heading-l">Sign in to continue</h1>
        <p class="govuk-body">{error.message}.</p>
        <p class="govuk-body">
          <a class="govuk-link" href="/staff/sign-in">Sign in to the staff console</a>
        </p>
      </Layout>
    );
  }
  const title = error.status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem';
  return (
    <Layout title={title}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{error.status >= 500 ? 'Try again later.' : error.message}</p>
      {error.fields?.length ? (
        <ul class="govuk-list govuk-list--bullet">
          {error.fields.map((f) => (
            <li>{f.message}</li>
          ))}
        </ul>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}

export function handleNotFound(c: Context) {
  if (isApi(c)) return errorJson(c, new HttpError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`));
  return c.html(<NotFoundPage />, 404);
}

export function handleError(err: Error, c: Context) {
  const error =
    err instanceof HttpError
      ? err
      : // Hono's own HTTPExceptions (e.g. a malformed form body) are client errors too.
        err instanceof HTTPException && err.status < 500
        ? new HttpError(err.status, err.status === 403 ? 'forbidden' : 'bad_request', err.message || 'The request could not be read')
        : undefined;
  if (!error) {
    console.error(JSON.stringify({ level: 'error', message: err.message, stack: err.stack, path: c.req.path }));
    const internal = new HttpError(500, 'internal_error', 'Sorry, there is a problem with the service');
    return isApi(c) ? errorJson(c, internal) : c.html(<ErrorPage error={internal} />, 500);
  }
  return isApi(c) ? errorJson(c, error) : c.html(<ErrorPage error={error} />, error.status);
}

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
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
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
