/**
 * Reports: the quarterly engagement report to the Police and Crime Panel and the public year in
 * numbers, made from the figures every capability declares in its manifest and counts per quarter as
 * it goes (core/period-figures.ts): never another capability's code or records. Staff also log here what
 * no other capability records: invitations to the Commissioner and other engagement.
 */
import { defineCapability } from '../core/capability.js';
import { reportFigures } from './figure-declarations.js';
import { reportKeys } from './store/keys.js';

export const reports = defineCapability({
  name: 'reports',
  pagePrefixes: ['/staff/reports', '/year-in-numbers'],
  navigation: {
    public: [{ href: '/year-in-numbers', text: 'The year in numbers' }],
    staff: [
      {
        href: '/staff/reports',
        text: 'Reports',
        description: 'The quarterly engagement report to the Police and Crime Panel with trends, commentary and a Word download; the year in numbers; the invitations and engagement logs.',
      },
    ],
  },
  keyPrefixes: reportKeys,
  demoData: true,
  figures: reportFigures,
});
