/**
 * The copy of a respondent's answers, as the MIME message SES is given (composed by the platform's
 * composer and parsed back with mailparser): every answer in words, the receipt reference, what they
 * typed shown as text, and nothing that could identify them kept.
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../core/outbox/email.js';
import { buildPages } from '../definition.js';
import { receiptEmail } from './receipt.js';
import { exampleAnswers, examplePages } from '../fixtures.js';
import type { Consultation, StoredResponse } from '../model.js';

const consultation = { id: 'c', title: 'Police precept consultation <b>2026</b>', pages: buildPages(examplePages()), aboutYou: ['age', 'postcode'] } as unknown as Consultation;
const response: StoredResponse = {
  id: 'K7QM4X2P',
  reference: 'K7QM-4X2P',
  consultationId: 'c',
  definitionVersion: 1,
  channel: 'online',
  answers: exampleAnswers({ q3: { choices: ['o1', 'other'], other: '<script>alert(1)</script>' } }),
  area: 'E07000130',
  ageBand: '35-44',
  flags: [],
  submittedAt: '2026-12-03T18:30:00.000Z',
};

describe('the copy of the answers', () => {
  it('lists every answer in words with the receipt reference, and shows what was typed as text', async () => {
    const mail = await simpleParser(await composeEmail({ to: 'resident@example.org', ...receiptEmail({ consultation, response }) }));
    expect(mail.subject).toBe('Your response to Police precept consultation <b>2026</b>');
    expect(mail.text).toContain('Receipt reference: K7QM-4X2P');
    expect(mail.text).toContain('Sent: Thursday 3 December 2026, 6:30pm');
    expect(mail.text).toContain('How much more would you be willing to pay for policing next year?: £10 a year more for Band D (83p a month): £310.37 a year');
    expect(mail.text).toContain('Neighbourhood policing; Other: <script>alert(1)</script>');
    expect(mail.text).toContain('What is your age?: 35 to 44');
    expect(mail.text).toContain('What is the first part of your postcode?: LE11');
    expect(mail.html).toContain('Other: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('We have not kept your email address');
  });
});
