/**
 * A response is stored: checked against the consultation's own questions, counted, and kept
 * anonymous. One transaction (store/responses.ts) stores it with its counters, in one of the
 * consultation's shards chosen at random, only while the consultation accepts responses and only
 * against the questions it was checked with (if staff changed them meanwhile it is checked again).
 *
 * Duplicates are flagged, never dropped: a second response from the same browser (its random cookie
 * token) or from the same network address on the same day (a keyed hash whose key changes daily) is
 * stored and counted like any other, marked, so staff can include or leave out flagged responses. A
 * repeated submission (the same form sent twice, or the same Idempotency-Key) stores one response and
 * answers the same reference, and so does one draft sent from several windows at once: the draft is
 * replaced by a note of its response in the same transaction, on condition it is still unsent. An emailed copy of the answers goes through the outbox; its address is
 * kept apart from the answers and deleted once the email is settled.
 */
import { createHash } from 'node:crypto';
import { config } from '../core/config.js';
import { previousAnswer, rememberAnswer } from '../core/idempotency.js';
import { newSecret } from '../core/ids.js';
import { count } from '../core/log.js';
import { newOutboxEmail, outboxWrite } from '../core/outbox/outbox.js';
import { hashed, limitEmailsTo } from '../core/rate-limits.js';
import { notFound, Refusal, ServiceUnavailable } from '../core/refusal.js';
import { epochSeconds } from '../core/store/items.js';
import { Busy, type NamedWrite } from '../core/store/transactions.js';
import { londonDay } from '../core/time.js';
import { checkAnswers } from './answers.js';
import { getConsultation } from './consultations.js';
import { classify, responseCounters } from './counting.js';
import { allQuestions } from './definition.js';
import { CAPABILITY, phaseOf, type Answer, type Channel, type Consultation, type DuplicateFlag, type StoredResponse } from './model.js';
import { newResponseId, referenceFor, shardOf } from './references.js';
import { receiptExpiry, responseExpiry } from './retention.js';
import { getDraft, sendDraftWrite, type Draft } from './store/drafts.js';
import { randomShard } from './store/keys.js';
import { firstForMark } from './store/marks.js';
import { receiptWrite } from './store/receipts.js';
import { getResponse, saveResponse } from './store/responses.js';

const MAX_TRIES = 6;
/**
 * A new response tries its shard this many times, then moves to another shard (a new id) if the
 * shard stays busy: a burst spreads itself over the quieter shards instead of queueing on one.
 */
const TRIES_PER_SHARD = 3;
const MAX_SHARD_MOVES = 5;

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
  /** The form's submission key or the API's Idempotency-Key: the same key stores one response. */
  submission?: string;
  /** Staff who entered a paper or event response. */
  enteredBy?: string;
  /** A fixed id (demo data), so running the seed again stores nothing twice. */
  responseId?: string;
}

export interface SubmitOutcome {
  outcome: 'submitted' | 'repeated';
  reference: string;
  responseId: string;
  flags: DuplicateFlag[];
}

const scope = (consultationId: string) => `consultations/respond/${consultationId}`;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Whether the consultation takes this response now: online only while open; staff entries once published. */
function acceptance(c: Consultation | undefined, channel: Channel, now: Date): void {
  if (!c || c.status === 'draft') throw notFound('There is no consultation with this id', 'no_such_consultation');
  const phase = phaseOf(c, now);
  if (phase === 'upcoming' && channel === 'online') throw new Refusal('consultation_not_open', 'This consultation is not open yet');
  if (phase === 'closed' && channel === 'online') throw new Refusal('consultation_closed', 'This consultation has closed');
  // Published results must stay the results: a late paper response would change them unseen.
  if (channel !== 'online' && c.resultsPublishedAt) throw new Refusal('results_published', 'The results have been published, so no more responses can be entered. To enter one, take the results page down first.', { kind: 'conflict' });
}

async function duplicateFlags(c: Consultation, s: Submission, key: string, now: Date): Promise<DuplicateFlag[]> {
  if (s.channel !== 'online') return [];
  const flags: DuplicateFlag[] = [];
  const [browserFirst, addressFirst] = await Promise.all([
    s.browserTokenHash ? firstForMark(c.id, 'browser', s.browserTokenHash, key, epochSeconds(c.closesAt) + 30 * 86_400) : true,
    // An address we could not learn says nothing about duplicates.
    s.clientAddress && s.clientAddress !== 'unknown'
      ? (() => {
          const day = londonDay(now);
          // A keyed hash whose key changes daily: the same address is the same mark within a day, and
          // marks of different days cannot be linked.
          return firstForMark(c.id, 'address', `${day}#${hashed(s.clientAddress, `${config().rateLimits.salt}|${day}`)}`, key, epochSeconds(now) + 2 * 86_400);
        })()
      : true,
  ]);
  if (!browserFirst) flags.push('same-browser');
  if (!addressFirst) flags.push('same-address');
  return flags;
}

/** The response a submission key already stored, if any (a form sent twice). */
export async function previousSubmission(consultationId: string, submission: string): Promise<{ responseId: string; reference: string } | undefined> {
  const seen = await previousAnswer<{ responseId: string }>(scope(consultationId), submission);
  return seen ? { responseId: seen.responseId, reference: referenceFor(seen.responseId) } : undefined;
}

/** A stored response by its receipt reference's id. */
export const findResponse = (consultationId: string, responseId: string) => getResponse(consultationId, shardOf(responseId), responseId);

export async function submitResponse(consultationId: string, s: Submission, now: Date = new Date()): Promise<SubmitOutcome> {
  let consultation = await getConsultation(consultationId);
  acceptance(consultation, s.channel, now);
  const key = s.submission ?? newSecret();
  if (s.submission) {
    const seen = await previousAnswer<{ responseId: string; flags?: DuplicateFlag[] }>(scope(consultationId), s.submission);
    if (seen) return { outcome: 'repeated', responseId: seen.responseId, reference: referenceFor(seen.responseId), flags: seen.flags ?? [] };
  }
  let checked = check(consultation!, s);
  if (s.receiptEmail) await limitEmailsTo(s.receiptEmail);
  // Every "Send" of one draft is one submission to the duplicate marks, so none of them flags another.
  const flags = await duplicateFlags(consultation!, s, s.draft?.id ? `draft:${s.draft.id}` : key, now);

  let responseId = s.responseId ?? newResponseId(randomShard());
  let moves = 0;
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const c = consultation!;
    const shard = shardOf(responseId);
    const at = now.toISOString();
    const who = classify(checked, s.channel, flags.length > 0);
    const response: StoredResponse = {
      id: responseId,
      reference: referenceFor(responseId),
      consultationId: c.id,
      definitionVersion: c.definitionVersion,
      channel: s.channel,
      answers: checked,
      area: who.area,
      ageBand: who.ageBand,
      flags,
      submittedAt: at,
      ...(s.enteredBy ? { enteredBy: s.enteredBy } : {}),
    };
    const also: NamedWrite[] = [];
    if (s.browserTokenHash && s.draft) also.push(sendDraftWrite(s.browserTokenHash, c.id, s.draft, responseId, now));
    if (s.submission) also.push(rememberAnswer(scope(c.id), s.submission, { responseId, flags }, now));
    if (s.receiptEmail) {
      const expiresAt = receiptExpiry(now);
      also.push(receiptWrite({ responseId, consultationId: c.id, shard, email: s.receiptEmail }, expiresAt));
      also.push(outboxWrite(newOutboxEmail({ capability: CAPABILITY, kind: 'receipt', about: { consultationId: c.id, responseId }, expiresAt, now })));
    }
    const texts = allQuestions(c).flatMap((q) => (q.type === 'text' && checked[q.id]?.text ? [{ questionId: q.id, text: checked[q.id]!.text! }] : []));
    let outcome: Awaited<ReturnType<typeof saveResponse>>;
    try {
      outcome = await saveResponse({
        // A fixed id cannot move shard; the last move tries as long as any other write would.
        ...(s.responseId || moves === MAX_SHARD_MOVES ? {} : { attempts: TRIES_PER_SHARD }),
        response,
        shard,
        counters: responseCounters(c, checked, who),
        texts,
        whileOpen: s.channel === 'online',
        now: at,
        expiresAt: responseExpiry(at),
        also,
      });
    } catch (error) {
      if (!(error instanceof Busy) || s.responseId || moves === MAX_SHARD_MOVES) throw error;
      // Nothing was written: the response moves to another shard, with a new id (and so reference).
      // A move is not one of the tries above, which are for the consultation changing meanwhile.
      moves++;
      attempt--;
      responseId = newResponseId(randomShard());
      continue;
    }
    if (outcome.ok) {
      count(flags.length ? 'ConsultationResponsesFlagged' : 'ConsultationResponses');
      return { outcome: 'submitted', responseId, reference: response.reference, flags };
    }
    if (outcome.reason === 'id-taken') {
      if (s.responseId) return { outcome: 'repeated', responseId, reference: response.reference, flags };
      responseId = newResponseId(randomShard());
      continue;
    }
    if (outcome.reason === 'failed' && outcome.parts.includes('idempotency') && s.submission) {
      const seen = await previousAnswer<{ responseId: string; flags?: DuplicateFlag[] }>(scope(c.id), s.submission);
      if (seen) return { outcome: 'repeated', responseId: seen.responseId, reference: referenceFor(seen.responseId), flags: seen.flags ?? [] };
      continue;
    }
    if (outcome.reason === 'failed' && outcome.parts.includes('draft') && s.browserTokenHash) {
      // Another "Send" of the same draft got there first: its response is this one's answer too.
      const draft = await getDraft(s.browserTokenHash, c.id, now);
      if (draft?.sentAs) return { outcome: 'repeated', responseId: draft.sentAs, reference: referenceFor(draft.sentAs), flags: [] };
      throw new Refusal('draft_changed', 'Your answers changed in another window: check them, then send them', { kind: 'conflict' });
    }
    // The consultation changed under us: closed, or its questions changed (check the answers again).
    consultation = await getConsultation(consultationId, { consistent: true });
    acceptance(consultation, s.channel, now);
    if (consultation!.definitionVersion !== c.definitionVersion) checked = check(consultation!, s);
    else if (s.channel === 'online' && outcome.reason === 'not-accepting') throw new Refusal('consultation_closed', 'This consultation has closed');
  }
  throw new ServiceUnavailable('Lots of people are responding right now');
}

function check(c: Consultation, s: Submission) {
  const { answers, errors } = checkAnswers(c, s.answers, { strict: Boolean(s.strict), ...(s.strict ? { prefix: 'answers' } : {}) });
  if (errors.length) throw new Refusal('invalid_answers', 'Some of the answers are not valid', { kind: 'invalid', fields: errors });
  return answers;
}
