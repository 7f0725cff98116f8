/**
 * GET /staff/meetings/{id}/questions: what residents asked to raise, oldest first, in full, to prepare
 * the commissioner's answers (also as CSV); under each, the actions raised from it and a link to raise one.
 */
import type { Action } from '../../core/actions/model.js';
import { BackLink, SuccessBanner } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import { formatLondon } from '../../core/time.js';
import type { Meeting } from '../model.js';
import { questionHref } from '../raising-actions.js';
import type { Question } from '../registrations.js';
import { Paragraphs } from '../../core/ui/choices.js';
import { MeetingActions } from './meeting-actions.js';
import { plural } from './meeting-details.js';

export function QuestionsPage({ meeting, questions, actions, today, banner }: { meeting: Meeting; questions: Question[]; actions: Action[]; today: string; banner?: string }) {
  const base = `/staff/meetings/${meeting.id}`;
  const raisedFrom = (q: Question) => actions.filter((a) => a.source?.kind === 'question' && a.source.href === questionHref(meeting.id, q));
  return (
    <Layout
      title={`Questions: ${meeting.title}`}
      staff
      current="/staff/meetings"
      beforeContent={
        <BackLink href={base}>Back to the meeting</BackLink>
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SuccessBanner message={banner} />
          <span class="govuk-caption-l">{meeting.title}</span>
          <h1 class="govuk-heading-xl">Questions</h1>
          <p class="govuk-body">
            {plural(questions.length, 'question')} from residents who registered.{' '}
            {questions.length ? (
              <a class="govuk-link" href={`${base}/questions.csv`} download>
                Download questions (CSV)
              </a>
            ) : null}
          </p>
          {questions.map((q) => {
            const raised = raisedFrom(q);
            return (
              <div id={`question-${q.registrationId}`}>
                <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
                <h2 class="govuk-heading-s govuk-!-margin-bottom-1">{q.name}</h2>
                <p class="govuk-body-s govuk-!-margin-bottom-2">{`Reference ${q.reference}, asked ${formatLondon(q.createdAt)}`}</p>
                <Paragraphs text={q.question} />
                {raised.length ? <MeetingActions actions={raised} today={today} caption={`Actions raised from the question with reference ${q.reference}`} from={false} /> : null}
                <p class="govuk-body">
                  <a class="govuk-link" href={`${base}/questions/${q.registrationId}/actions/new`}>
                    Raise an action<span class="govuk-visually-hidden"> from the question with reference {q.reference}</span>
                  </a>
                </p>
              </div>
            );
          })}
        </div>
      </div>
    </Layout>
  );
}
