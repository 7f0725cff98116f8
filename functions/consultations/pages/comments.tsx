/**
 * Staff pages about the answers themselves: the free-text answers with their tags, and what is said
 * once the answers have been deleted under the retention rule (24 months after each response: the
 * counted results stay), instead of an empty list or a spreadsheet with only its heading row.
 */
import type { Child } from 'hono/jsx';
import { ChoiceList, Details, Paragraphs } from '../../core/ui/choices.js';
import { Button, ErrorSummary, Tag, TextInput, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { StaffPage } from '../../core/ui/pages.js';
import { formatLondonDate } from '../../core/time.js';
import type { Keeping } from '../consultations.js';
import type { Consultation } from '../model.js';
import type { TextAnswer, Themes } from '../store/comments.js';
import type { ThemeChoice } from '../tagging.js';
import { base, STAFF } from './paths.js';

/** What happened to the answers, in words: how many responses, and whether their answers are still kept. */
export function keepingText(k: Keeping): string {
  const count = k.responses.toLocaleString('en-GB');
  if (k.allDeleted) {
    return `${count}. Their answers were deleted${k.allDeleted.at ? ` on ${formatLondonDate(k.allDeleted.at)}` : ''}, 24 months after the last response (the retention rule); the counted results are kept`;
  }
  if (k.deletedBefore) return `${count}. Answers sent before ${formatLondonDate(k.deletedBefore)} have been deleted (24 months after each response); the counted results are kept`;
  return count;
}

export function CommentsPage(props: {
  consultation: Consultation;
  /** Set when every answer has been deleted under the retention rule. */
  deleted?: Keeping;
  questions: Array<{ id: string; text: string }>;
  questionId?: string;
  texts: TextAnswer[];
  next?: string;
  choices: ThemeChoice[];
  themes: Themes;
  banner?: string;
  problem?: Child;
  errors?: Errors;
  values?: FormValues;
}) {
  const { consultation: c, questionId, texts, choices, themes, errors = {} } = props;
  const question = props.questions.find((q) => q.id === questionId);
  const counts = question ? choices.map((t) => ({ theme: t, count: themes.counts[`${question.id}|${t.id}`] ?? 0 })).filter((x) => x.count > 0) : [];
  return (
    <StaffPage title={`Free-text answers: ${c.title}`} current={STAFF} back={base(c)} banner={props.banner} hasErrors={Object.keys(errors).length > 0} wide>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">Free-text answers and themes</h1>
      {props.problem ? <div class="govuk-inset-text">{props.problem}</div> : null}
      {props.questions.length === 0 ? <p class="govuk-body">This consultation has no free-text questions.</p> : null}
      <ul class="govuk-list">
        {props.questions.map((q) => (
          <li>
            {q.id === questionId ? (
              <strong>{q.text}</strong>
            ) : (
              <a class="govuk-link" href={`${base(c)}/comments?question=${q.id}`}>
                {q.text}
              </a>
            )}
          </li>
        ))}
      </ul>
      {question ? (
        <>
          <h2 class="govuk-heading-m">{question.text}</h2>
          {props.deleted ? null : (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base(c)}/comments.csv?question=${question.id}`}>
                Download these answers with their themes (CSV)
              </a>
            </p>
          )}
          <h3 class="govuk-heading-s">Answers by theme</h3>
          {counts.length ? (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-visually-hidden">Answers tagged with each theme</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Theme</th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">Answers</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {counts.map((x) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{x.theme.label}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{x.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="govuk-body">No answers have been tagged yet.</p>
          )}
          {props.deleted ? <div class="govuk-inset-text">Responses: {keepingText(props.deleted)}. The answers by theme above are those counts.</div> : null}
          {texts.length === 0 && !props.deleted ? <p class="govuk-body">{props.values?.['after'] ? 'No more answers.' : 'No answers yet.'}</p> : null}
          {texts.map((t) => (
            <div class="govuk-summary-card">
              <div class="govuk-summary-card__title-wrapper">
                <h3 class="govuk-summary-card__title">
                  Response {t.reference} {t.flagged ? <Tag colour="orange">Possible duplicate</Tag> : null}
                </h3>
              </div>
              <div class="govuk-summary-card__content">
                <Paragraphs text={t.text} />
                <PostForm action={`${base(c)}/comments/${question.id}/${t.responseId}`}>
                  <input type="hidden" name="version" value={String(t.tagVersion)} />
                  <input type="hidden" name="after" value={props.values?.['after'] ?? ''} />
                  <Details summary={`Themes${t.themes.length ? `: ${t.themes.map((id) => choices.find((x) => x.id === id)?.label ?? id).join(', ')}` : ' (none yet)'}`}>
                    <ChoiceList kind="checkbox" name={`themes-${t.responseId}`} legend={`Themes for response ${t.reference}`} size="s" options={choices.map((x) => ({ value: x.id, text: x.label }))} values={t.themes} />
                    <Button secondary>Save themes</Button>
                  </Details>
                </PostForm>
              </div>
            </div>
          ))}
          {props.next && texts.length ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base(c)}/comments?question=${question.id}&after=${encodeURIComponent(props.next)}`}>
                Next page of answers
              </a>
            </p>
          ) : null}
          <h3 class="govuk-heading-s">Add a tag of your own</h3>
          <PostForm action={`${base(c)}/tags?question=${question.id}`} values={props.values}>
            <TextInput name="label" label="Tag" hint="For this consultation only, beside the platform’s themes." width={30} value={props.values?.['label']} error={errors['label']} />
            <Button secondary>Add tag</Button>
          </PostForm>
        </>
      ) : null}
    </StaffPage>
  );
}

/** Instead of a spreadsheet with only its heading row: what was deleted, and when. */
export function AnswersDeletedPage({ consultation: c, keeping }: { consultation: Consultation; keeping: Keeping }) {
  return (
    <StaffPage title={`Answers deleted: ${c.title}`} current={STAFF} back={base(c)}>
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">The answers have been deleted</h1>
      <p class="govuk-body">Responses: {keepingText(keeping)}.</p>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base(c)}/results`}>See the results</a>
      </p>
    </StaffPage>
  );
}
