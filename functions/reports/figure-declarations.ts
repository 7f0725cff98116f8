/**
 * The figures the reports capability declares (manifest data; core/period-figures.ts): its own logs'
 * (invitations, engagement no other capability records), and the office's engagement across every
 * capability, summed from each one's `events|<who>` and `hours|<who>` counters.
 */
import { engagementFigures, type FigureDeclaration } from '../core/period-figures.js';

const invitations = 'Each invitation logged with the day it was received in the period, once';
const everywhere = 'Every community day, public meeting, surgery session and logged engagement in the period, once each';

export const reportFigures: readonly FigureDeclaration[] = [
  ...engagementFigures('All engagement', everywhere).map((f) => ({ ...f, id: `all-${f.id}`, everyCapability: true })),
  { id: 'invitations-received', name: 'Invitations received', definition: 'Invitations to the Commissioner to attend an event', unit: 'count', counted: invitations, from: { sum: ['invitations'] } },
  { id: 'invitations-accepted', name: 'Invitations accepted', definition: 'Invitations the Commissioner accepted', unit: 'count', counted: invitations, from: { sum: ['accepted'] } },
  { id: 'invitations-accepted-share', name: 'Share of invitations accepted', definition: 'Invitations accepted as a share of those received', unit: 'percent', counted: invitations, from: { percent: { part: ['accepted'], whole: ['invitations'] } }, decimals: 1 },
  ...engagementFigures('Other engagement', 'Each engagement logged with its day in the period (events organised by others, launches, youth summits), once'),
  { id: 'other-engagement-people', name: 'People met at other engagement', definition: 'People met at logged engagement, as counted on the day', unit: 'count', counted: 'The people met recorded on each engagement logged in the period', from: { sum: ['people'] } },
];
