/**
 * Demo community days for `npm start`: a year of visits (43, every council area at least once, Oadby
 * and Wigston once and Rutland and Blaby twice, so the map shows areas below the target), at places
 * named in the office's reports, with themes, who was met, and about thirty actions arising, some
 * overdue. Every summary starts "Demo data:" and every change is by "Demo data". The action log's own
 * demo data (functions/actions/seed.ts) then moves the demo actions on, so the log shows every status.
 *
 * Idempotent: visit ids are fixed and logged conditionally, with their actions in the same transaction.
 */
import * as z from 'zod/mini';
import type { ActionOwner } from '../core/actions/model.js';
import type { ThemeId } from '../core/themes.js';
import { atLondonTime, londonDay } from '../core/time.js';
import { placeAndTimes, places, type Place } from './fixtures.js';
import { metKinds, visitInput } from './model.js';
import { logVisitWithId } from './visits.js';

const DAY = 86_400_000;
const BY = 'Demo data';

/** Where and in what order (oldest first), one every eight days or so through the year. */
const route: Array<keyof typeof places> = [
  'coalville', 'bellFoundry', 'newParks', 'hinckley', 'marketHarborough', 'melton', 'uppingham', 'thringstone', 'blaby', 'cityCentre',
  'syston', 'earlShilton', 'lutterworth', 'asfordby', 'whitwick', 'belgrave', 'shepshed', 'marketBosworth', 'kibworth', 'ashby',
  'bottesford', 'wigston', 'evington', 'quorn', 'burbage', 'kegworth', 'enderby', 'fleckney', 'castleDonington', 'walthamOnTheWolds',
  'newParks', 'bellFoundry', 'hinckley', 'ibstock', 'marketHarborough', 'oakham', 'cityCentre', 'syston', 'coalville', 'melton',
  'evington', 'burbage', 'measham',
];

const themeCycle: ThemeId[][] = [
  ['anti-social-behaviour', 'police-visibility'],
  ['speeding-road-safety', 'parking'],
  ['business-crime', 'anti-social-behaviour'],
  ['drugs', 'youth-engagement'],
  ['violence-women-girls', 'police-visibility'],
  ['fraud-scams', 'contacting-police'],
  ['burglary', 'vehicle-crime'],
  ['hate-crime', 'youth-engagement'],
  ['fly-tipping-environment', 'anti-social-behaviour'],
];

const owners: ActionOwner[] = [
  { kind: 'chief-constable' },
  { kind: 'road-safety-team' },
  { kind: 'corporate-governance-board' },
  { kind: 'npa-commander', name: 'North West Leicestershire NPA commander' },
  { kind: 'community-safety-partnership', name: 'Charnwood Community Safety Partnership' },
  { kind: 'deputy-commissioner' },
  { kind: 'other-organisation', name: 'Leicestershire County Council highways' },
  { kind: 'staff-member', name: 'Community engagement officer' },
];

const actionWords = [
  'Ask the road safety team about a community speed watch',
  'Raise business crime with the Deputy Commissioner',
  'One-to-one with the Neighbourhood Policing Area commander about patrols',
  'Write to the Chief Constable about response times',
  'Refer anti-social behaviour in the park to the community safety partnership',
  'Take concerns about 101 waiting times to the Corporate Governance Board',
  'Ask highways about the lighting in the underpass',
  'Send the residents’ association the contact for the beat team',
];

/** The demo visits and their actions, with dates relative to `now`. */
export function demoVisits(now: Date) {
  let n = 0;
  return route.map((key, i) => {
    const place: Place = places[key];
    const day = londonDay(new Date(now.getTime() - (350 - i * 8) * DAY));
    const startsAt = atLondonTime(day, i % 3 === 0 ? 10 : 13);
    const endsAt = new Date(startsAt.getTime() + (i % 2 ? 3 : 5) * 3_600_000);
    const actionCount = i % 3 === 1 ? 0 : i % 3 === 0 ? 1 : 2;
    const actions = Array.from({ length: actionCount }, (_, j) => {
      n++;
      return {
        what: `${actionWords[n % actionWords.length]} (${place.name})`,
        owner: owners[n % owners.length]!,
        theme: themeCycle[i % themeCycle.length]![j % 2],
        dueOn: londonDay(new Date(endsAt.getTime() + 28 * DAY)),
      };
    });
    const input = z.parse(visitInput, {
      ...placeAndTimes(place, startsAt, endsAt),
      met: metKinds
        .filter((_, k) => (i + k) % 3 !== 2)
        .map((k, j) => ({ kind: k.id, count: k.id === 'residents' ? 8 + ((i * 7) % 30) : 1 + ((i + j) % 4), ...(k.id === 'community-groups' ? { organisations: [`${place.name} Residents’ Association`] } : {}) })),
      themes: themeCycle[i % themeCycle.length],
      notes: `Demo data: notes from the day in ${place.name}.`,
      publicSummary: `Demo data: the Commissioner spent the day in ${place.name}, meeting residents, councillors and local groups. They raised ${themeCycle[i % themeCycle.length]!.length} main concerns, which the office is following up.`,
      // The latest few are still being written up.
      published: i < route.length - 3,
      actions,
    });
    return { id: `demo-visit-${String(i + 1).padStart(2, '0')}`, input, loggedAt: new Date(endsAt.getTime() + 2 * 3_600_000) };
  });
}

export async function seedDemoData(now: Date = new Date()): Promise<void> {
  for (const demo of demoVisits(now)) await logVisitWithId(demo.id, demo.input, { by: BY, now: demo.loggedAt });
}
