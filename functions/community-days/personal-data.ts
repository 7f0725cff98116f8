/**
 * The personal data community days keep, declared for the privacy notice and for finding, exporting,
 * correcting and erasing a person (core/people/). Data only: it is part of the manifest.
 *
 * A visit itself names no one (counts, themes, a public summary); its staff notes may name people and
 * give their email address. Each address the notes give is marked for the person search, so a note
 * that gives someone's address is found by it; erasing them takes their address (and their name, when
 * the search gave it) out of the notes. A name without an address cannot be found this way.
 */
import type { PersonalData } from '../core/people/declaration.js';
import { MENTION } from './store/keys.js';
import { notesRetention } from './retention.js';

export const communityDaysPersonalData: PersonalData = {
  label: 'Community days',
  collects: [
    {
      what: 'What staff note about the people the Commissioner meets on community days, which may include a name and contact details someone gives so we can follow up',
      why: 'To follow up what people raise with the Commissioner and plan future visits',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e))',
      recipients: ['Amazon Web Services (hosting)'],
    },
  ],
  records: [
    {
      kind: 'visit-notes',
      itemType: 'visit-notes',
      idAttribute: 'visitId',
      what: 'Staff notes of a community-day visit that give your email address',
      purpose: 'To follow up what you raised with the Commissioner',
      source: 'Staff who met you on the visit',
      sharedWith: [],
      retention: notesRetention.what,
      fields: [{ attribute: 'notes', label: 'Notes', holds: 'mentions' }],
      erase: 'anonymise',
      marker: { skPrefix: MENTION, holderSk: 'NOTES' },
      staffPage: '/staff/community-days/visits/{visitId}',
    },
  ],
  notFindable: 'Notes that name someone without giving their email address cannot be found by address: search the visit notes by name on the community-days pages.',
};
