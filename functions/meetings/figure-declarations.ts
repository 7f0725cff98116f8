/**
 * The figures public meetings report (manifest data; core/period-figures.ts), each in the quarter the
 * meeting is held (London time): meetings counted when scheduled, edited or cancelled, places in the
 * transactions that decide, offer, change, cancel and check them in (./figures.ts). A meeting moved to
 * another quarter takes its places with it; a cancelled one takes them out of the figures.
 */
import { engagementFigures, type FigureDeclaration } from '../core/period-figures.js';

const meetings = 'Each scheduled (not cancelled) public meeting that starts in the period, once';
const places = 'Places at the meetings held (not cancelled) that start in the period, counted where the meeting is now when it moves';

export const meetingFigures: readonly FigureDeclaration[] = [
  { id: 'public-meetings', name: 'Public meetings held', definition: 'Public meetings the office ran for residents', unit: 'count', counted: meetings, from: { sum: ['meetings'] } },
  ...engagementFigures('Public meetings', meetings),
  { id: 'meeting-registrations', name: 'Places registered at public meetings', definition: 'Confirmed places, less those given back', unit: 'count', counted: `${places}: confirmed and not cancelled`, from: { sum: ['registered'] } },
  { id: 'meeting-attendance', name: 'People who came to public meetings', definition: 'Places checked in at the door, and people added there without registering', unit: 'count', counted: `${places}: checked in, and walk-ins`, from: { sum: ['attended', 'walk-ins'] } },
  { id: 'meeting-walk-ins', name: 'People who came to public meetings without registering', definition: 'Walk-ins added at check-in', unit: 'count', counted: 'People added at the door of the meetings that start in the period', from: { sum: ['walk-ins'] } },
  {
    id: 'meeting-no-show-rate',
    name: 'Places registered but not used',
    definition: 'The share of confirmed places nobody was checked in for',
    unit: 'percent',
    counted: `${places}: confirmed, less checked in, as a share of confirmed`,
    from: { percent: { part: ['registered'], less: ['attended'], whole: ['registered'] } },
    decimals: 1,
  },
  { id: 'meeting-places-from-waiting-lists', name: 'Places given from waiting lists', definition: 'Places offered to people waiting, when others gave theirs back', unit: 'count', counted: `${places}: offered from the waiting list`, from: { sum: ['from-waiting-list'] } },
];
