/**
 * The personal data the action log keeps, declared for the privacy notice and for finding, exporting,
 * correcting and erasing a person (core/people/). Data only: it is part of the manifest. Erasing a
 * contact deletes it: it is only about the person, and actions routed to that owner afterwards say
 * that no contact is recorded.
 */
import type { PersonalData } from '../core/people/declaration.js';
import { ownerContactRetention } from './retention.js';

const SES = 'Amazon Web Services (hosting, and Amazon SES, which sends our email)';

export const actionsPersonalData: PersonalData = {
  label: 'Actions',
  // Partners' contacts, kept by staff: not a service residents take part in.
  staffOnly: true,
  collects: [
    {
      what: 'The name and work email address of the contact at a body that owns actions (such as the police, a community safety partnership or another organisation)',
      why: 'To email them each action the office passes to their organisation: what it is, where it came from and when it is due',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e)): holding the police and partners to account for what residents raise is part of the Commissioner’s role',
      recipients: [SES],
    },
  ],
  records: [
    {
      kind: 'owner-contact',
      itemType: 'action-owner-contact',
      idAttribute: 'id',
      what: 'Contact at a body that owns actions',
      purpose: 'To email the actions passed to that body',
      source: 'Your organisation, or the office’s staff',
      sharedWith: [SES],
      retention: ownerContactRetention.what,
      fields: [
        { attribute: 'bodyName', label: 'Organisation', holds: 'context' },
        { attribute: 'contactName', label: 'Contact’s name', holds: 'name', required: true },
        { attribute: 'email', label: 'Email address', holds: 'address', required: true },
      ],
      erase: 'delete',
      staffPage: '/staff/actions/contacts/{id}',
    },
  ],
};
