/**
 * Staff create, edit, publish, close and copy consultations, and publish what was decided. Every
 * change reads the consultation, applies itself, and saves conditionally on the version read (again,
 * by core's `settle`, if someone else saved meanwhile). Once a consultation has a response its questions cannot
 * change: the save is refused by DynamoDB itself (store/consultations.ts), and staff make a new version.
 */
import { newId } from '../core/ids.js';
import { invalidField, notFound, Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { COUNTER_ITEM_LIMIT, counterItemBytes } from './counting.js';
import { buildPages, definitionProblems, ownQuestions } from './definition.js';
import { phaseOf, type Consultation, type ConsultationInput, type DetailsInput, type QuestionPage } from './model.js';
import { answersDeletedBefore, responseExpiry } from './retention.js';
import * as store from './store/consultations.js';
import { newestResponse } from './store/responses.js';

const iso = (d: Date) => d.toISOString();

export const noSuchConsultation = () => notFound('There is no consultation with this id');
export const hasResponses = () =>
  new Refusal('consultation_has_responses', 'This consultation has responses, so its questions cannot change. Make a new version of it instead.', { kind: 'conflict' });

export async function getConsultation(id: string, options: { consistent?: boolean } = {}): Promise<Consultation | undefined> {
  return /^[a-z0-9-]{1,64}$/.test(id) ? store.getConsultation(id, options) : undefined;
}

export async function requireConsultation(id: string, options: { consistent?: boolean } = {}): Promise<Consultation> {
  const found = await getConsultation(id, options);
  if (!found) throw noSuchConsultation();
  return found;
}

export const listConsultations = () => store.listConsultations();
export const listPublicConsultations = () => store.listPublicConsultations();
export const responseCount = (id: string) => store.responseCount(id);

/** How many responses there are, and whether their answers are still kept (they are deleted 24 months after each response). */
export interface Keeping {
  responses: number;
  /** Some answers have gone: those sent before this. */
  deletedBefore?: string;
  /** Every response's answers have gone (by `at`, when known): only the counted results are left. */
  allDeleted?: { at?: string };
}

export const answersDeleted = (k: Keeping) =>
  new Refusal('answers_deleted', `Every response’s answers have been deleted${k.allDeleted?.at ? ` (by ${k.allDeleted.at})` : ''}, 24 months after the last response; the results are kept`, { kind: 'gone' });

export async function answersKept(c: Consultation, now: Date = new Date()): Promise<Keeping> {
  const { count, lastAt } = await store.responseSummary(c.id);
  if (count === 0) return { responses: 0 };
  const newest = await newestResponse(c.id);
  if (!newest || newest.expiresAt * 1000 <= now.getTime()) {
    const at = newest ? newest.expiresAt : lastAt ? responseExpiry(lastAt) : undefined;
    return { responses: count, allDeleted: at === undefined ? {} : { at: new Date(at * 1000).toISOString() } };
  }
  const before = answersDeletedBefore(now);
  return { responses: count, ...(before > (c.publishedAt ?? c.opensAt) ? { deletedBefore: before } : {}) };
}

function refuseProblems(pages: readonly QuestionPage[], aboutYou: Consultation['aboutYou']): void {
  const problems = definitionProblems(pages);
  // Every counter item must stay one read unit, so results cost the same at any number of responses.
  if (!problems.length && counterItemBytes({ pages: [...pages], aboutYou }) >= COUNTER_ITEM_LIMIT) {
    problems.push({ field: 'pages', message: 'There are too many questions and options to count: remove some options or questions' });
  }
  if (problems.length) throw new Refusal('invalid_definition', 'Some of the questions are not valid', { kind: 'invalid', fields: problems });
}

/** Creates a draft (with a given id for demo data: `created: false` when it exists already). */
export async function createConsultationWithId(
  id: string,
  input: ConsultationInput,
  now: Date = new Date(),
  extra: Pick<Consultation, 'copiedFrom' | 'demo'> = {},
): Promise<{ consultation: Consultation; created: boolean }> {
  const pages = buildPages(input.pages);
  refuseProblems(pages, input.details.aboutYou);
  const at = iso(now);
  const consultation: Consultation = {
    id,
    ...input.details,
    status: 'draft',
    pages,
    definitionVersion: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
  const created = await store.putNewConsultation(consultation);
  return { consultation: created ? consultation : ((await store.getConsultation(id, { consistent: true })) ?? consultation), created };
}

export async function createConsultation(input: ConsultationInput, now: Date = new Date()): Promise<Consultation> {
  return (await createConsultationWithId(newId(now), input, now)).consultation;
}

/**
 * Applies `change` to the consultation as it is now and saves it, again on a fresher read if someone
 * saved meanwhile. The change may throw refusals. A change to the questions raises the definition's
 * version and is refused once there are responses.
 */
export function changeConsultation(id: string, change: (c: Consultation, now: Date) => Consultation, now: Date = new Date()): Promise<Consultation> {
  return settle(async () => {
    const before = await requireConsultation(id, { consistent: true });
    const changed = change(before, now);
    const definitionChanged = JSON.stringify(changed.pages) !== JSON.stringify(before.pages) || JSON.stringify(changed.aboutYou) !== JSON.stringify(before.aboutYou);
    if (definitionChanged) refuseProblems(changed.pages, changed.aboutYou);
    const after: Consultation = {
      ...changed,
      definitionVersion: before.definitionVersion + (definitionChanged ? 1 : 0),
      version: before.version + 1,
      updatedAt: iso(now) > before.updatedAt ? iso(now) : new Date(Date.parse(before.updatedAt) + 1).toISOString(),
    };
    const outcome = await store.saveConsultation(before, after);
    if (outcome.ok) return after;
    if (outcome.reason === 'has-responses') throw hasResponses();
    return TRY_AGAIN;
  });
}

/** Title, introduction, background, times, about-you questions, suppression and weighting. */
export function updateDetails(id: string, details: DetailsInput, now: Date = new Date()): Promise<Consultation> {
  return changeConsultation(
    id,
    (c, at) => {
      if (c.status !== 'draft' && details.closesAt !== c.closesAt && details.closesAt <= iso(at)) throw invalidField('closesAt', 'The closing time must be in the future: to close it now, use “Close the consultation”');
      return { ...c, ...details };
    },
    now,
  );
}

/** Replaces every page and question at once (the JSON API). */
export function replaceQuestions(id: string, input: ConsultationInput['pages'], now: Date = new Date()): Promise<Consultation> {
  return changeConsultation(id, (c) => ({ ...c, pages: buildPages(input, c.pages) }), now);
}

export function publishConsultation(id: string, now: Date = new Date()): Promise<Consultation> {
  return changeConsultation(
    id,
    (c, at) => {
      if (c.status !== 'draft') throw new Refusal('already_published', 'This consultation has already been published');
      if (ownQuestions(c).length === 0) throw new Refusal('no_questions', 'Add at least one question before publishing', { kind: 'invalid' });
      if (c.closesAt <= iso(at)) throw invalidField('closesAt', 'The closing time has passed: change it before publishing');
      return { ...c, status: 'published', publishedAt: iso(at) };
    },
    now,
  );
}

export function closeConsultation(id: string, now: Date = new Date()): Promise<Consultation> {
  return changeConsultation(
    id,
    (c, at) => {
      if (c.status === 'draft') throw new Refusal('not_published', 'A draft cannot be closed: it has not been published');
      // Closed already, by staff or by its closing time passing: nothing to do (and no "closed early").
      if (phaseOf(c, at) === 'closed') return c;
      return { ...c, status: 'closed', closedAt: iso(at) };
    },
    now,
  );
}

/** What the Commissioner decided ("we did"), shown on the public results page. */
export function recordDecision(id: string, decision: string, now: Date = new Date()): Promise<Consultation> {
  return changeConsultation(id, (c) => ({ ...c, decision }), now);
}

/** The results page goes public, once the consultation has closed, counting flagged responses or not. */
export function publishResults(id: string, options: { includeFlagged: boolean }, now: Date = new Date()): Promise<Consultation> {
  return changeConsultation(
    id,
    (c, at) => {
      if (phaseOf(c, at) !== 'closed') throw new Refusal('not_closed', 'Results can be published once the consultation has closed');
      return { ...c, resultsPublishedAt: c.resultsPublishedAt ?? iso(at), publishedWithFlagged: options.includeFlagged };
    },
    now,
  );
}

/** Takes the results page down again (to correct something). */
export function withdrawResults(id: string, now: Date = new Date()): Promise<Consultation> {
  return changeConsultation(id, (c) => {
    const { resultsPublishedAt: _, ...rest } = c;
    return rest;
  }, now);
}

/**
 * A new draft with the same questions and settings: next year's consultation, or a new version of one
 * whose questions can no longer change. Times move on by a year for a copy, and stay for a new version.
 */
export async function copyConsultation(id: string, options: { title: string; newVersion: boolean }, now: Date = new Date()): Promise<Consultation> {
  const source = await requireConsultation(id, { consistent: true });
  const shift = (at: string) => {
    if (options.newVersion) return at;
    const d = new Date(at);
    d.setUTCFullYear(d.getUTCFullYear() + 1);
    return iso(d);
  };
  const input: ConsultationInput = {
    details: {
      title: options.title,
      introduction: source.introduction,
      background: source.background,
      opensAt: shift(source.opensAt),
      closesAt: shift(source.closesAt),
      aboutYou: source.aboutYou,
      suppressionThreshold: source.suppressionThreshold,
      weighting: source.weighting,
    },
    pages: [],
  };
  const { consultation } = await createConsultationWithId(newId(now), input, now, { copiedFrom: { id: source.id, title: source.title, newVersion: options.newVersion } });
  // The questions are copied as they are (ids and all), so results of the two compare question by question.
  return changeConsultation(consultation.id, (c) => ({ ...c, pages: structuredClone(source.pages) }), now);
}
