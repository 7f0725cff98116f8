/**
 * The staff list of consultations, and one consultation with its pages and questions and what can be
 * done with it now (with the actions raised from it once it has closed).
 */
import type { Child } from 'hono/jsx';
import type { Action } from '../../core/actions/model.js';
import { ProblemBanner, SummaryList, Tag } from '../../core/ui/components.js';
import { PostForm } from '../../core/ui/post-form.js';
import { StaffPage } from '../../core/ui/pages.js';
import { formatLondon } from '../../core/time.js';
import { aboutYouTopics, phaseOf, questionTypeLabel, type Consultation, type Phase } from '../model.js';
import type { Keeping } from '../consultations.js';
import { ConsultationActions } from './actions.js';
import { keepingText } from './comments.js';
import { base, STAFF } from './paths.js';

const phaseLabel: Record<Phase, string> = { draft: 'Draft', upcoming: 'Published: opens soon', open: 'Open', closed: 'Closed' };
const phaseColour: Record<Phase, 'grey' | 'blue' | 'green' | 'red'> = { draft: 'grey', upcoming: 'blue', open: 'green', closed: 'red' };
export const PhaseTag = ({ consultation, now }: { consultation: Consultation; now: Date }) => <Tag colour={phaseColour[phaseOf(consultation, now)]}>{phaseLabel[phaseOf(consultation, now)]}</Tag>;

export function StaffListPage({ consultations, now }: { consultations: Consultation[]; now: Date }) {
  return (
    <StaffPage title="Consultations" current={STAFF} wide>
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
    <PostForm action={action} class="app-inline-form">
      {name ? <input type="hidden" name={name} value={value ?? ''} /> : null}
      <button type="submit" class={`govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`} data-module="govuk-button">
        {children}
      </button>
    </PostForm>
  );
}

export function OverviewPage(props: { consultation: Consultation; keeping: Keeping; actions: Action[]; now: Date; banner?: string; problem?: Child }) {
  const { consultation: c, keeping, now, banner, problem } = props;
  const phase = phaseOf(c, now);
  const locked = keeping.responses > 0;
  return (
    <StaffPage title={c.title} current={STAFF} back={STAFF} banner={banner} hasErrors={Boolean(problem)} wide>
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
            <li>
              <a class="govuk-link" href={`${base(c)}/responses/find`}>Find a response by its receipt reference</a>
            </li>
            {c.resultsPublishedAt ? null : (
              <li>
                <a class="govuk-link" href={`${base(c)}/responses/new`}>Enter a paper response or one taken at an event</a>
              </li>
            )}
            {c.resultsPublishedAt ? null : (
              <li>
                <a class="govuk-link" href={`${base(c)}/responses/import`}>Import responses gathered by others (CSV)</a>
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
      {phase === 'closed' ? <ConsultationActions consultation={c} actions={props.actions} now={now} /> : null}
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
