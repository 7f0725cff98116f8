/**
 * The home page: what residents can do on this website today (public meetings) and, honestly, what
 * is coming. When a capability goes live, move it from "Coming soon" to its own section.
 */
import { Layout } from '../core/layout.js';
import { organisationDetails } from './organisation-details.js';

export function HomePage() {
  const { nameToStartSentence, website } = organisationDetails();
  return (
    <Layout title="Have your say">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">Have your say</h1>
          <p class="govuk-body-l">
            {nameToStartSentence} wants to hear from people who live and work in the area. Use this website to find out how you can take
            part.
          </p>

          <h2 class="govuk-heading-l">Public meetings</h2>
          <p class="govuk-body">
            Come to a public meeting to hear about our work, ask questions and tell us what matters to you.
          </p>
          <p class="govuk-body">You can:</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>find a meeting near you</li>
            <li>book a place, or join the waiting list if a meeting is full</li>
            <li>tell us about anything you need to take part, such as step-free access or a hearing loop</li>
            <li>send a question in advance</li>
          </ul>
          <p class="govuk-body">
            <a class="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" href="/meetings">
              Find a public meeting
            </a>
          </p>

          <h2 class="govuk-heading-l">Coming soon</h2>
          <p class="govuk-body">We are working on more ways for you to take part. You cannot use these on this website yet:</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>consultations, to tell us what you think about our plans and budget</li>
            <li>parish surgeries, to book time to talk to us near where you live</li>
            <li>community days, to find out when we are visiting your area</li>
          </ul>
          {website ? (
            <p class="govuk-body">
              Until then, you can find out more about our work on{' '}
              <a class="govuk-link" href={website}>
                our main website
              </a>
              .
            </p>
          ) : null}

          <div class="govuk-inset-text">
            Do not use this website to report a crime. In an emergency, call 999. If it is not an emergency, call 101.
          </div>
        </div>
      </div>
    </Layout>
  );
}
