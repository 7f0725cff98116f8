/** Every page as respondents will see it, one after another, with nothing to send. */
import { NotificationBanner } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import { journeyPages } from '../definition.js';
import type { Consultation } from '../model.js';
import { Introduction } from './questionnaire.js';
import { QuestionFields } from './question-fields.js';
import { base, STAFF } from './paths.js';

export function PreviewPage({ consultation: c }: { consultation: Consultation }) {
  const pages = journeyPages(c);
  return (
    <Layout title={`Preview: ${c.title}`} staff current={STAFF}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <NotificationBanner title="Preview">
            <p class="govuk-notification-banner__heading">This is a preview: nothing here is sent or saved.</p>
            <p class="govuk-body">
              Questions that depend on an earlier answer are shown here whatever the answer. <a class="govuk-link" href={base(c)}>Back to the consultation</a>
            </p>
          </NotificationBanner>
          <h1 class="govuk-heading-xl">{c.title}</h1>
          <Introduction consultation={c} />
          {pages.map((page, i) => (
            <section class="govuk-!-margin-top-9" aria-labelledby={`preview-${page.id}`}>
              <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
              <h2 class="govuk-heading-l" id={`preview-${page.id}`}>
                Page {i + 1} of {pages.length}: {page.title}
              </h2>
              {page.questions.map((q) => (
                <>
                  {q.showWhen ? <p class="govuk-body-s">Shown only when an earlier answer is chosen.</p> : null}
                  {q.type === 'area' ? <p class="govuk-body-s">Asked only when the postcode district spans council areas; the options depend on it (for example LE8: Blaby or Harborough).</p> : null}
                  <QuestionFields question={q} values={{}} errors={{}} answers={{ 'about-postcode': { outwardCode: 'LE8' } }} asHeading={false} />
                </>
              ))}
            </section>
          ))}
        </div>
      </div>
    </Layout>
  );
}
