/** The home page: what residents can do on this website, one section per capability (from its manifest). */
import { homeSections } from '../../core/platform.js';
import { Layout } from '../../core/ui/layout.js';
import { organisationDetails } from '../organisation-details.js';

export function HomePage() {
  const { nameInText, nameToStartSentence, website } = organisationDetails();
  return (
    <Layout
      title="Have your say"
      description={`How to take part with ${nameInText}: ${homeSections()
        .map((s) => s.heading.toLowerCase())
        .join(', ')}.`}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">Have your say</h1>
          <p class="govuk-body-l">
            {nameToStartSentence} wants to hear from people who live and work in the area. Use this website to find out how you can take
            part.
          </p>

          {homeSections().map((section) => (
            <>
              <h2 class="govuk-heading-l">{section.heading}</h2>
              <p class="govuk-body">{section.intro}</p>
              {section.points?.length ? (
                <>
                  <p class="govuk-body">You can:</p>
                  <ul class="govuk-list govuk-list--bullet">
                    {section.points.map((point) => (
                      <li>{point}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p class="govuk-body">
                <a class="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" href={section.href}>
                  {section.linkText}
                </a>
              </p>
            </>
          ))}

          {website ? (
            <p class="govuk-body">
              You can find out more about our work on{' '}
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
