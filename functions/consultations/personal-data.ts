/**
 * The personal data consultations keep, declared for the privacy notice and for finding, exporting,
 * correcting and erasing a person (core/people/). Data only: it is part of the manifest.
 *
 * Responses are anonymous: no name, email address or full postcode is kept with them, so a search by
 * address cannot find one (a respondent's receipt reference can: /staff/consultations/{id}/responses/find).
 * The only address kept is the one given for a copy of the answers, until that email is sent.
 */
import type { PersonalData } from '../core/people/declaration.js';
import { receiptRetention } from './retention.js';

const SES = 'Amazon Web Services (hosting, and Amazon SES, which sends our email)';

export const consultationsPersonalData: PersonalData = {
  label: 'Consultations',
  collects: [
    {
      what: 'Your answers to a consultation, with the council area and age band worked out from what you tell us (not your postcode or age themselves); no name or email address is kept with them',
      why: 'To count and report what people told us, and to take it into account in the Commissioner’s decisions',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e)): consulting the public, for example on the police precept, is part of the Commissioner’s statutory role',
      recipients: ['Amazon Web Services (hosting)'],
    },
    {
      what: 'The email address you give for a copy of your answers, kept apart from them',
      why: 'To send you the copy; it is deleted once the email has been sent',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e))',
      recipients: [SES],
    },
  ],
  records: [
    {
      kind: 'receipt',
      itemType: 'consultation-receipt',
      idAttribute: 'responseId',
      what: 'The address for a copy of your consultation answers (not yet sent)',
      purpose: 'To email you a copy of your answers',
      source: 'You, on the consultation’s last page',
      sharedWith: [SES],
      retention: receiptRetention.what,
      fields: [{ attribute: 'email', label: 'Email address', holds: 'address', required: true }],
      erase: 'delete',
    },
  ],
  notFindable: 'Consultation responses are anonymous: none is kept with a name or email address, so none can be found by one. A respondent who kept their receipt reference can be helped with it on the consultation’s staff pages.',
};
