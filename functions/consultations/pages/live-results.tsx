/** The live results for staff: every number, those suppressed in public marked, with breakdowns and flagged responses in or out. */
import { Button, Radios } from '../../core/ui/components.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { Consultation } from '../model.js';
import type { Results } from '../results.js';
import { BreakdownTable, Count, Method, QuestionTable } from './results-view.js';
import { base, STAFF } from './paths.js';

export function StaffResultsPage({ consultation: c, results, breakdown }: { consultation: Consultation; results: Results; breakdown?: 'area' | 'age' | 'channel' }) {
  const own = results.questions.filter((q) => !q.aboutYou);
  const about = results.questions.filter((q) => q.aboutYou);
  return (
    <StaffPage title={`Results: ${c.title}`} current={STAFF} back={base(c)} wide>
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">Live results</h1>
      <p class="govuk-body">
        Responses: <Count figure={results.responses} /> ({results.byChannel.map((ch) => `${ch.label.toLowerCase()} ${ch.count.count ?? 'suppressed'}`).join(', ')}). Possible duplicates flagged: {results.flaggedResponses}, {results.includeFlagged ? 'included' : 'left out'} below.
      </p>
      <form method="get" novalidate>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <Radios
              name="flagged"
              legend="Flagged possible duplicates"
              value={results.includeFlagged ? 'include' : 'exclude'}
              options={[
                { value: 'include', text: 'Include them' },
                { value: 'exclude', text: 'Leave them out' },
              ]}
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <Radios
              name="breakdown"
              legend="Break down by"
              value={breakdown ?? ''}
              options={[
                { value: '', text: 'No breakdown' },
                { value: 'area', text: 'Council area' },
                { value: 'age', text: 'Age band' },
                { value: 'channel', text: 'Channel (online, paper, event, telephone)' },
              ]}
            />
          </div>
        </div>
        <Button secondary>Show results</Button>
      </form>
      <p class="govuk-body">Numbers marked “Suppressed in public” are shown here only: the public page, the public API and the exports leave them out.</p>
      {own.map((q) => (
        <>
          <QuestionTable question={q} weighting={results.weighting} />
          {q.type === 'text' ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base(c)}/comments?question=${q.id}`}>
                Read and tag the answers<span class="govuk-visually-hidden"> to {q.text}</span>
              </a>
            </p>
          ) : null}
          {breakdown && q.options.length ? <BreakdownTable question={q} breakdown={q.breakdowns.find((b) => b.dimension === breakdown)!} /> : null}
        </>
      ))}
      {about.length ? <h2 class="govuk-heading-l">About the respondents</h2> : null}
      {about.map((q) => (
        <QuestionTable question={q} weighting={false} headingLevel="h3" />
      ))}
      <h2 class="govuk-heading-m">How these figures are made</h2>
      <Method results={results} />
      <p class="govuk-body">
        <a class="govuk-link" href={`${base(c)}/results.csv`}>Download the results tables, with suppression (CSV)</a>
      </p>
    </StaffPage>
  );
}
