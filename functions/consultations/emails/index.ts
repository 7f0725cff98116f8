/**
 * The emails consultations send, for the outbox: each kind's load, relevance, recipient and words
 * (emails/<kind>.ts). One kind: the receipt, a copy of the answers. The address is read from its own
 * item (never stored with the answers) and deleted once the email is settled, sent or given up
 * (`forget`); it also expires within days.
 */
import { emailKind, type CapabilityEmails } from '../../core/outbox/kinds.js';
import type { OutboxEmail } from '../../core/outbox/outbox.js';
import { CAPABILITY, type Consultation, type StoredResponse } from '../model.js';
import { getConsultation } from '../store/consultations.js';
import { deleteReceipt, getReceipt, type Receipt } from '../store/receipts.js';
import { getResponse } from '../store/responses.js';
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
  },
};
