/**
 * The receipt: a copy of the answers, to the address the respondent gave for it (the one email
 * consultations send). Its words, text and HTML together, from core's email parts.
 */
import { facts, heading, layout, para } from '../../core/outbox/email-layout.js';
import { formatLondon } from '../../core/time.js';
import { answerLines } from '../answers.js';
import { allQuestions } from '../definition.js';
import type { Consultation, StoredResponse } from '../model.js';

export function receiptEmail({ consultation, response }: { consultation: Consultation; response: StoredResponse }) {
  const answered = allQuestions(consultation).filter((q) => response.answers[q.id]);
  return layout(`Your response to ${consultation.title}`, 'there', [
    para(`Thank you for responding to ${consultation.title}. This is a copy of your answers.`),
    facts([
      ['Receipt reference', response.reference],
      ['Sent', formatLondon(response.submittedAt)],
    ]),
    heading('Your answers'),
    facts(answered.map((q) => [q.text, answerLines(q, response.answers[q.id], response.answers).join('; ')] as const)),
    para('We have not kept your email address: it was used only to send you this copy. Your answers are kept without your name or email address.'),
  ]);
}
