/**
 * GET /staff/meetings/{id}/questions: what residents asked to raise, oldest first, in full, to prepare
 * the commissioner's answers (also as CSV).
 */
import { BackLink } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import { formatLondon } from '../../core/time.js';
import type { Meeting } from '../model.js';
import type { Question } from '../registrations.js';
import { Paragraphs } from '../../core/ui/choices.js';
import { plural } from './meeting-details.js';

export function QuestionsPage({ meeting, questions }: { meeting: Meeting; questions: Question[] }) {
  const base = `/staff/meetings/${meeting.id}`;
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
          {questions.map((q) => (
            <div>
              <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
              <h2 class="govuk-heading-s govuk-!-margin-bottom-1">{q.name}</h2>
              <p class="govuk-body-s govuk-!-margin-bottom-2">{`Reference ${q.reference}, asked ${formatLondon(q.createdAt)}`}</p>
              <Paragraphs text={q.question} />
            </div>
          ))}
        </div>
      </div>
    </Layout>
  );
}
