/**
 * The feedback section of a meeting's staff page: the survey consultations send its attendees, read
 * back through core's feedback contract (core/feedback.ts), with each rating's share and its 95%
 * Wilson interval, so "74% rated it excellent" comes with how sure that is.
 */
import { feedbackResult, type FeedbackSummary } from '../../core/feedback.js';
import type { Interval } from '../../core/statistics.js';
import { Table } from '../../core/ui/components.js';
import type { Meeting } from '../model.js';
import { FEEDBACK_AFTER_HOURS } from '../feedback.js';

const pct = (share: number) => `${Math.round(share * 100)}%`;
const ci = (interval: Interval) => `${pct(interval.low)} to ${pct(interval.high)}`;

/** "74% rated it excellent, n = 38, 95% CI 58% to 85%" */
export function feedbackHeadline(summary: FeedbackSummary): string | undefined {
  const result = feedbackResult(summary);
  const top = result?.ratings[0];
  if (!result || !top) return undefined;
  return `${pct(top.share)} rated it ${top.text.toLowerCase()}, n = ${result.answered}, 95% CI ${ci(top.interval)}`;
}

export function MeetingFeedback({ meeting, summary, now }: { meeting: Meeting; summary: FeedbackSummary | undefined; now: Date }) {
  const result = summary && feedbackResult(summary);
  const ended = Date.parse(meeting.endsAt) <= now.getTime();
  return (
    <>
      <h2 class="govuk-heading-m">Feedback</h2>
      {meeting.status === 'cancelled' ? (
        <p class="govuk-body">No feedback survey: the meeting was cancelled.</p>
      ) : !summary ? (
        <p class="govuk-body">
          {ended ? 'No feedback survey has been sent yet. ' : ''}
          {`Everyone checked in who gave an email address is sent a one-question survey ${FEEDBACK_AFTER_HOURS === 1 ? 'an hour' : `${FEEDBACK_AFTER_HOURS} hours`} after the meeting ends.`}
        </p>
      ) : !result ? (
        <p class="govuk-body">{`Surveys sent: ${summary.sent}. No answers yet.`}</p>
      ) : (
        <>
          <p class="govuk-body govuk-!-font-weight-bold">{feedbackHeadline(summary)}</p>
          <p class="govuk-body">{`${result.answered} of ${result.sent} people sent a survey answered. “95% CI” is the range the true share very likely lies in (a 95% Wilson score interval): with few answers it is wide.`}</p>
          <Table
            caption="Overall, how would you rate it?"
            head={['Rating', 'People', 'Share', '95% confidence interval']}
            rows={result.ratings.map((r) => [r.text, String(r.count), pct(r.share), ci(r.interval)])}
          />
        </>
      )}
    </>
  );
}
