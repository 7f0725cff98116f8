/**
 * Staff pages that show a consultation: the list, one consultation with its pages and questions (and
 * what can be done with it now), the preview, copying, the results, paper entry and the decision
 * (the free-text answers are in staff-answers.tsx).
 */
import { ChoiceList, Details, Paragraphs } from '../../core/ui/choices.js';
import { Button, ErrorSummary, NotificationBanner, ProblemBanner, Radios, SummaryList, Tag, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { StaffPage } from '../../core/ui/pages.js';
import { formatLondon } from '../../core/time.js';
import { councilAreas } from '../../core/council-areas.js';
import { NOT_SURE, OUTSIDE_LLR } from '../about-you.js';
import { aboutYouTopics, channels, phaseOf, questionTypeLabel, type Consultation, type Phase } from '../model.js';
import type { Keeping } from '../consultations.js';
import { journeyPages } from '../definition.js';
import type { Results } from '../results.js';
import { QuestionFields } from './question-fields.js';
import { keepingText } from './staff-answers.js';
import { BreakdownTable, Count, Method, QuestionTable } from './results-view.js';

const CURRENT = '/staff/consultations';
const base = (c: Pick<Consultation, 'id'>) => `/staff/consultations/${c.id}`;

const phaseLabel: Record<Phase, string> = { draft: 'Draft', upcoming: 'Published: opens soon', open: 'Open', closed: 'Closed' };
const phaseColour: Record<Phase, 'grey' | 'blue' | 'green' | 'red'> = { draft: 'grey', upcoming: 'blue', open: 'green', closed: 'red' };
export const PhaseTag = ({ consultation, now }: { consultation: Consultation; now: Date }) => <Tag colour={phaseColour[phaseOf(consultation, now)]}>{phaseLabel[phaseOf(consultation, now)]}</Tag>;

export function StaffListPage({ consultations, now }: { consultations: Consultation[]; now: Date }) {
  return (
    <StaffPage title="Consultations" current={CURRENT} wide>
      <h1 class="govuk-heading-l">Consultations</h1>
      <p class="govuk-body">
        <a class="govuk-button" href="/staff/consultations/new" role="button" draggable="false" data-module="govuk-button">
          Create a consultation
        </a>
      </p>
      {consultations.length === 0 ? (
        <p class="govuk-body">There are no consultations yet.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Consultations, newest first</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Consultation</th>
              <th scope="col" class="govuk-table__header">Status</th>
              <th scope="col" class="govuk-table__header">Opens</th>
              <th scope="col" class="govuk-table__header">Closes</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {consultations.map((c) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={base(c)}>
                    {c.title}
                  </a>
                  {c.demo ? ' (demo data)' : ''}
                </td>
                <td class="govuk-table__cell">
                  <PhaseTag consultation={c} now={now} />
                </td>
                <td class="govuk-table__cell">{formatLondon(c.opensAt)}</td>
                <td class="govuk-table__cell">{formatLondon(c.closesAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffPage>
  );
}

function PostButton({ action, children, secondary, warning, name, value }: { action: string; children: string; secondary?: boolean; warning?: boolean; name?: string; value?: string }) {
  return (
    <form method="post" action={action} class="app-inline-form" novalidate>
      {name ? <input type="hidden" name={name} value={value ?? ''} /> : null}
      <button type="submit" class={`govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`} data-module="govuk-button">
        {children}
      </button>
    </form>
  );
}

export function OverviewPage({ consultation: c, keeping, now, banner, problem }: { consultation: Consultation; keeping: Keeping; now: Date; banner?: string; problem?: string }) {
  const phase = phaseOf(c, now);
  const locked = keeping.responses > 0;
  return (
    <StaffPage title={c.title} current={CURRENT} back={CURRENT} banner={banner} hasErrors={Boolean(problem)} wide>
      <ProblemBanner title="There is a problem" problem={problem} />
      <span class="govuk-caption-l">Consultation</span>
      <h1 class="govuk-heading-l">{c.title}</h1>
      <p class="govuk-body">
        <PhaseTag consultation={c} now={now} /> {c.demo ? <Tag colour="yellow">Demo data</Tag> : null}
      </p>
      {c.copiedFrom ? (
        <p class="govuk-body">
          {c.copiedFrom.newVersion ? 'A new version of ' : 'Copied from '}
          <a class="govuk-link" href={`/staff/consultations/${c.copiedFrom.id}`}>
            {c.copiedFrom.title}
          </a>
          .
        </p>
      ) : null}
      <SummaryList
        rows={[
          { key: 'Opens', value: formatLondon(c.opensAt) },
          { key: 'Closes', value: c.closedAt ? `${formatLondon(c.closesAt)} (closed early, ${formatLondon(c.closedAt)})` : formatLondon(c.closesAt) },
          { key: 'Responses', value: keepingText(keeping) },
          { key: 'About you', value: c.aboutYou.length ? aboutYouTopics.filter((t) => c.aboutYou.includes(t.id)).map((t) => t.label).join(', ') : 'Not asked' },
          { key: 'Suppression', value: `Counts below ${c.suppressionThreshold} are suppressed outside staff view` },
          { key: 'Weighting', value: c.weighting ? 'By council-area population, beside the unweighted figures' : 'None' },
          { key: 'Public page', value: c.status === 'draft' ? 'Not public until published' : <a class="govuk-link" href={`/consultations/${c.id}`}>/consultations/{c.id}</a> },
        ]}
      />
      <div class="govuk-button-group">
        <a class="govuk-button govuk-button--secondary" href={`${base(c)}/edit`} role="button" draggable="false" data-module="govuk-button">
          Edit details
        </a>
        <a class="govuk-button govuk-button--secondary" href={`${base(c)}/preview`} role="button" draggable="false" data-module="govuk-button">
          Preview
        </a>
        {c.status === 'draft' ? (
          <a class="govuk-button" href={`${base(c)}/publish`} role="button" draggable="false" data-module="govuk-button">
            Publish
          </a>
        ) : null}
        {c.status === 'published' && phase !== 'closed' ? (
          <a class="govuk-button govuk-button--warning" href={`${base(c)}/close`} role="button" draggable="false" data-module="govuk-button">
            Close the consultation
          </a>
        ) : null}
        <a class="govuk-button govuk-button--secondary" href={`${base(c)}/copy`} role="button" draggable="false" data-module="govuk-button">
          {locked ? 'Make a new version or copy' : 'Copy'}
        </a>
      </div>
      {c.status !== 'draft' ? (
        <>
          <h2 class="govuk-heading-m">Responses and results</h2>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`${base(c)}/results`}>Live results</a>
            </li>
            <li>
              <a class="govuk-link" href={`${base(c)}/comments`}>Free-text answers and themes</a>
            </li>
            {c.resultsPublishedAt ? null : (
              <li>
                <a class="govuk-link" href={`${base(c)}/responses/new`}>Enter a paper response or one taken at an event</a>
              </li>
            )}
            {keeping.allDeleted || keeping.responses === 0 ? null : (
              <li>
                <a class="govuk-link" href={`${base(c)}/responses.csv`}>{keeping.deletedBefore ? 'Download the responses still kept (CSV)' : 'Download every response (CSV)'}</a>
              </li>
            )}
            <li>
              <a class="govuk-link" href={`${base(c)}/results.csv`}>Download the results tables, with suppression (CSV)</a>
            </li>
            <li>
              <a class="govuk-link" href={`${base(c)}/decision`}>What the Commissioner decided, and the public results page</a>
            </li>
          </ul>
        </>
      ) : null}
      <h2 class="govuk-heading-m">Questions</h2>
      {locked ? (
        <div class="govuk-inset-text">
          This consultation has responses, so its questions cannot change. To change them, make a new version: a copy you can edit and publish instead.
        </div>
      ) : phase !== 'draft' ? (
        <div class="govuk-inset-text">It is published but has no responses yet, so its questions can still change. Once someone responds, they cannot.</div>
      ) : null}
      {c.pages.length === 0 ? <p class="govuk-body">There are no questions yet. Add a page, then add questions to it.</p> : null}
      {c.pages.map((page, p) => (
        <section class="govuk-!-margin-bottom-6" aria-labelledby={`page-${page.id}`}>
          <h3 class="govuk-heading-s" id={`page-${page.id}`}>
            Page {p + 1}: {page.title}
          </h3>
          {page.questions.length ? (
            <ol class="govuk-list govuk-list--number">
              {page.questions.map((q, i) => (
                <li>
                  {q.text} <span class="govuk-hint govuk-!-display-inline">({questionTypeLabel(q.type)}{q.required ? ', required' : ''}{q.showWhen ? ', conditional' : ''})</span>
                  {locked ? null : (
                    <div class="govuk-button-group govuk-!-margin-bottom-2">
                      <a class="govuk-link" href={`${base(c)}/questions/${q.id}/edit`}>
                        Edit<span class="govuk-visually-hidden"> {q.text}</span>
                      </a>
                      {i > 0 ? <PostButton action={`${base(c)}/questions/${q.id}/move`} name="direction" value="up" secondary>Move up</PostButton> : null}
                      {i < page.questions.length - 1 ? <PostButton action={`${base(c)}/questions/${q.id}/move`} name="direction" value="down" secondary>Move down</PostButton> : null}
                      <a class="govuk-link" href={`${base(c)}/questions/${q.id}/remove`}>
                        Remove<span class="govuk-visually-hidden"> {q.text}</span>
                      </a>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          ) : (
            <p class="govuk-body">No questions on this page yet.</p>
          )}
          {locked ? null : (
            <div class="govuk-button-group">
              <a class="govuk-link" href={`${base(c)}/pages/${page.id}/questions/new`}>
                Add a question<span class="govuk-visually-hidden"> to page {p + 1}</span>
              </a>
              <a class="govuk-link" href={`${base(c)}/pages/${page.id}/edit`}>
                Rename<span class="govuk-visually-hidden"> page {p + 1}</span>
              </a>
              {p > 0 ? <PostButton action={`${base(c)}/pages/${page.id}/move`} name="direction" value="up" secondary>Move page up</PostButton> : null}
              <a class="govuk-link" href={`${base(c)}/pages/${page.id}/remove`}>
                Remove<span class="govuk-visually-hidden"> page {p + 1}</span>
              </a>
            </div>
          )}
        </section>
      ))}
      {locked ? null : (
        <a class="govuk-button govuk-button--secondary" href={`${base(c)}/pages/new`} role="button" draggable="false" data-module="govuk-button">
          Add a page
        </a>
      )}
    </StaffPage>
  );
}

/** Every page as respondents will see it, one after another, with nothing to send. */
export function PreviewPage({ consultation: c }: { consultation: Consultation }) {
  const pages = journeyPages(c);
  return (
    <Layout title={`Preview: ${c.title}`} staff current={CURRENT}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <NotificationBanner title="Preview">
            <p class="govuk-notification-banner__heading">This is a preview: nothing here is sent or saved.</p>
            <p class="govuk-body">
              Questions that depend on an earlier answer are shown here whatever the answer. <a class="govuk-link" href={base(c)}>Back to the consultation</a>
            </p>
          </NotificationBanner>
          <h1 class="govuk-heading-xl">{c.title}</h1>
          <Paragraphs text={c.introduction} className="govuk-body-l" />
          {c.background ? (
            <Details summary="What is the precept, and why are we asking?">
              <Paragraphs text={c.background} />
            </Details>
          ) : null}
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

export function CopyPage({ consultation: c, values, errors = {}, locked }: { consultation: Consultation; values: FormValues; errors?: Errors; locked: boolean }) {
  return (
    <StaffPage title={`Copy ${c.title}`} current={CURRENT} back={base(c)} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">Copy this consultation</h1>
      <p class="govuk-body">The copy is a new draft with the same questions and settings, and no responses.</p>
      <form method="post" novalidate>
        <Radios
          name="kind"
          legend="What is the copy for?"
          value={values['kind'] ?? (locked ? 'version' : 'copy')}
          options={[
            { value: 'version', text: 'A new version of this consultation, to change its questions (same dates)' },
            { value: 'copy', text: 'A new consultation, for example next year’s (dates a year later)' },
          ]}
          error={errors['kind']}
        />
        <TextInput name="title" label="Title of the copy" value={values['title']} error={errors['title']} />
        <Button>Make the copy</Button>
      </form>
    </StaffPage>
  );
}

export function StaffResultsPage({ consultation: c, results, breakdown }: { consultation: Consultation; results: Results; breakdown?: 'area' | 'age' | 'channel' }) {
  const own = results.questions.filter((q) => !q.aboutYou);
  const about = results.questions.filter((q) => q.aboutYou);
  return (
    <StaffPage title={`Results: ${c.title}`} current={CURRENT} back={base(c)} wide>
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
                { value: 'channel', text: 'Channel (online, paper, event)' },
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

export function PaperEntryPage(props: { consultation: Consultation; values: FormValues; errors?: Errors; problem?: string; banner?: string }) {
  const { consultation: c, values, errors = {} } = props;
  const pages = journeyPages(c);
  return (
    <StaffPage title={`Enter a response: ${c.title}`} current={CURRENT} back={base(c)} banner={props.banner} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">Enter a paper response or one taken at an event</h1>
      {props.problem ? <div class="govuk-inset-text">{props.problem}</div> : null}
      <p class="govuk-body">Type the answers as the respondent gave them. Leave out questions they did not answer, and questions that did not apply to them.</p>
      <form method="post" novalidate>
        <input type="hidden" name="submission" value={values['submission'] ?? ''} />
        <ChoiceList
          kind="radio"
          name="channel"
          legend="How was it given?"
          options={channels.filter((ch) => ch.id !== 'online').map((ch) => ({ value: ch.id, text: ch.label }))}
          values={values['channel'] ? [values['channel']] : []}
          error={errors['channel']}
        />
        {pages.map((page) => (
          <>
            <h2 class="govuk-heading-m">{page.title}</h2>
            {page.questions.map((q) =>
              q.type === 'area' ? (
                <ChoiceList
                  kind="radio"
                  name={q.id}
                  legend={q.text}
                  hint="Only when the postcode district covers more than one council area (for example LE2, LE8 or LE67)."
                  options={[...councilAreas.map((a) => ({ value: a.code as string, text: a.name as string })), { value: OUTSIDE_LLR.id, text: OUTSIDE_LLR.label }, { value: NOT_SURE.id, text: 'Not sure' }]}
                  values={values[q.id] ? [values[q.id]!] : []}
                  error={errors[q.id]}
                />
              ) : (
                <QuestionFields question={q} values={values} errors={errors} answers={{}} asHeading={false} />
              ),
            )}
          </>
        ))}
        <Button>Save response</Button>
      </form>
    </StaffPage>
  );
}

export function DecisionPage(props: { consultation: Consultation; values: FormValues; errors?: Errors; problem?: string; banner?: string; now: Date; /** Admins only may take the results page down. */ canWithdraw: boolean }) {
  const { consultation: c, values, errors = {} } = props;
  const closed = phaseOf(c, props.now) === 'closed';
  return (
    <StaffPage title={`Decision and results page: ${c.title}`} current={CURRENT} back={base(c)} banner={props.banner} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">What the Commissioner decided</h1>
      {props.problem ? <div class="govuk-inset-text">{props.problem}</div> : null}
      <form method="post" action={`${base(c)}/decision`} novalidate>
        <Textarea name="decision" label="What was decided (“we did”)" hint="Shown on the public results page. Leave a blank line between paragraphs." value={values['decision']} error={errors['decision']} rows={8} />
        <Button>Save the decision</Button>
      </form>
      <h2 class="govuk-heading-m">The public results page</h2>
      {c.resultsPublishedAt ? (
        <>
          <p class="govuk-body">
            Published {formatLondon(c.resultsPublishedAt)}, {c.publishedWithFlagged === false ? 'leaving out' : 'including'} responses flagged as possible duplicates:{' '}
            <a class="govuk-link" href={`/consultations/${c.id}/results`}>
              /consultations/{c.id}/results
            </a>
          </p>
          {props.canWithdraw ? (
            <form method="post" action={`${base(c)}/withdraw-results`} novalidate>
              <Button secondary>Take the results page down</Button>
            </form>
          ) : (
            <p class="govuk-body">Only an administrator can take the results page down.</p>
          )}
        </>
      ) : closed ? (
        <form method="post" action={`${base(c)}/publish-results`} novalidate>
          <Radios
            name="flagged"
            legend="Count responses flagged as possible duplicates?"
            value={values['flagged'] ?? 'include'}
            options={[
              { value: 'include', text: 'Yes, include them' },
              { value: 'exclude', text: 'No, leave them out' },
            ]}
          />
          <Button>Publish the results page</Button>
        </form>
      ) : (
        <p class="govuk-body">You can publish the results once the consultation has closed.</p>
      )}
    </StaffPage>
  );
}
