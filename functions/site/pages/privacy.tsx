/**
 * The privacy notice at /privacy: what personal data the platform collects, why, on what lawful basis,
 * who else sees it, how long it is kept and people's rights. Written for a Police and Crime
 * Commissioner's office; another organisation adapts the wording here (and its contact details in
 * organisation-details.tsx) with its data protection officer before going live. Update LAST_UPDATED
 * whenever what the platform does changes. "What personal data we collect, and why" is built from each
 * capability's declaration (privacy-collected.tsx). "How long we keep your data" lists every capability's
 * retention rules (core/retention.ts), the same rules their stores stamp each item's deletion time
 * from, so the notice and the code cannot disagree.
 */
import { publicCookies, retentionRules } from '../../core/platform.js';
import { keptFor } from '../../core/retention.js';
import { Layout } from '../../core/ui/layout.js';
import { ContactDetails, organisationDetails } from '../organisation-details.js';
import { WhatWeCollect } from './privacy-collected.js';

export const PRIVACY_NOTICE_LAST_UPDATED = '6 December 2026';

export function PrivacyNoticePage() {
  const { nameInText, nameToStartSentence, dataProtectionOfficerEmail, icoRegistrationNumber } = organisationDetails();
  return (
    <Layout title="Privacy notice" description="What personal data this website collects when you take part, why, how long it is kept, who can see it and your rights.">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">Privacy notice</h1>
          <p class="govuk-body-l">
            This notice explains what personal data {nameInText} collects when you use this website, why we need it, how long we
            keep it and what your rights are.
          </p>

          <h2 class="govuk-heading-l">Who we are</h2>
          <p class="govuk-body">
            {nameToStartSentence} (“we”, “us”) is the data controller for the personal data collected through this website. This means we
            decide how your data is used and we are responsible for looking after it.
          </p>
          {icoRegistrationNumber ? (
            <p class="govuk-body">
              We are registered with the Information Commissioner’s Office (ICO). Our registration number is{' '}
              {icoRegistrationNumber}.
            </p>
          ) : null}
          <p class="govuk-body">
            This notice covers this website only. It does not cover the websites we link to, which have their own privacy
            notices.
          </p>

          <WhatWeCollect />

          <h2 class="govuk-heading-l">Our lawful basis for using your data</h2>
          <p class="govuk-body">
            Most of what we do is a task in the public interest or in the exercise of our official authority (UK GDPR
            Article 6(1)(e)). For a Police and Crime Commissioner, this includes the duty to make arrangements for obtaining
            the views of people in the area about policing (section 96 of the Police Act 1996) and the Commissioner’s other
            functions under the Police Reform and Social Responsibility Act 2011. Each part of the website above says which
            basis applies to what it collects.
          </p>
          <p class="govuk-body">
            Where we rely on your explicit consent (UK GDPR Article 9(2)(a)), for example for access needs you choose to tell
            us about, you can withdraw it at any time by asking us to delete the data, and we will do so. If you do, we may
            not be able to make the arrangements you asked for.
          </p>

          <h2 class="govuk-heading-l">Who we share your data with</h2>
          <p class="govuk-body">
            This website runs on Amazon Web Services (AWS), which stores your data and sends our emails for us (Amazon SES). AWS acts
            only on our instructions, under a contract that requires it to keep your data secure and confidential. Your
            data is stored in AWS’s London region, in the UK.
          </p>
          <p class="govuk-body">
            If your question is best answered by another organisation, for example the police force, we may share the
            text of your question with them. We will not share your name or contact details with them without asking you
            first.
          </p>
          <p class="govuk-body">
            We may also have to share personal data when the law requires it, for example because of a court order.
          </p>

          <h2 class="govuk-heading-l">How long we keep your data</h2>
          <p class="govuk-body">We delete personal data automatically when its time is up:</p>
          <ul class="govuk-list govuk-list--bullet">
            {retentionRules().map((rule) => (
              <li>
                <strong>{rule.what}</strong> ({rule.data}): we delete them {keptFor(rule)}.
              </li>
            ))}
          </ul>
          <ul class="govuk-list govuk-list--bullet">
            <li>We keep numbers that do not identify anyone, such as how many people came to each meeting, for longer.</li>
            <li>We keep technical records of requests for up to 90 days.</li>
          </ul>

          <h2 class="govuk-heading-l">How we keep your data secure</h2>
          <p class="govuk-body">
            Your data is encrypted when it is sent to us and when it is stored. Only our staff can see it, and they must sign
            in to do so. Each time a member of staff looks at, exports, corrects or erases someone’s personal data, we record
            who did it and when (the access record), so we can tell you who has seen your data.
          </p>

          <h2 class="govuk-heading-l" id="cookies">
            Cookies
          </h2>
          <p class="govuk-body">
            Cookies are small files saved on your phone, tablet or computer when you visit a website.
          </p>
          <p class="govuk-body">
            We do not use cookies to measure how you use this website or for advertising.
            {publicCookies().length ? ' On the public pages we use only cookies that are strictly necessary for what you ask to do:' : ' We do not use cookies on its public pages.'}
          </p>
          {publicCookies().length ? (
            <ul class="govuk-list govuk-list--bullet">
              {publicCookies().map((cookie) => (
                <li>
                  ‘{cookie.name}’ {cookie.purpose}
                </li>
              ))}
            </ul>
          ) : null}
          <p class="govuk-body">When our staff sign in, we use 2 cookies that are strictly necessary to keep them signed in:</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>‘sign_in_flow’ checks that a sign-in was started from this website, and expires after 10 minutes</li>
            <li>‘session’ keeps a member of staff signed in, and expires when their sign-in does or when they sign out</li>
          </ul>
          <p class="govuk-body">
            If a new feature needs a cookie on a public page, we will update this notice to say so before it is used.
          </p>

          <h2 class="govuk-heading-l">Your rights</h2>
          <p class="govuk-body">You have the right to:</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>ask for a copy of the personal data we hold about you</li>
            <li>ask us to correct data that is wrong or incomplete</li>
            <li>ask us to delete your data</li>
            <li>ask us to limit how we use your data</li>
            <li>object to how we use your data</li>
            <li>withdraw your consent, where we rely on it</li>
          </ul>
          <p class="govuk-body">
            You can cancel a meeting registration yourself using the link in your confirmation email. To use any of these
            rights, contact us using the details below. We can find everything this website holds about you from your
            email address, and we will reply within one month. Consultation responses are anonymous, so we can find yours
            only from the receipt reference you were given. Some rights depend on our reason for
            using your data, and we will explain if one does not apply.
          </p>

          <h2 class="govuk-heading-l">Contact us</h2>
          <p class="govuk-body">If you have a question about this notice or how we use your data, you can:</p>
          <ContactDetails subject="Data protection" />
          {dataProtectionOfficerEmail ? (
            <p class="govuk-body">
              You can contact our Data Protection Officer at{' '}
              <a class="govuk-link" href={`mailto:${dataProtectionOfficerEmail}`}>
                {dataProtectionOfficerEmail}
              </a>
              .
            </p>
          ) : (
            <p class="govuk-body">Ask for your message to be passed to our Data Protection Officer.</p>
          )}

          <h2 class="govuk-heading-l">How to complain</h2>
          <p class="govuk-body">
            If you are unhappy with how we have used your data, please tell us first and we will try to put it right.
          </p>
          <p class="govuk-body">
            You can also complain to the Information Commissioner’s Office (ICO), which regulates data protection in the UK:
          </p>
          <ul class="govuk-list govuk-list--bullet">
            <li>
              online at{' '}
              <a class="govuk-link" href="https://ico.org.uk/make-a-complaint/">
                ico.org.uk/make-a-complaint
              </a>
            </li>
            <li>by calling the ICO helpline on 0303 123 1113</li>
            <li>by writing to Information Commissioner’s Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF</li>
          </ul>

          <h2 class="govuk-heading-l">Changes to this notice</h2>
          <p class="govuk-body">
            We will update this notice when we change how we use personal data, for example before we add a new service to
            this website.
          </p>
          <p class="govuk-body">Last updated {PRIVACY_NOTICE_LAST_UPDATED}.</p>
        </div>
      </div>
    </Layout>
  );
}
