/**
 * The personal data meetings keep, declared for the privacy notice and for finding, exporting,
 * correcting and erasing a person (core/people/). Data only: it is part of the manifest.
 *
 * Erasing a registration keeps it as an anonymous attendance: its place stays taken and every count
 * stays as it was (docs/decisions.md, "Erasing a person"). To give the place up, staff cancel it first.
 */
import type { PersonalData } from '../core/people/declaration.js';
import { feedbackAskRetention, registrationRetention } from './retention.js';

const SES = 'Amazon Web Services (hosting, and Amazon SES, which sends our email)';

export const meetingsPersonalData: PersonalData = {
  label: 'Public meetings',
  collects: [
    {
      what: 'Your name, email address, the number of places you book and whether you attend in person or online when you register for a public meeting; your postcode, access needs and a question for the meeting if you give them',
      why: 'To give you a place (or a place on the waiting list), email you about it and about changes to the meeting, check you in at the door, plan the room for your access needs, and answer your question at the meeting',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e)). Access needs that say something about your health or a disability: your explicit consent (Article 9(2)(a)), given by choosing to tell us; ask us to delete them at any time',
      recipients: [SES],
    },
    {
      what: 'Your name, and your email address and council area if you give them, when you come to a public meeting without registering and staff add you at the door',
      why: 'To count truly how many people came and where from, and to be able to contact you about the meeting',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e))',
      recipients: [SES],
    },
    {
      what: 'If you attended a public meeting, your email address, to send you one short feedback survey afterwards',
      why: 'To ask how the meeting went, so that we can run better meetings; your answer is counted without your name or email address',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e))',
      recipients: [SES],
    },
  ],
  records: [
    {
      kind: 'registration',
      itemType: 'registration',
      idAttribute: 'id',
      what: 'Registration for a public meeting',
      purpose: 'To keep your place at the meeting, email you about it, check you in, and count attendance',
      source: 'You, on the registration form (or staff, on your behalf)',
      sharedWith: [SES],
      retention: registrationRetention.what,
      fields: [
        { attribute: 'name', label: 'Name', holds: 'name', required: true },
        { attribute: 'email', label: 'Email address', holds: 'address', required: true },
        { attribute: 'postcode', label: 'Postcode', holds: 'other' },
        { attribute: 'accessNeeds', label: 'Access needs', holds: 'other' },
        { attribute: 'question', label: 'Question for the meeting', holds: 'other' },
        // Kept on erasure: the place it holds is counted in that mode.
        { attribute: 'attendMode', label: 'How you attend (in person or online)', holds: 'context' },
      ],
      erase: 'anonymise',
      emailAttributes: ['outboxIds'],
      notWhile: { attribute: 'status', value: 'requested', because: 'a registration’s place is still being decided' },
      staffPage: '/staff/meetings/{meetingId}',
    },
    {
      kind: 'walk-in',
      itemType: 'walk-in',
      idAttribute: 'id',
      what: 'Attendance at a public meeting without registering (added at the door)',
      purpose: 'To count truly how many people came and where from, and to send one feedback survey to those who gave an address',
      source: 'You, at the door, to the office’s staff',
      sharedWith: [],
      retention: registrationRetention.what,
      fields: [
        { attribute: 'name', label: 'Name', holds: 'name', required: true },
        { attribute: 'email', label: 'Email address', holds: 'address' },
        { attribute: 'areaCode', label: 'Council area', holds: 'other' },
      ],
      erase: 'anonymise',
      staffPage: '/staff/meetings/{meetingId}',
    },
    {
      kind: 'email-guard',
      itemType: 'email-guard',
      idAttribute: 'registrationId',
      what: 'The record that this address has registered for a meeting (one registration per address)',
      purpose: 'To stop the same address registering twice for one meeting',
      source: 'Your registration',
      sharedWith: [],
      retention: registrationRetention.what,
      fields: [],
      erase: 'delete',
      skPrefixBeforeAddress: 'EMAIL#',
      staffPage: '/staff/meetings/{meetingId}',
    },
    {
      kind: 'request',
      itemType: 'registration-request',
      idAttribute: 'registrationId',
      what: 'A registration waiting for its place to be decided',
      purpose: 'To decide places in the order people registered',
      source: 'Your registration',
      sharedWith: [],
      retention: registrationRetention.what,
      fields: [{ attribute: 'email', label: 'Email address', holds: 'address', required: true }],
      erase: 'delete',
      notWhile: { attribute: 'type', value: 'registration-request', because: 'a registration’s place is still being decided' },
    },
    {
      kind: 'feedback-ask',
      itemType: 'feedback-ask',
      idAttribute: 'attendeeId',
      what: 'A request for feedback after a public meeting you attended',
      purpose: 'To send you one short feedback survey about the meeting (your answer is counted without your address)',
      source: 'Your registration, once you were checked in at the meeting',
      sharedWith: [SES],
      retention: feedbackAskRetention.what,
      fields: [{ attribute: 'email', label: 'Email address', holds: 'address', required: true }],
      erase: 'delete',
      emailAttributes: ['outboxId'],
    },
  ],
  notFindable: 'Someone added at the door without an email address cannot be found by address: their name is on the meeting’s staff page, under Walk-ins.',
};
