/**
 * Withdrawing a response its respondent asked us to take back (found by their receipt reference):
 * admins only. Its counts come off the results exactly as they went on: the counters are worked out
 * again from the stored response, with the same rules that counted it (counting.ts), and taken away in
 * one transaction with the response (store/withdrawals.ts). Not once results are published: withdraw
 * the published results first, so no published figure changes under its readers.
 */
import { notFound, Refusal } from '../core/refusal.js';
import { getConsultation } from './consultations.js';
import { responseCounters } from './counting.js';
import { allQuestions } from './definition.js';
import { responseFigureCounts } from './headline.js';
import type { StoredResponse } from './model.js';
import { shardOf } from './references.js';
import { findResponse } from './responding.js';
import { saveWithdrawal } from './store/withdrawals.js';

const noSuchResponse = () => notFound('No response to this consultation has this reference', 'response_not_found');

export async function withdrawResponse(consultationId: string, responseId: string): Promise<StoredResponse> {
  const [consultation, response] = await Promise.all([getConsultation(consultationId, { consistent: true }), findResponse(consultationId, responseId)]);
  if (!consultation || !response) throw noSuchResponse();
  if (consultation.definitionVersion !== response.definitionVersion) throw new Refusal('questions_changed', 'The questions changed after this response was sent, so its counts cannot be worked out again');
  const flagged = response.flags.length > 0;
  const counted = responseCounters(consultation, response.answers, { area: response.area, ageBand: response.ageBand, channel: response.channel, flagged });
  const texts = allQuestions(consultation).flatMap((q) => (q.type === 'text' && response.answers[q.id]?.text ? [q.id] : []));
  const outcome = await saveWithdrawal(response, shardOf(response.id), counted, texts, responseFigureCounts(consultation, response, flagged));
  if (outcome.ok) return response;
  if (outcome.reason === 'gone') throw noSuchResponse();
  if (outcome.reason === 'results-published') throw new Refusal('results_published', 'The results have been published with this response in them: withdraw the published results first');
  throw new Refusal('response_changed', 'Its free-text answers were tagged meanwhile: try again');
}
