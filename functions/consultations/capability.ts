/** Consultations (the precept consultation first): staff build a survey, residents answer it without an account, results are counted as they come. */
import { defineCapability } from '../core/capability.js';
import { consultationFigures } from './figure-declarations.js';
import { consultationsPersonalData } from './personal-data.js';
import { draftRetention, receiptRetention, responseRetention } from './retention.js';
import { consultationKeys } from './store/keys.js';

export const consultations = defineCapability({
  name: 'consultations',
  raisesActions: true,
  // A public action's outcome shows on its public page (core/actions/what-happened-next.tsx).
  showsActionOutcomes: true,
  pagePrefixes: ['/consultations', '/staff/consultations'],
  navigation: {
    public: [{ href: '/consultations', text: 'Consultations' }],
    staff: [
      {
        href: '/staff/consultations',
        text: 'Consultations',
        description: 'Build and publish consultations such as the precept survey, enter paper responses, read live results, tag comments and publish what was decided.',
      },
    ],
  },
  home: {
    heading: 'Consultations',
    intro: 'Tell the Commissioner what you think, for example about the police part of your council tax.',
    points: ['answer a consultation online, without an account, in a few minutes', 'see the results of past consultations and what the Commissioner decided'],
    href: '/consultations',
    linkText: 'See consultations',
  },
  retention: [responseRetention, draftRetention, receiptRetention],
  personalData: consultationsPersonalData,
  publicCookies: [
    {
      name: 'consultation_browser',
      purpose:
        'holds a random code, nothing about you, that keeps your answers to a consultation between its pages and notes a second response from the same browser; it expires after a year',
    },
  ],
  keyPrefixes: consultationKeys,
  scheduled: { everyMinutes: 5 },
  emails: true,
  demoData: true,
  figures: consultationFigures,
});
