/**
 * Subscriptions' pages: the form, "check your email" (the same whether or not the address was known),
 * confirming from the email's link, and unsubscribing (a page for people; mail clients POST at once).
 */
import { LinkNotValidPage } from '../../core/ui/error-pages.js';
import { councilAreas } from '../../core/council-areas.js';
import { Button, EmailInput, ErrorSummary, Panel, Radios, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';
import { EVERYWHERE } from '../store/subscribers.js';

const HERE = '/email-updates';

const column = (children: unknown) => (
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-two-thirds">{children}</div>
  </div>
);

export function SubscribePage({ values = {}, errors = {} }: { values?: FormValues; errors?: Errors }) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title="Get emails about new meetings and consultations" current={HERE} hasErrors={hasErrors} description="Get an email when we publish a new public meeting or consultation, for everywhere or for your council area.">
      {column(
        <>
          <ErrorSummary errors={errors} />
          <h1 class="govuk-heading-l">Get emails about new meetings and consultations</h1>
          <p class="govuk-body">We will email you when we publish a new public meeting or a consultation. Each email has a link to stop them.</p>
          <PostForm action={HERE} values={values}>
            <EmailInput label="Email address" hint="We will send you an email to confirm it is yours. Nothing else is sent until you confirm." values={values} errors={errors} />
            <Radios
              name="area"
              legend="Which meetings do you want to hear about?"
              hint="Consultations are about the whole of our area: you hear about every one."
              value={values['area'] ?? EVERYWHERE}
              error={errors['area']}
              options={[{ value: EVERYWHERE, text: 'Meetings anywhere in our area' }, ...councilAreas.map((a) => ({ value: a.code, text: `Meetings in ${a.name}` }))]}
            />
            <p class="govuk-body">
              Read our <a class="govuk-link" href="/privacy">privacy notice</a> to find out how we use your email address.
            </p>
            <Button>Send me a confirmation email</Button>
          </PostForm>
        </>,
      )}
    </Layout>
  );
}

export function CheckYourEmailPage({ email }: { email: string }) {
  return (
    <Layout title="Check your email" current={HERE}>
      {column(
        <>
          <Panel title="Check your email">
            We have sent an email to
            <br />
            <strong>{email}</strong>
          </Panel>
          <p class="govuk-body">Use the link in it to confirm you want these emails. We will not email you about meetings or consultations until you do.</p>
          <p class="govuk-body">The link works for 7 days. If the email has not arrived within a few minutes, check your spam or junk folder.</p>
        </>,
      )}
    </Layout>
  );
}

export function ConfirmPage({ token, problem }: { token: string; problem?: unknown }) {
  return (
    <Layout title="Confirm your email updates" current={HERE}>
      {column(
        <>
          <h1 class="govuk-heading-l">Confirm your email updates</h1>
          {problem ? <p class="govuk-body govuk-!-font-weight-bold">{problem}</p> : null}
          <p class="govuk-body">Confirm that you want an email when we publish a new public meeting or consultation.</p>
          <PostForm action={`${HERE}/confirm/${token}`}>
            <Button>Confirm</Button>
          </PostForm>
        </>,
      )}
    </Layout>
  );
}

export function ConfirmedPage() {
  return (
    <Layout title="You will get email updates" current={HERE}>
      {column(
        <>
          <Panel title="You will get email updates" />
          <p class="govuk-body">We will email you when we publish a new public meeting or consultation. Each email has a link to stop them.</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/meetings">See the public meetings already published</a>
          </p>
        </>,
      )}
    </Layout>
  );
}

export function UnsubscribePage({ token }: { token: string }) {
  return (
    <Layout title="Stop email updates" current={HERE}>
      {column(
        <>
          <h1 class="govuk-heading-l">Stop email updates</h1>
          <p class="govuk-body">You will no longer get an email when we publish a new public meeting or consultation.</p>
          <PostForm action={`/unsubscribe/${token}`}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <Button>Unsubscribe</Button>
          </PostForm>
        </>,
      )}
    </Layout>
  );
}

export function UnsubscribedPage() {
  return (
    <Layout title="You have unsubscribed" current={HERE}>
      {column(
        <>
          <Panel title="You have unsubscribed" />
          <p class="govuk-body">We will not email you about new meetings and consultations again, and we have deleted your email address from this list.</p>
          <p class="govuk-body">
            If you change your mind, you can <a class="govuk-link" href={HERE}>sign up again</a>.
          </p>
        </>,
      )}
    </Layout>
  );
}

export function InvalidLinkPage() {
  return (
    <LinkNotValidPage current={HERE}>
      <p class="govuk-body">It may have been used already, or be older than 7 days. Check you copied the whole link from your email.</p>
      <p class="govuk-body">
        You can <a class="govuk-link" href={HERE}>ask for email updates again</a>.
      </p>
    </LinkNotValidPage>
  );
}
