/**
 * The one email consultations send: a copy of the answers, to the address the respondent gave for it.
 * The address is read from its own item (never stored with the answers) and deleted once the email is
 * settled, sent or given up (`forget`); it also expires within days.
 */
import { facts, heading, layout, para } from '../core/outbox/email-layout.js';
import { emailKind, type CapabilityEmails } from '../core/outbox/kinds.js';
import type { OutboxEmail } from '../core/outbox/outbox.js';
import { formatLondon } from '../core/time.js';
import { answerLines } from './answers.js';
import { allQuestions } from './definition.js';
import { CAPABILITY, type Consultation, type StoredResponse } from './model.js';
import { getConsultation } from './store/consultations.js';
import { deleteReceipt, getReceipt, type Receipt } from './store/receipts.js';
import { getResponse } from './store/responses.js';

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

export function receiptEmail({ consultation, response }: Pick<Context, 'consultation' | 'response'>) {
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
