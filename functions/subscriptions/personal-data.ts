/**
 * The personal data subscriptions keep, declared for the privacy notice and for finding, exporting,
 * correcting and erasing a person (core/people/). Data only: it is part of the manifest. Erasing a
 * subscription deletes it: it is only about the person.
 */
import type { PersonalData } from '../core/people/declaration.js';
import { subscriptionRetention } from './retention.js';

const SES = 'Amazon Web Services (hosting, and Amazon SES, which sends our email)';

export const subscriptionsPersonalData: PersonalData = {
  label: 'Email updates',
  collects: [
    {
      what: 'Your email address and, if you choose one, a council area, when you ask for emails about new public meetings and consultations',
      why: 'To email you when we publish a public meeting or a consultation (in your area, if you chose one), until you unsubscribe',
      lawfulBasis: 'Consent (UK GDPR Article 6(1)(a)): you confirm it from the email we send, and can withdraw it with one click in any of our emails',
      recipients: [SES],
    },
  ],
  records: [
    {
      kind: 'subscription',
      itemType: 'subscriber',
      idAttribute: 'id',
      what: 'Subscription to emails about new public meetings and consultations',
      purpose: 'To email you when we publish a public meeting or a consultation',
      source: 'You, on the “Get emails about new meetings and consultations” form, confirmed from our email',
      sharedWith: [SES],
      retention: subscriptionRetention.what,
      fields: [
        { attribute: 'email', label: 'Email address', holds: 'address', required: true },
        { attribute: 'areaCode', label: 'Council area', holds: 'other' },
        { attribute: 'status', label: 'Confirmed', holds: 'context' },
      ],
      erase: 'delete',
      emailAttributes: ['lastEmailId'],
    },
  ],
};
