/**
 * The privacy notice's account of what each service collects, why, on what lawful basis and who
 * receives it: built from each capability's declaration (its manifest's `personalData.collects`) and
 * the platform's own (core/people/platform-data.ts), so a new service is in the notice the moment it
 * is on the website.
 */
import { dataCollected } from '../../core/platform.js';

export function WhatWeCollect() {
  return (
    <>
      <h2 class="govuk-heading-l">What personal data we collect, and why</h2>
      <p class="govuk-body">For each part of this website, what we collect, what we use it for, the law that allows us to, and who else receives it.</p>
      {dataCollected().map(({ service, collects }) => (
        <>
          <h3 class="govuk-heading-m">{service}</h3>
          {collects.map((c) => (
            <dl class="govuk-summary-list">
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">What</dt>
                <dd class="govuk-summary-list__value">{c.what}</dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Why</dt>
                <dd class="govuk-summary-list__value">{c.why}</dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Lawful basis</dt>
                <dd class="govuk-summary-list__value">{c.lawfulBasis}</dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Who receives it</dt>
                <dd class="govuk-summary-list__value">{c.recipients.length ? c.recipients.join('; ') : 'Only our staff'}</dd>
              </div>
            </dl>
          ))}
        </>
      ))}
      <p class="govuk-body">
        Access needs can include information about your health or a disability. This is ‘special category’ data, which
        the law gives extra protection. Only tell us what we need to know to make things accessible to you.
      </p>
      <p class="govuk-body">
        We will not use your data for marketing, we will not sell it and we do not use it to make automated decisions
        about you. We use figures that do not identify anyone, such as how many people came from each area, to plan our work.
      </p>
    </>
  );
}
