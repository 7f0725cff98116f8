/**
 * A response is stored: checked against the consultation's own questions, counted, and kept
 * anonymous. One transaction (store/responses.ts) stores it with its counters, in one of the
 * consultation's shards chosen at random (again for every try, so a burst spreads itself over the
 * quieter shards instead of queueing on one), only while the consultation accepts responses and only
 * against the questions it was checked with (if staff changed them meanwhile it is checked again:
 * core's `settle`).
 *
 * Duplicates are flagged, never dropped: a second response from the same browser (its random cookie
 * token) or from the same network address on the same day (a keyed hash whose key changes daily) is
 * stored and counted like any other, marked, so staff can include or leave out flagged responses.
 * Every try of one submission is one submission to the marks, so a retry never flags itself. The same
 * form or Idempotency-Key sent twice is answered by core with the first answer (core/submissions.ts);
 * one draft sent from several windows at once (each its own form) becomes one response: the draft is
 * replaced by a note of its response in the same transaction, on condition it is still unsent, and
 * the other windows are answered with that response. An emailed copy of the answers goes through the
 * outbox; its address is kept apart from the answers and deleted once the email is settled.
 */
import { createHash } from 'node:crypto';
import { config } from '../core/config.js';
import { newSecret } from '../core/ids.js';
import { count } from '../core/log.js';
import { newOutboxEmail, outboxWrite } from '../core/outbox/outbox.js';
import { hashed, limitEmailsTo } from '../core/rate-limits.js';
import { notFound, Refusal } from '../core/refusal.js';
import { epochSeconds } from '../core/store/items.js';
import { settle, TRY_AGAIN, type NamedWrite } from '../core/store/transactions.js';
import { currentSubmission } from '../core/submissions.js';
import { londonDay } from '../core/time.js';
import { checkAnswers } from './answers.js';
import { getConsultation } from './consultations.js';
import { classify, responseCounters } from './counting.js';
import { allQuestions } from './definition.js';
import { CAPABILITY, phaseOf, type Answer, type Answers, type Channel, type Consultation, type DuplicateFlag, type StoredResponse } from './model.js';
import { newResponseId, referenceFor, shardOf } from './references.js';
import { receiptExpiry, responseExpiry } from './retention.js';
import { getDraft, sendDraftWrite, type Draft } from './store/drafts.js';
import { randomShard } from './store/keys.js';
import { firstForMark } from './store/marks.js';
import { receiptWrite } from './store/receipts.js';
import { getResponse, saveResponse } from './store/responses.js';
import { responseFigureCounts } from './headline.js';

export interface Submission {
  /** As sent: checked here against the consultation's questions. */
  answers: Readonly<Record<string, Answer>>;
  channel: Channel;
  /** The JSON API: unknown questions, or answers to questions that do not show, are errors (named `answers.<id>`). */
  strict?: boolean;
  /** An address to email a copy of the answers to; used for that and not kept. */
  receiptEmail?: string;
  /** The questionnaire's browser token, hashed (online): the duplicate mark, and the key of its draft. */
  browserTokenHash?: string;
  /** The draft being sent, as checked: it becomes this response and no other (with `browserTokenHash`). */
  draft?: Pick<Draft, 'id' | 'version'>;
  /** The network address it came from (online): hashed with a key that changes every day, for the duplicate mark. */
  clientAddress?: string;
  /** Staff who entered a paper or event response. */
  enteredBy?: string;
  /** A fixed id (demo data), so running the seed again stores nothing twice. */
  responseId?: string;
}

export interface SubmitOutcome {
  /** `repeated`: this draft (or fixed id) was sent already; the answer is that response. */
  outcome: 'submitted' | 'repeated';
  reference: string;
  responseId: string;
  flags: DuplicateFlag[];
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The consultation, if it takes this response now: online only while open; staff entries once published. */
function accepting(c: Consultation | undefined, channel: Channel, now: Date): Consultation {
  if (!c || c.status === 'draft') throw notFound('There is no consultation with this id', 'no_such_consultation');
  const phase = phaseOf(c, now);
  if (phase === 'upcoming' && channel === 'online') throw new Refusal('consultation_not_open', 'This consultation is not open yet');
  if (phase === 'closed' && channel === 'online') throw closed();
  // Published results must stay the results: a late paper response would change them unseen.
  if (channel !== 'online' && c.resultsPublishedAt) throw new Refusal('results_published', 'The results have been published, so no more responses can be entered. To enter one, take the results page down first.', { kind: 'conflict' });
  return c;
}

const closed = () => new Refusal('consultation_closed', 'This consultation has closed');

async function duplicateFlags(c: Consultation, s: Submission, submission: string, now: Date): Promise<DuplicateFlag[]> {
  if (s.channel !== 'online') return [];
  const flags: DuplicateFlag[] = [];
  const [browserFirst, addressFirst] = await Promise.all([
    s.browserTokenHash ? firstForMark(c.id, 'browser', s.browserTokenHash, submission, epochSeconds(c.closesAt) + 30 * 86_400) : true,
    // An address we could not learn says nothing about duplicates.
    s.clientAddress && s.clientAddress !== 'unknown'
      ? (() => {
          const day = londonDay(now);
          // A keyed hash whose key changes daily: the same address is the same mark within a day, and
          // marks of different days cannot be linked.
          return firstForMark(c.id, 'address', `${day}#${hashed(s.clientAddress, `${config().rateLimits.salt}|${day}`)}`, submission, epochSeconds(now) + 2 * 86_400);
        })()
      : true,
  ]);
  if (!browserFirst) flags.push('same-browser');
  if (!addressFirst) flags.push('same-address');
  return flags;
}

/** A stored response by its receipt reference's id. */
export const findResponse = (consultationId: string, responseId: string) => getResponse(consultationId, shardOf(responseId), responseId);

export async function submitResponse(consultationId: string, s: Submission, now: Date = new Date()): Promise<SubmitOutcome> {
  let consultation = accepting(await getConsultation(consultationId), s.channel, now);
  let checked = check(consultation, s);
  if (s.receiptEmail) await limitEmailsTo(s.receiptEmail);
  // Every "Send" of one draft, and every try of one form or Idempotency-Key, is one submission to the marks.
  const flags = await duplicateFlags(consultation, s, s.draft?.id ? `draft:${s.draft.id}` : (currentSubmission() ?? newSecret()), now);
  const at = now.toISOString();
  return settle(async () => {
    const c = consultation;
    const who = classify(checked, s.channel, flags.length > 0);
    const counters = responseCounters(c, checked, who);
    const texts = allQuestions(c).flatMap((q) => (q.type === 'text' && checked[q.id]?.text ? [{ questionId: q.id, text: checked[q.id]!.text! }] : []));
    let response: StoredResponse | undefined;
    const outcome = await saveResponse(() => {
      // A fixed id keeps its shard; any other response takes a shard (and so an id) afresh each try.
      const id = s.responseId ?? newResponseId(randomShard());
      response = { id, reference: referenceFor(id), consultationId: c.id, definitionVersion: c.definitionVersion, channel: s.channel, answers: checked, area: who.area, ageBand: who.ageBand, flags, submittedAt: at, ...(s.enteredBy ? { enteredBy: s.enteredBy } : {}) };
      return { response, shard: shardOf(id), counters, texts, whileOpen: s.channel === 'online', figures: responseFigureCounts(c, { channel: s.channel, answers: checked }, flags.length > 0), now: at, expiresAt: responseExpiry(at), also: alongside(c, s, id, now) };
    });
    const { id, reference } = response!;
    if (outcome.ok) {
      count(flags.length ? 'ConsultationResponsesFlagged' : 'ConsultationResponses');
      return { outcome: 'submitted', responseId: id, reference, flags };
    }
    if (outcome.reason === 'id-taken') return s.responseId ? { outcome: 'repeated', responseId: id, reference, flags } : TRY_AGAIN;
    if (outcome.reason === 'failed' && outcome.parts.includes('draft') && s.browserTokenHash) {
      // Another "Send" of the same draft got there first: its response is this one's answer too.
      const draft = await getDraft(s.browserTokenHash, c.id, now);
      if (draft?.sentAs) return { outcome: 'repeated', responseId: draft.sentAs, reference: referenceFor(draft.sentAs), flags: [] };
      throw new Refusal('draft_changed', 'Your answers changed in another window: check them, then send them', { kind: 'conflict' });
    }
    if (outcome.reason === 'not-accepting') {
      // The consultation changed under us: closed, or its questions changed (check the answers again).
      consultation = accepting(await getConsultation(consultationId, { consistent: true }), s.channel, now);
      if (consultation.definitionVersion !== c.definitionVersion) checked = check(consultation, s);
      else if (s.channel === 'online') throw closed();
    }
    return TRY_AGAIN;
  });
}

/** What is written with the response: the draft's note that it was sent, the receipt's address and its email. */
function alongside(c: Consultation, s: Submission, responseId: string, now: Date): NamedWrite[] {
  const also: NamedWrite[] = [];
  if (s.browserTokenHash && s.draft) also.push(sendDraftWrite(s.browserTokenHash, c.id, s.draft, responseId, now));
  if (s.receiptEmail) {
    const expiresAt = receiptExpiry(now);
    also.push(receiptWrite({ responseId, consultationId: c.id, shard: shardOf(responseId), email: s.receiptEmail }, expiresAt));
    also.push(outboxWrite(newOutboxEmail({ capability: CAPABILITY, kind: 'receipt', about: { consultationId: c.id, responseId }, expiresAt, now })));
  }
  return also;
}

function check(c: Consultation, s: Submission): Answers {
  const { answers, errors } = checkAnswers(c, s.answers, { strict: Boolean(s.strict), ...(s.strict ? { prefix: 'answers' } : {}) });
  if (errors.length) throw new Refusal('invalid_answers', 'Some of the answers are not valid', { kind: 'invalid', fields: errors });
  return answers;
}
