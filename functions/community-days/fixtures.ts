/**
 * Examples of places and visits, one set for everything: the domain and page tests, the browser tests,
 * the benchmark and the demo data `npm start` seeds. Places are named in the office's reports; each
 * ward and council area is worked out from the point, so the examples always agree with the boundaries.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { wardAt } from '../core/geography.js';
import type { ThemeId } from '../core/themes.js';
import { atLondonTime, londonDay } from '../core/time.js';
import { visitInput, type MetGroup, type Setting, type VisitInput } from './model.js';
import { logVisit } from './visits.js';

export const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

export interface Place {
  name: string;
  latitude: number;
  longitude: number;
  setting: Setting;
}

/** Places the Commissioner has visited, from the office's reports and around every council area. */
export const places = {
  coalville: { name: 'Coalville', latitude: 52.7226, longitude: -1.37, setting: 'urban' },
  thringstone: { name: 'Thringstone', latitude: 52.755, longitude: -1.366, setting: 'rural' },
  whitwick: { name: 'Whitwick', latitude: 52.7437, longitude: -1.356, setting: 'urban' },
  ashby: { name: 'Ashby de la Zouch', latitude: 52.746, longitude: -1.476, setting: 'urban' },
  uppingham: { name: 'Uppingham', latitude: 52.5888, longitude: -0.723, setting: 'rural' },
  hinckley: { name: 'Hinckley', latitude: 52.5407, longitude: -1.3727, setting: 'urban' },
  kegworth: { name: 'Kegworth', latitude: 52.832, longitude: -1.292, setting: 'rural' },
  newParks: { name: 'New Parks', latitude: 52.64, longitude: -1.187, setting: 'urban' },
  bellFoundry: { name: 'Bell Foundry, Loughborough', latitude: 52.774, longitude: -1.199, setting: 'urban' },
  melton: { name: 'Melton Mowbray', latitude: 52.766, longitude: -0.887, setting: 'urban' },
  oakham: { name: 'Oakham', latitude: 52.67, longitude: -0.727, setting: 'rural' },
  marketHarborough: { name: 'Market Harborough', latitude: 52.478, longitude: -0.921, setting: 'urban' },
  lutterworth: { name: 'Lutterworth', latitude: 52.456, longitude: -1.2, setting: 'rural' },
  blaby: { name: 'Blaby', latitude: 52.575, longitude: -1.165, setting: 'urban' },
  enderby: { name: 'Enderby', latitude: 52.59, longitude: -1.21, setting: 'urban' },
  oadby: { name: 'Oadby', latitude: 52.606, longitude: -1.08, setting: 'urban' },
  wigston: { name: 'Wigston', latitude: 52.582, longitude: -1.107, setting: 'urban' },
  syston: { name: 'Syston', latitude: 52.699, longitude: -1.074, setting: 'urban' },
  shepshed: { name: 'Shepshed', latitude: 52.77, longitude: -1.293, setting: 'urban' },
  earlShilton: { name: 'Earl Shilton', latitude: 52.578, longitude: -1.313, setting: 'urban' },
  marketBosworth: { name: 'Market Bosworth', latitude: 52.624, longitude: -1.4, setting: 'rural' },
  asfordby: { name: 'Asfordby', latitude: 52.763, longitude: -0.952, setting: 'rural' },
  bottesford: { name: 'Bottesford', latitude: 52.944, longitude: -0.8, setting: 'rural' },
  cityCentre: { name: 'Leicester city centre', latitude: 52.636, longitude: -1.133, setting: 'urban' },
  belgrave: { name: 'Belgrave', latitude: 52.655, longitude: -1.12, setting: 'urban' },
  ketton: { name: 'Ketton', latitude: 52.628, longitude: -0.555, setting: 'rural' },
  kibworth: { name: 'Kibworth', latitude: 52.539, longitude: -0.996, setting: 'rural' },
  castleDonington: { name: 'Castle Donington', latitude: 52.843, longitude: -1.338, setting: 'rural' },
  countesthorpe: { name: 'Countesthorpe', latitude: 52.554, longitude: -1.138, setting: 'urban' },
  ibstock: { name: 'Ibstock', latitude: 52.687, longitude: -1.399, setting: 'rural' },
  evington: { name: 'Evington', latitude: 52.628, longitude: -1.07, setting: 'urban' },
  walthamOnTheWolds: { name: 'Waltham on the Wolds', latitude: 52.822, longitude: -0.814, setting: 'rural' },
  fleckney: { name: 'Fleckney', latitude: 52.535, longitude: -1.045, setting: 'rural' },
  quorn: { name: 'Quorn', latitude: 52.745, longitude: -1.168, setting: 'rural' },
  burbage: { name: 'Burbage', latitude: 52.528, longitude: -1.348, setting: 'urban' },
  measham: { name: 'Measham', latitude: 52.706, longitude: -1.508, setting: 'rural' },
} satisfies Record<string, Place>;

/** The ward and council area of a place, from its point. */
export function whereIs(place: Place) {
  const ward = wardAt(place);
  if (!ward) throw new Error(`${place.name} is not in any ward`);
  return { wardCode: ward.code, areaCode: ward.areaCode };
}

/** Where and when a visit to a place was, as the visit input has it. */
export function placeAndTimes(place: Place, startsAt: Date, endsAt: Date) {
  return {
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    ...whereIs(place),
    placeName: place.name,
    latitude: place.latitude,
    longitude: place.longitude,
    setting: place.setting,
  };
}

/** A visit's details as the API takes them: a place, a day, 10am to 3pm London time; override anything. */
export function exampleVisit(
  options: { place?: Place; day?: string; startHour?: number; hours?: number; met?: MetGroup[]; themes?: ThemeId[] } = {},
  overrides: Record<string, unknown> = {},
): VisitInput {
  const place = options.place ?? places.coalville;
  const day = options.day ?? '2026-03-03';
  const startsAt = atLondonTime(day, options.startHour ?? 10);
  const endsAt = new Date(startsAt.getTime() + (options.hours ?? 5) * 3_600_000);
  return z.parse(visitInput, {
    ...placeAndTimes(place, startsAt, endsAt),
    met: options.met ?? [
      { kind: 'residents', count: 12 },
      { kind: 'councillors', count: 2, organisations: ['North West Leicestershire District Council'] },
      { kind: 'businesses', count: 3 },
    ],
    themes: options.themes ?? ['anti-social-behaviour', 'speeding-road-safety'],
    notes: 'Met the parish council chair at the library.',
    publicSummary: `The Commissioner spent the day in ${place.name}, meeting residents, councillors and local businesses.`,
    published: true,
    ...overrides,
  });
}

/** A visit logged through the domain (DynamoDB Local in tests). */
export const aVisit = (options: Parameters<typeof exampleVisit>[0] = {}, overrides: Record<string, unknown> = {}, by = 'Test Officer') =>
  logVisit(exampleVisit(options, overrides), { by });

/** A few days ago (London): late enough to be in the past, early enough to be in the current period. */
export const recentDay = (daysAgo = 3) => londonDay(new Date(Date.now() - daysAgo * 86_400_000));

/** The visit form as staff fill it in: a day at Kegworth, 10am to 3:30pm; override any field. */
export function visitFormFields(overrides: Record<string, string> = {}, day = recentDay()): Record<string, string> {
  const [year, month, date] = day.split('-');
  return {
    'date-day': String(Number(date)),
    'date-month': String(Number(month)),
    'date-year': year!,
    startTime: '10am',
    endTime: '3:30pm',
    ...whereIs(places.kegworth),
    placeName: unique('Kegworth village hall'),
    latitude: String(places.kegworth.latitude),
    longitude: String(places.kegworth.longitude),
    setting: 'rural',
    'met-residents': '15',
    'met-councillors': '2',
    'met-councillors-organisations': 'Kegworth Parish Council\nNorth West Leicestershire District Council',
    themes: 'speeding-road-safety',
    notes: 'Mrs Smith at 4 Private Lane raised speeding.',
    publicSummary: 'Residents raised speeding on the A6.',
    published: 'yes',
    ...overrides,
  };
}
