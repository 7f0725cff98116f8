/**
 * Every capability's Hono app starts here, so all of them share one error shape, the same
 * security headers, the 64 KB body limit, and the same 404 and error pages.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { requireRole, type AppEnv } from './auth.js';
import { config } from './config.js';
import { HttpError, errorJson } from './errors.js';
import { Layout } from './layout.js';

export const MAX_BODY_BYTES = 64 * 1024;

const isApi = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/');

/** Error pages use two-thirds of the width, as GOV.UK's page-not-found and problem pages do. */
function ErrorPageLayout({ title, children }: { title: string; children: Child }) {
  return (
    <Layout title={title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          {children}
        </div>
      </div>
    </Layout>
  );
}

export function NotFoundPage() {
  return (
    <ErrorPageLayout title="Page not found">
      <p class="govuk-body">If you typed the web address, check it is correct.</p>
      <p class="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p class="govuk-body">
        If the web address is correct or you selected a link, the page may have moved. You can{' '}
        <a class="govuk-link" href="/meetings">find a public meeting</a> or{' '}
        <a class="govuk-link" href="/">go to the home page</a>.
      </p>
    </ErrorPageLayout>
  );
}

/** `returnTo` is the page that failed, so staff who sign in come back to it. */
export function ErrorPage({ error, returnTo }: { error: HttpError; returnTo?: string }) {
  if (error.status === 401) {
    const signIn = returnTo?.startsWith('/staff') ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in';
    return (
      <ErrorPageLayout title="Sign in to continue">
        <p class="govuk-body">{error.message}.</p>
        <p class="govuk-body">
          <a class="govuk-link" href={signIn}>
            Sign in to the staff console
          </a>
        </p>
      </ErrorPageLayout>
    );
  }
  if (error.status >= 500) {
    return (
      <ErrorPageLayout title="Sorry, there is a problem with the service">
        <p class="govuk-body">Try again later.</p>
        <p class="govuk-body">
          If you were booking a place at a meeting, check your email before you try again: if we sent you a confirmation,
          your place is booked.
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href="/">Go to the home page</a>
        </p>
      </ErrorPageLayout>
    );
  }
  return (
    <ErrorPageLayout title="There is a problem">
      <p class="govuk-body">{error.message}</p>
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
    </ErrorPageLayout>
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
  return isApi(c) ? errorJson(c, error) : c.html(<ErrorPage error={error} returnTo={c.req.path} />, error.status);
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
  // forgotten guard cannot leave a staff page open. Admin-only pages add requireRole('admin').
  app.use('/staff/*', requireRole('staff'));
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
