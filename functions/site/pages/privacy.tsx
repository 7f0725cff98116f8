/**
 * The privacy notice at /privacy: what personal data the platform collects, why, on what lawful basis,
 * who else sees it, how long it is kept and people's rights. Written for a Police and Crime
 * Commissioner's office; another organisation adapts the wording here (and its contact details in
 * organisation-details.tsx) with its data protection officer before going live. Update LAST_UPDATED
 * whenever what the platform does changes. "How long we keep your data" lists every capability's
 * retention rules (core/retention.ts), the same rules their stores stamp each item's deletion time
 * from, so the notice and the code cannot disagree.
 */
import { publicCookies, retentionRules } from '../../core/platform.js';
import { keptFor } from '../../core/retention.js';
import { Layout } from '../../core/ui/layout.js';
import { ContactDetails, organisationDetails } from '../organisation-details.js';

export const PRIVACY_NOTICE_LAST_UPDATED = '22 November 2026';

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

          <h2 class="govuk-heading-l">What personal data we collect</h2>
          <h3 class="govuk-heading-m">When you register for a public meeting</h3>
          <p class="govuk-body">We ask for:</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>your name</li>
            <li>your email address</li>
            <li>how many places you need</li>
            <li>your postcode, if you choose to give it</li>
            <li>any access needs you tell us about, if you choose to</li>
            <li>a question you want to ask at the meeting, if you choose to send one</li>
          </ul>
          <p class="govuk-body">
            We also record when you registered, whether you have a place or are on the waiting list, whether you cancelled,
            whether you came to the meeting, and which emails we have sent you.
          </p>
          <p class="govuk-body">
            Access needs can include information about your health or a disability. This is ‘special category’ data, which
            the law gives extra protection. Only tell us what we need to know to make the meeting accessible to you.
          </p>

          <h3 class="govuk-heading-m">When our staff sign in</h3>
          <p class="govuk-body">
            Staff who run meetings sign in to this website through our sign-in service. We use their work email address
            and role to check that they are allowed to see and change meetings.
          </p>

          <h3 class="govuk-heading-m">When you visit the website</h3>
          <p class="govuk-body">
            Like most websites, ours keeps technical records of requests, such as your IP address, the page you asked for
            and the time. We use these only to keep the website secure and working, and we do not use them to identify
            you.
          </p>

          <h2 class="govuk-heading-l">How we use your data</h2>
          <p class="govuk-body">We use your personal data to:</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>give you a place at a meeting, or a place on its waiting list</li>
            <li>
              email you to confirm your place, remind you about the meeting and tell you if it changes or is cancelled
            </li>
            <li>offer you a place if one becomes free</li>
            <li>make the arrangements you need to take part, based on the access needs you tell us about</li>
            <li>answer your question at the meeting, or afterwards</li>
            <li>check people in at the meeting</li>
            <li>
              understand, in numbers that do not identify anyone, which areas people come from and how many attend, so
              that we can plan future meetings
            </li>
          </ul>
          <p class="govuk-body">
            We will not use your data for marketing, we will not sell it and we do not use it to make automated decisions
            about you.
          </p>

          <h2 class="govuk-heading-l">Our lawful basis for using your data</h2>
          <p class="govuk-body">
            We use your personal data because it is necessary to perform a task in the public interest or in the exercise
            of our official authority (UK GDPR Article 6(1)(e)). For a Police and Crime Commissioner, this includes the duty
            to make arrangements for obtaining the views of people in the area about policing (section 96 of the Police Act
            1996) and the Commissioner’s other functions under the Police Reform and Social Responsibility Act 2011.
          </p>
          <p class="govuk-body">
            We use information about your health or a disability that you include in your access needs only with your
            explicit consent (UK GDPR Article 9(2)(a)), which you give by choosing to tell us. You can withdraw your consent
            at any time by asking us to delete it, and we will do so. If you do, we may not be able to make the
            arrangements you asked for.
          </p>

          <h2 class="govuk-heading-l">Who we share your data with</h2>
          <p class="govuk-body">
            This website runs on Amazon Web Services (AWS), which stores your data and sends our emails for us. AWS acts
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
            Your data is encrypted when it is sent to us and when it is stored. Only staff who run meetings can see
            registrations, and they must sign in to do so.
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
            rights, contact us using the details below. We will reply within one month. Some rights depend on our reason for
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
            We will update this notice when we change how we use personal data, for example before we add consultations,
            parish surgeries or community days to this website.
          </p>
          <p class="govuk-body">Last updated {PRIVACY_NOTICE_LAST_UPDATED}.</p>
        </div>
      </div>
    </Layout>
  );
}
