/**
 * The emails consultations send, for the outbox: each kind's load, relevance, recipient and words
 * (emails/<kind>.ts). The receipt, a copy of the answers: the address is read from its own
 * item (never stored with the answers) and deleted once the email is settled, sent or given up
 * (`forget`); it also expires within days. The feedback survey after an event, to the address on its
 * ask (core/feedback.ts), with a single-use link minted as it is sent.
 */
import { getFeedbackAsk, type FeedbackAsk } from '../../core/feedback.js';
import { emailKind, type CapabilityEmails } from '../../core/outbox/kinds.js';
import type { OutboxEmail } from '../../core/outbox/outbox.js';
import { CAPABILITY, type Consultation, type StoredResponse } from '../model.js';
import { getConsultation } from '../store/consultations.js';
import { deleteReceipt, getReceipt, type Receipt } from '../store/receipts.js';
import { getResponse } from '../store/responses.js';
import { FEEDBACK_PURPOSE, FEEDBACK_PATH, feedbackLinkAbout } from '../feedback-links.js';
import { feedbackEmail } from './feedback.js';
import { receiptEmail } from './receipt.js';

interface Context {
  receipt: Receipt;
  consultation: Consultation;
  response: StoredResponse;
}

async function load(email: OutboxEmail, now: Date): Promise<Context | undefined> {
  const { consultationId, responseId } = email.about;
  if (!consultationId || !responseId) return undefined;
  const receipt = await getReceipt(responseId, now);
  if (!receipt) return undefined;
  const [consultation, response] = await Promise.all([getConsultation(consultationId, { consistent: true }), getResponse(consultationId, receipt.shard, responseId)]);
  return consultation && response ? { receipt, consultation, response } : undefined;
}

export const emails: CapabilityEmails = {
  capability: CAPABILITY,
  kinds: {
    receipt: emailKind<Context>({
      load,
      stillRelevant: () => true,
      to: (ctx) => ctx.receipt.email,
      render: (ctx) => receiptEmail(ctx),
      forget: async (email) => {
        if (email.about['responseId']) await deleteReceipt(email.about['responseId']);
      },
    }),
    feedback: emailKind<FeedbackAsk>({
      load: (email, now) => getFeedbackAsk(email.about['capability'] ?? '', email.about['sourceId'] ?? '', email.about['attendeeId'] ?? '', now),
      // Not once answered, nor once the person's record is erased (the ask is gone: load finds nothing).
      stillRelevant: (ask) => ask.status === 'sent' && Boolean(ask.email),
      to: (ask) => ask.email!,
      manageLink: (ask) => ({ purpose: FEEDBACK_PURPOSE, about: feedbackLinkAbout(ask), validUntil: new Date(ask.expiresAt * 1000).toISOString(), path: FEEDBACK_PATH }),
      render: (ask, _email, { manageUrl }) => {
        if (!manageUrl) throw new Error('A feedback survey needs its link');
        return feedbackEmail(ask, manageUrl);
      },
    }),
  },
};
