/**
 * The figures surgeries report (manifest data; core/period-figures.ts): sessions counted in the
 * transaction that publishes, moves or cancels them, appointments in the one that records an outcome,
 * each in the quarter it took place (London time), by ./figures.ts.
 */
import { councilAreas } from '../core/council-areas.js';
import { engagementFigures, type FigureDeclaration } from '../core/period-figures.js';

const sessions = 'Each published (not cancelled) session that starts in the period, once';
const outcomes = 'Each booking whose outcome was recorded, by the quarter of its slot';

export const surgeryFigures: readonly FigureDeclaration[] = [
  { id: 'surgery-sessions', name: 'Surgery sessions', definition: 'Sessions of one-to-one surgeries for parish and town councils', unit: 'count', counted: sessions, from: { sum: ['sessions'] } },
  ...engagementFigures('Surgery sessions', `${sessions}; the Deputy Commissioner hosts them`),
  { id: 'councils-seen', name: 'Councils seen at surgeries', definition: 'Parish and town councils that came to a surgery', unit: 'count', counted: `${outcomes} as attended, each council once`, from: { distinct: 'councils' } },
  {
    id: 'councils-seen-12-months',
    name: 'Councils seen in the last 12 months',
    definition: 'The share of the parish and town councils listed in the districts that came to a surgery in the 12 months to the end of the period',
    unit: 'percent',
    counted:
      'The councils listed (added and not retired) on the period’s last day; of those, each with a surgery recorded as attended on a day in the 12 months ending then, once. From the councils’ ledger the outcomes and the council list keep, not from the bookings',
    from: { seenWithin: { ledger: 'councils', months: 12 } },
    decimals: 1,
  },
  // The same, district by district: the programme goes round the districts, and the Panel asks whether each is reached.
  ...councilAreas.map(
    (area): FigureDeclaration => ({
      id: `councils-seen-12-months-${area.code}`,
      name: `Councils seen in the last 12 months: ${area.name}`,
      definition: `The share of the parish and town councils listed in ${area.name} that came to a surgery in the 12 months to the end of the period`,
      unit: 'percent',
      counted: `As for all districts, of the councils listed in ${area.name} now (a council moved to another district counts there for every period); none when it has none listed`,
      from: { seenWithin: { ledger: 'councils', months: 12, group: area.code } },
      decimals: 1,
    }),
  ),
  { id: 'surgery-appointments', name: 'Surgery appointments kept', definition: 'Booked appointments the council came to', unit: 'count', counted: `${outcomes} as attended`, from: { sum: ['attended'] } },
  {
    id: 'surgery-no-show-rate',
    name: 'Surgery appointments missed',
    definition: 'The share of appointments with an outcome that the council did not come to',
    unit: 'percent',
    counted: `${outcomes}: not attended, as a share of all recorded`,
    from: { percent: { part: ['missed'], whole: ['attended', 'missed'] } },
    decimals: 1,
  },
];
