/**
 * A valid post of each of consultations' forms, for the walk that posts every form twice (test/forms):
 * the questionnaire's pages (with the browser's cookie, and a draft to send), the builder, paper
 * entry, tagging, closing, publishing, the decision and the actions raised after it.
 */
import type { FormExample } from '../../test/support/form-examples.js';
import { askForFeedbackWrite, feedbackSentWrites } from '../core/feedback.js';
import { newId, newSecret } from '../core/ids.js';
import { mintManageLink, saveManageLink } from '../core/manage-links.js';
import { transactWrite } from '../core/store/transactions.js';
import { closeConsultation, publishResults } from './consultations.js';
import { aConsultation, anOpenConsultation, exampleAnswers, exampleDetailsForm, respond } from './fixtures.js';
import { BROWSER_COOKIE } from './pages/journey.js';
import { FEEDBACK_PATH, FEEDBACK_PURPOSE, feedbackLinkAbout } from './feedback-links.js';
import { CAPABILITY } from './model.js';
import { draftExpiry } from './retention.js';
import { hashToken } from './responding.js';
import { saveDraftAnswers } from './store/drafts.js';

const base = (c: { id: string }) => `/staff/consultations/${c.id}`;

/** A browser with the questionnaire's cookie (and, for sending, a draft with every answer). */
async function aBrowser(consultation: { id: string; definitionVersion: number }, withDraft: boolean) {
  const token = newSecret(32);
  if (withDraft) {
    const now = new Date();
    await saveDraftAnswers(hashToken(token), consultation.id, { set: exampleAnswers(), remove: [], definitionVersion: consultation.definitionVersion, now: now.toISOString(), expiresAt: draftExpiry(now) });
  }
  return { cookie: `${BROWSER_COOKIE}=${token}` };
}

/** A feedback survey sent for an event that ended an hour ago, and its single-use link's token. */
async function aFeedbackSurvey(): Promise<string> {
  const now = new Date();
  const source = { capability: 'example', id: newId(now), label: 'the example event', endedAt: new Date(now.getTime() - 3_600_000).toISOString() };
  const expiresAt = Math.floor(now.getTime() / 1000) + 30 * 86_400;
  const attendee = { id: newId(now), email: `feedback-${newSecret(6)}@example.org` };
  if (!(await transactWrite([askForFeedbackWrite(source, attendee, now.toISOString(), expiresAt)])).ok) throw new Error('The example ask was not written');
  const ask = { source, attendeeId: attendee.id };
  if (!(await transactWrite(feedbackSentWrites({ ...ask, status: 'wanted', askedAt: now.toISOString(), expiresAt }, `${CAPABILITY}#${newId(now)}`, now.toISOString()))).ok)
    throw new Error('The example survey was not marked sent');
  const { token, link } = mintManageLink({ capability: CAPABILITY, purpose: FEEDBACK_PURPOSE, about: feedbackLinkAbout(ask), validUntil: new Date(expiresAt * 1000).toISOString() });
  await saveManageLink(link);
  return token;
}

const closed = async () => closeConsultation((await anOpenConsultation()).id);

/** A staff form on a draft (the builder), an open consultation or a closed one. */
const on = (route: string, make: () => Promise<{ id: string }>, path: (c: { id: string }) => string, fields: Record<string, string>): FormExample => ({
  route: `/staff/consultations${route}`,
  as: 'staff',
  prepare: async () => ({ path: path(await make()), fields }),
});

export const formExamples: FormExample[] = [
  {
    route: '/consultations/:id/questions/:page',
    as: 'public',
    prepare: async () => {
      const c = await anOpenConsultation();
      return { path: `/consultations/${c.id}/questions/p1`, fields: { q1: 'increase-0', q2: 'agree' }, headers: await aBrowser(c, false) };
    },
  },
  {
    route: '/consultations/:id/check-answers',
    as: 'public',
    prepare: async () => {
      const c = await anOpenConsultation();
      return { path: `/consultations/${c.id}/check-answers`, fields: { receiptEmail: '' }, headers: await aBrowser(c, true) };
    },
  },
  { route: '/staff/consultations/new', as: 'staff', prepare: async () => ({ path: '/staff/consultations/new', fields: exampleDetailsForm() }) },
  on('/:id/edit', aConsultation, (c) => `${base(c)}/edit`, exampleDetailsForm({ title: 'Police precept consultation (renamed)' })),
  on('/:id/pages/new', aConsultation, (c) => `${base(c)}/pages/new`, { title: 'More questions' }),
  on('/:id/pages/:page/edit', aConsultation, (c) => `${base(c)}/pages/p1/edit`, { title: 'Council tax' }),
  on('/:id/pages/:page/remove', aConsultation, (c) => `${base(c)}/pages/p5/remove`, {}),
  on('/:id/pages/:page/move', aConsultation, (c) => `${base(c)}/pages/p2/move`, { direction: 'up' }),
  on('/:id/pages/:page/questions/new/:type', aConsultation, (c) => `${base(c)}/pages/p1/questions/new/text`, { text: 'Anything else?', maxLength: '500', required: 'no' }),
  on('/:id/questions/:question/edit', aConsultation, (c) => `${base(c)}/questions/q2/edit`, { text: 'Police funding should rise', includeDontKnow: 'yes', required: 'no' }),
  on('/:id/questions/:question/remove', aConsultation, (c) => `${base(c)}/questions/q6/remove`, {}),
  on('/:id/questions/:question/move', aConsultation, (c) => `${base(c)}/questions/q2/move`, { direction: 'up' }),
  on('/:id/publish', aConsultation, (c) => `${base(c)}/publish`, {}),
  on('/:id/close', anOpenConsultation, (c) => `${base(c)}/close`, {}),
  on('/:id/copy', anOpenConsultation, (c) => `${base(c)}/copy`, { kind: 'copy', title: 'Next year’s precept consultation' }),
  {
    route: '/staff/consultations/:id/comments/:question/:response',
    as: 'staff',
    prepare: async () => {
      const c = await anOpenConsultation();
      const { responseId } = await respond(c, exampleAnswers({ q6: { text: 'Speeding on the A6' } }));
      return { path: `${base(c)}/comments/q6/${responseId}`, fields: { version: '0', [`themes-${responseId}--speeding-road-safety`]: 'yes' } };
    },
  },
  on('/:id/tags', anOpenConsultation, (c) => `${base(c)}/tags?question=q6`, { label: 'Dog fouling' }),
  on('/:id/responses/new', anOpenConsultation, (c) => `${base(c)}/responses/new`, { channel: 'paper', q1: 'increase-0' }),
  // Checking a file changes nothing: the preview, answered in place each time.
  { ...on('/:id/responses/import', anOpenConsultation, (c) => `${base(c)}/responses/import`, { channel: 'paper', csv: 'q1,q2\nincrease-0,Agree\n' }), status: 200 },
  on('/:id/responses/import/confirm', closed, (c) => `${base(c)}/responses/import/confirm`, { channel: 'telephone', csv: 'q1,q3\nincrease-1000,Burglary;Road safety\n' }),
  on('/:id/decision', anOpenConsultation, (c) => `${base(c)}/decision`, { decision: 'The Commissioner proposed a £10 increase for Band D.' }),
  on('/:id/publish-results', closed, (c) => `${base(c)}/publish-results`, { flagged: 'include' }),
  {
    // Admins only: a respondent's response, found by its reference, withdrawn.
    route: '/staff/consultations/:id/responses/:responseId/withdraw',
    as: 'admin',
    prepare: async () => {
      const c = await anOpenConsultation();
      const { responseId } = await respond(c);
      return { path: `${base(c)}/responses/${responseId}/withdraw`, fields: {} };
    },
  },
  {
    route: '/staff/consultations/:id/withdraw-results',
    as: 'admin',
    prepare: async () => {
      const c = await closed();
      await publishResults(c.id, { includeFlagged: true });
      return { path: `${base(c)}/withdraw-results`, fields: {} };
    },
  },
  on('/:id/actions/new', closed, (c) => `${base(c)}/actions/new`, { what: 'Write to the Chief Constable about neighbourhood officers', ownerKind: 'chief-constable', ownerName: '' }),
  {
    route: `${FEEDBACK_PATH}/:token`,
    as: 'public',
    prepare: async () => ({ path: `${FEEDBACK_PATH}/${await aFeedbackSurvey()}`, fields: { rating: 'excellent' } }),
  },
];
