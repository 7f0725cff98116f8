/**
 * The personal data the platform itself keeps (not any one capability's), declared as capabilities
 * declare theirs, so the privacy notice lists it with theirs: staff sign-in, technical records, the
 * list of addresses email has stopped for, the access record and the records of erasures.
 */
import type { DataCollected } from './declaration.js';

const AWS = 'Amazon Web Services (hosting)';

export const platformDataCollected: readonly DataCollected[] = [
  {
    what: 'The work email address, name and role of staff who sign in',
    why: 'To check that they are allowed to see and change what they ask to, and to record who did what',
    lawfulBasis: 'Public task (UK GDPR Article 6(1)(e)), and our duties as their employer',
    recipients: [AWS, 'Amazon Cognito, our sign-in service (part of Amazon Web Services)'],
  },
  {
    what: 'Technical records of requests, such as your IP address, the page you asked for and the time',
    why: 'To keep the website secure and working; we do not use them to identify you',
    lawfulBasis: 'Legitimate interests (UK GDPR Article 6(1)(f)) in keeping the website secure',
    recipients: [AWS],
  },
  {
    what: 'A keyed code standing for an email address whose email bounced or whose owner reported our email as spam (not the address itself)',
    why: 'To stop sending email to it, as Amazon SES requires, and to show staff to phone instead',
    lawfulBasis: 'Public task (UK GDPR Article 6(1)(e))',
    recipients: [AWS],
  },
  {
    what: 'The access record: which member of staff looked at, exported, corrected or erased personal data, when, and how many people’s data it was (not the data itself)',
    why: 'To be able to show who saw your data, and to check staff use it properly',
    lawfulBasis: 'Public task (UK GDPR Article 6(1)(e)), and our duty to keep personal data secure (Article 32)',
    recipients: [AWS],
  },
  {
    what: 'Records of erasures: which member of staff erased a person’s data, when, and which kinds of record (not the person’s data)',
    why: 'To show that a request to erase was carried out',
    lawfulBasis: 'Legal obligation (UK GDPR Article 6(1)(c)): showing that we complied with your request',
    recipients: [AWS],
  },
];
