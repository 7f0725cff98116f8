/** A valid post of each of the reports' forms, for the walk that posts every form twice (test/forms). */
import type { FormExample } from '../../test/support/form-examples.js';
import { quarter, type QuarterNumber } from '../core/periods.js';
import { markFinal } from './reporting.js';

/** A quarter no other example has touched: a report is marked final once. */
const freshQuarter = () => quarter(2001 + Math.floor(Math.random() * 90), (1 + Math.floor(Math.random() * 4)) as QuarterNumber);

export const formExamples: FormExample[] = [
  {
    route: '/staff/reports/invitations',
    as: 'staff',
    prepare: async () => ({ path: '/staff/reports/invitations', fields: { receivedOn: '2026-10-02', from: 'Melton Lions', event: 'Summer fair', accepted: 'yes', reason: '' } }),
  },
  {
    route: '/staff/reports/engagement',
    as: 'staff',
    prepare: async () => ({
      path: '/staff/reports/engagement',
      fields: { on: '2026-10-02', attendedFor: 'deputy', kind: 'youth-summit', what: 'Youth summit', peopleMet: '40', hours: '2.5', themes: ['youth-engagement'], areaCode: 'E06000017' },
    }),
  },
  {
    route: '/staff/reports/:quarter{[0-9-]+Q[1-4]}/commentary',
    as: 'staff',
    prepare: async () => ({ path: `/staff/reports/${freshQuarter().id}/commentary`, fields: { figure: 'reports.invitations-received', version: '0', 'commentary-reports-invitations-received': 'Fewer invitations over the summer.' } }),
  },
  {
    route: '/staff/reports/:quarter{[0-9-]+Q[1-4]}/final',
    as: 'staff',
    prepare: async () => ({ path: `/staff/reports/${freshQuarter().id}/final`, fields: {} }),
  },
  {
    route: '/staff/reports/:quarter{[0-9-]+Q[1-4]}/corrections',
    as: 'staff',
    prepare: async () => {
      const q = freshQuarter();
      await markFinal(q, { by: 'Form examples' });
      return { path: `/staff/reports/${q.id}/corrections`, fields: { version: '1', figure: 'reports.invitations-received', value: '3', correctedCommentary: '', reason: 'Three were logged late' } };
    },
  },
];
