/**
 * The pages every capability shares when something is not there or goes wrong. They name no
 * capability: the way on is always the home page, which lists what the site offers.
 */
import type { Child } from 'hono/jsx';
import type { HttpError } from '../http/errors.js';
import { Layout } from './layout.js';

/** Error pages use two-thirds of the width, as GOV.UK's page-not-found and problem pages do. */
function ErrorPageLayout({ title, current, children }: { title: string; current?: string; children: Child }) {
  return (
    <Layout title={title} current={current}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          {children}
        </div>
      </div>
    </Layout>
  );
}

/**
 * A link from one of our emails (a manage or confirm link) that is wrong, used up or out of date. The
 * same answer whichever it is, so a link tells no one anything; `children` says what to do instead.
 */
export function LinkNotValidPage({ current, children }: { current?: string; children: Child }) {
  return (
    <ErrorPageLayout title="This link is not valid" current={current}>
      {children}
    </ErrorPageLayout>
  );
}

export function NotFoundPage() {
  return (
    <ErrorPageLayout title="Page not found">
      <p class="govuk-body">If you typed the web address, check it is correct.</p>
      <p class="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p class="govuk-body">
        If the web address is correct or you selected a link, the page may have moved.{' '}
        <a class="govuk-link" href="/">Go to the home page</a> to find what you were looking for.
      </p>
    </ErrorPageLayout>
  );
}

/** The database or another service could not answer: nothing was lost, try again soon. */
export function UnavailablePage() {
  return (
    <ErrorPageLayout title="Sorry, the service is busy">
      <p class="govuk-body">Try again in a few minutes.</p>
      <p class="govuk-body">Nothing you sent has been lost. If you were filling in a form, go back and send it again.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">Go to the home page</a>
      </p>
    </ErrorPageLayout>
  );
}

/** Over a rate limit: wait, then try again. Says nothing about what is stored. */
export function TooManyRequestsPage() {
  return (
    <ErrorPageLayout title="Sorry, there have been too many attempts">
      <p class="govuk-body">We have had too many requests from you, or for the email address you gave, in a short time.</p>
      <p class="govuk-body">Wait a while, then try again. If you have already sent us a form, check your email: we may have sent you what you need.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">Go to the home page</a>
      </p>
    </ErrorPageLayout>
  );
}

/**
 * The same form arrived twice and the first has no redirect to repeat (or is still being saved):
 * it was acted on once, and nothing more was done.
 */
export function AlreadySentPage({ stillSaving }: { stillSaving: boolean }) {
  return (
    <ErrorPageLayout title="You have already sent this form">
      <p class="govuk-body">{stillSaving ? 'We are still saving what you sent the first time.' : 'We have what you sent the first time.'} Sending it again has not changed anything.</p>
      <p class="govuk-body">Use your browser’s back button to go back, then reload the page to see it as it is now.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">Go to the home page</a>
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
        <p class="govuk-body">If you sent us a form, check your email before you send it again: if we emailed you about it, we have it.</p>
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
