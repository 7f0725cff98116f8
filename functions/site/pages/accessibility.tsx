/**
 * The accessibility statement at /accessibility, following the GOV.UK model statement that the Public
 * Sector Bodies Accessibility Regulations 2018 ask for. Keep it true: update the compliance status,
 * known problems and LAST_REVIEWED whenever the website is tested or changes.
 */
import { config } from '../../core/config.js';
import { servicesInWords } from '../../core/platform.js';
import { Layout } from '../../core/ui/layout.js';
import { ContactDetails, organisationDetails } from '../organisation-details.js';

export const ACCESSIBILITY_STATEMENT_PREPARED = '22 November 2026';
export const ACCESSIBILITY_STATEMENT_LAST_REVIEWED = '6 December 2026';

export function AccessibilityStatementPage() {
  const { nameInText, nameToStartSentence } = organisationDetails();
  const address = new URL(config().publicBaseUrl).host;
  return (
    <Layout title="Accessibility statement" description="How accessible this website is, what to do if you have difficulty using it, and how to report a problem.">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">Accessibility statement</h1>
          <p class="govuk-body-l">
            This accessibility statement applies to {address}, where you can take part in {servicesInWords()} with {nameInText},
            and to the pages our staff use to run them.
          </p>
          <p class="govuk-body">
            This website is run by {nameInText}. We want as many people as possible to be able to use it. For example, that
            means you should be able to:
          </p>
          <ul class="govuk-list govuk-list--bullet">
            <li>change colours, contrast levels and fonts using your browser or device settings</li>
            <li>zoom in up to 400% without the text spilling off the screen</li>
            <li>navigate most of the website using just a keyboard</li>
            <li>navigate most of the website using speech recognition software</li>
            <li>listen to most of the website using a screen reader (including the most recent versions of JAWS, NVDA and VoiceOver)</li>
            <li>use the website without JavaScript</li>
          </ul>
          <p class="govuk-body">We have also made the text as simple as possible to understand.</p>
          <p class="govuk-body">
            <a class="govuk-link" href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your device
            easier to use if you have a disability.
          </p>

          <h2 class="govuk-heading-l">How accessible this website is</h2>
          <p class="govuk-body">
            We built this website with the GOV.UK Design System, whose components are tested with assistive technologies.
            We know of no parts of it that are not accessible, but it has not yet been audited by an accessibility
            specialist or tested with every assistive technology, so there may be problems we have not found.
          </p>

          <h2 class="govuk-heading-l">Feedback and contact information</h2>
          <p class="govuk-body">
            If you need information on this website in a different format, like accessible PDF, large print, easy read,
            audio recording or braille, or you need help to book, respond or take part, you can:
          </p>
          <ContactDetails subject="Accessibility" />
          <p class="govuk-body">We’ll consider your request and get back to you within 10 working days.</p>
          <p class="govuk-body">
            If you need support to take part, for example a hearing loop, an interpreter or step-free access, tell us in the
            access needs question when you register for a meeting or book a surgery, or contact us.
          </p>

          <h2 class="govuk-heading-l">Reporting accessibility problems with this website</h2>
          <p class="govuk-body">
            We’re always looking to improve the accessibility of this website. If you find any problems not listed on this
            page or think we’re not meeting accessibility requirements, contact us using the details above.
          </p>

          <h2 class="govuk-heading-l">Enforcement procedure</h2>
          <p class="govuk-body">
            The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites
            and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility regulations’). If you’re not
            happy with how we respond to your complaint,{' '}
            <a class="govuk-link" href="https://www.equalityadvisoryservice.com/">
              contact the Equality Advisory and Support Service (EASS)
            </a>
            .
          </p>

          <h2 class="govuk-heading-l">Technical information about this website’s accessibility</h2>
          <p class="govuk-body">
            {nameToStartSentence} is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and
            Mobile Applications) (No. 2) Accessibility Regulations 2018.
          </p>
          <h3 class="govuk-heading-m">Compliance status</h3>
          <p class="govuk-body">
            This website is partially compliant with the{' '}
            <a class="govuk-link" href="https://www.w3.org/TR/WCAG22/">
              Web Content Accessibility Guidelines version 2.2
            </a>{' '}
            AA standard, because it has not yet been fully tested, as explained below.
          </p>

          <h2 class="govuk-heading-l">Non-accessible content</h2>
          <p class="govuk-body">We do not know of any content on this website that does not meet the standard.</p>
          <p class="govuk-body">
            Our testing has not yet covered every assistive technology or every page that staff use to run {servicesInWords()}. We
            will update this statement with anything we find, and with our plan to fix it.
          </p>

          <h2 class="govuk-heading-l">What we’re doing to improve accessibility</h2>
          <p class="govuk-body">
            Every change to this website is checked automatically for accessibility problems before it is published. We
            plan to have the website audited by an accessibility specialist and to test it with disabled people, including
            whenever we add a new service.
          </p>

          <h2 class="govuk-heading-l">Preparation of this accessibility statement</h2>
          <p class="govuk-body">
            This statement was prepared on {ACCESSIBILITY_STATEMENT_PREPARED}. It was last reviewed on{' '}
            {ACCESSIBILITY_STATEMENT_LAST_REVIEWED}.
          </p>
          <p class="govuk-body">
            This website was last tested on {ACCESSIBILITY_STATEMENT_LAST_REVIEWED}, by the team that builds it, against
            the WCAG 2.2 AA standard. We tested the home page, this statement, the privacy notice and the error pages:
          </p>
          <ul class="govuk-list govuk-list--bullet">
            <li>with automated checks (axe-core) on each page, on every change to the website</li>
            <li>with JavaScript turned off</li>
            <li>using only a keyboard</li>
            <li>on a screen 320 pixels wide, the same as zooming to 400%</li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}
