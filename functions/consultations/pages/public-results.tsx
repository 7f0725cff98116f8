/**
 * "We asked, you said, we did": once a consultation has closed and staff have published its results,
 * the headline figures with their margins of error, the suppression rules applied, and what the
 * Commissioner decided. Every number here has been through suppression (results.ts `forPublic`).
 */
import type { PublicOutcome } from '../../core/actions/public-outcomes.js';
import { WhatHappenedNext } from '../../core/actions/what-happened-next.js';
import { BackLink } from '../../core/ui/components.js';
import { Paragraphs } from '../../core/ui/choices.js';
import { Layout } from '../../core/ui/layout.js';
import { formatLondonDate } from '../../core/time.js';
import { DATA_SOURCES } from '../about-you.js';
import type { Consultation } from '../model.js';
import type { Results } from '../results.js';
import { Count, Method, QuestionTable } from './results-view.js';
import { DemoTag } from './questionnaire.js';

/** `outcomes`: its actions' outcomes staff made public (core's "what happened next"). */
export function PublicResultsPage({ consultation: c, results, outcomes = [] }: { consultation: Consultation; results: Results; outcomes?: readonly PublicOutcome[] }) {
  const own = results.questions.filter((q) => !q.aboutYou && q.type !== 'text');
  return (
    <Layout title={`Results: ${c.title}`} current="/consultations" beforeContent={<BackLink href="/consultations">All consultations</BackLink>}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <span class="govuk-caption-xl">Results</span>
          <h1 class="govuk-heading-xl">{c.title}</h1>
          <DemoTag consultation={c} />
        </div>
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-l">We asked</h2>
          <Paragraphs text={c.introduction} />
          <p class="govuk-body">
            The consultation ran from {formatLondonDate(c.opensAt)} to {formatLondonDate(c.closedAt && c.closedAt < c.closesAt ? c.closedAt : c.closesAt)}.
          </p>
          <h2 class="govuk-heading-l">You said</h2>
          <p class="govuk-body">
            Responses: <Count figure={results.responses} />
            {results.byChannel.some((ch) => ch.id !== 'online' && (ch.count.count === null || ch.count.count > 0)) ? (
              <>
                {' '}
                (
                {results.byChannel.map((ch, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    {ch.label.toLowerCase()}: <Count figure={ch.count} />
                  </>
                ))}
                )
              </>
            ) : null}
            .
          </p>
        </div>
        <div class="govuk-grid-column-full">
          {own.map((q) => (
            <QuestionTable question={q} weighting={results.weighting} />
          ))}
        </div>
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m">How to read these figures</h2>
          <Method results={results} />
          <p class="govuk-body-s">{DATA_SOURCES}</p>
          <h2 class="govuk-heading-l">We did</h2>
          {c.decision ? <Paragraphs text={c.decision} /> : <p class="govuk-body">We will publish what the Commissioner decided here.</p>}
          <WhatHappenedNext outcomes={outcomes} />
        </div>
      </div>
    </Layout>
  );
}

export function ResultsComingPage({ consultation: c }: { consultation: Consultation }) {
  return (
    <Layout title={`Results: ${c.title}`} current="/consultations" beforeContent={<BackLink href={`/consultations/${c.id}`} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Results: {c.title}</h1>
          <p class="govuk-body">This consultation has closed. We will publish the results, and what the Commissioner decided, on this page.</p>
        </div>
      </div>
    </Layout>
  );
}
