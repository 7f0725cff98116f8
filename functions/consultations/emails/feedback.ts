/** The feedback survey after an event (core/feedback.ts): one question, behind a single-use link. */
import type { FeedbackAsk } from '../../core/feedback.js';
import { layout, para, personalLink } from '../../core/outbox/email-layout.js';
import { formatLondonDate } from '../../core/time.js';

export function feedbackEmail(ask: FeedbackAsk, surveyUrl: string) {
  const { label, endedAt } = ask.source;
  return layout(`How was ${label}?`, 'there', [
    para(`Thank you for coming to ${label} on ${formatLondonDate(endedAt)}.`),
    para('Please tell us how it went. There is one question, and it takes less than a minute.'),
    personalLink(surveyUrl, {
      lead: 'Answer the question:',
      linkText: 'Tell us how the meeting went',
      warning: 'The link works once, for a month after the meeting. Your answer is counted without your name or email address.',
    }),
  ]);
}
