/**
 * The personal data surgeries keep, declared for the privacy notice and for finding, exporting,
 * correcting and erasing a person (core/people/). Data only: it is part of the manifest.
 *
 * Erasing a booking keeps it without the person's details: its slot, its council's record and the
 * counts stay as they were (docs/decisions.md, "Erasing a person"). Erasing a clerk's contact removes
 * it from the council, as retiring a council does.
 */
import type { PersonalData } from '../core/people/declaration.js';
import { bookingRetention, clerkRetention } from './retention.js';

const SES = 'Amazon Web Services (hosting, and Amazon SES, which sends our email)';

export const surgeriesPersonalData: PersonalData = {
  label: 'Parish surgeries',
  collects: [
    {
      what: 'The name, role and email address of the person coming to a surgery for a parish or town council, the topics they want to raise and any access needs; what staff note at the surgery',
      why: 'To book the surgery, confirm it and remind them by email, prepare the Deputy Commissioner, and follow up what was raised',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e)): working with local councils is part of the Commissioner’s role',
      recipients: [SES, 'The council’s clerk, who confirms requests made on the website'],
    },
    {
      what: 'The name and email address of each parish and town council’s clerk',
      why: 'To invite the council to surgeries and to ask the clerk to confirm requests made on the website',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e))',
      recipients: [SES],
    },
  ],
  records: [
    {
      kind: 'booking',
      itemType: 'surgery-booking',
      idAttribute: 'id',
      what: 'Booking for a parish surgery',
      purpose: 'To hold the council’s surgery slot, email the confirmation and reminder, and prepare the meeting',
      source: 'The council (you, on the booking form or from an invitation; or the website’s request form, confirmed by the clerk)',
      sharedWith: [SES, 'The council’s clerk, for requests made on the website'],
      retention: bookingRetention.what,
      fields: [
        { attribute: 'attendeeName', label: 'Name of the person coming', holds: 'name', required: true },
        { attribute: 'email', label: 'Email address', holds: 'address', required: true },
        { attribute: 'otherTopics', label: 'Other topics', holds: 'other' },
        { attribute: 'accessNeeds', label: 'Access needs', holds: 'other' },
      ],
      erase: 'anonymise',
      emailAttributes: ['lastEmail'],
      staffPage: '/staff/surgeries/bookings/{id}',
    },
    {
      kind: 'council-contact',
      itemType: 'surgery-council',
      idAttribute: 'id',
      what: 'Contact details of a council’s clerk',
      purpose: 'To invite the council to surgeries and ask the clerk to confirm requests',
      source: 'The council, or the office’s list of councils',
      sharedWith: [SES],
      retention: clerkRetention.what,
      fields: [
        { attribute: 'name', label: 'Council', holds: 'context' },
        { attribute: 'clerkName', label: 'Clerk’s name', holds: 'name' },
        { attribute: 'clerkEmail', label: 'Clerk’s email address', holds: 'address' },
      ],
      erase: 'anonymise',
      staffPage: '/staff/surgeries/councils/{id}',
    },
  ],
};
