/**
 * Examples of meetings and residents, one set for everything: the unit and page tests, the integration
 * tests against DynamoDB Local, the browser tests and the demo data `npm start` seeds (as
 * govuk-frontend's examples feed both its tests and its review app).
 */
import { randomUUID } from 'node:crypto';
import type { StreamRecord } from '../core/streams.js';
import { handler as decider } from './decider.js';
import { createMeeting, getMeeting } from './meetings.js';
import { registerForMeeting } from './registering.js';
import { getRegistration } from './registrations.js';
import { meetingInput, registrationInput, type Meeting, type MeetingInput, type Registration, type RegistrationInput } from './model.js';
import { meetingPartition, REQUEST } from './store/keys.js';
import { pendingRequests } from './store/requests.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;
export const uniqueEmail = (tag = 'resident') => `${tag}-${randomUUID().slice(0, 10)}@example.org`;

/** A meeting open for registration now, starting in 10 days (or `startsInHours`); override anything. */
export function exampleMeeting(overrides: Partial<Record<keyof MeetingInput, unknown>> = {}, now = new Date(), startsInHours = 10 * 24): MeetingInput {
  const startsAt = new Date(now.getTime() + startsInHours * HOUR);
  return meetingInput.parse({
    title: 'Car cruising in Kegworth',
    description: 'What is being done about car cruising.\n\nAsk the Commissioner about policing where you live.',
    areaCode: 'E07000134',
    venue: 'Kegworth Village Hall',
    address: 'Nottingham Road, Kegworth DE74 2FH',
    latitude: 52.8343,
    longitude: -1.2741,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    registrationOpensAt: new Date(now.getTime() - DAY).toISOString(),
    registrationClosesAt: new Date(startsAt.getTime() - HOUR).toISOString(),
    capacity: 20,
    maxPlacesPerRegistration: 4,
    waitingList: true,
    accessInformation: 'Step-free entrance and a hearing loop.',
    ...overrides,
  });
}

/** A resident's registration, with a unique email address; override anything. */
export function exampleResident(overrides: Partial<Record<keyof RegistrationInput, unknown>> = {}): RegistrationInput {
  return registrationInput.parse({ name: 'Alex Resident', email: uniqueEmail(), places: 1, privacyAccepted: true, ...overrides });
}

/** What a resident types into the registration form, with every required answer given. */
export const registrationAnswers = (overrides: Record<string, string> = {}) => ({
  name: 'Priya Patel',
  email: uniqueEmail('priya'),
  postcode: 'LE1 6TH',
  places: '1',
  accessNeeds: '',
  question: '',
  privacyAccepted: 'yes',
  ...overrides,
});

/** A meeting created through the domain (DynamoDB Local in tests), with a title no other test uses. */
export const aMeeting = (overrides: Partial<Record<keyof MeetingInput, unknown>> = {}, now = new Date()) =>
  createMeeting(exampleMeeting({ title: unique('Community meeting'), ...overrides }, now), now);

/**
 * Registers through the domain, waits for the meetings decider (woken by the table's stream) to decide
 * its place, and gives back the registration as decided, with the meeting as it is then; throws if no
 * registration was made (a repeat, an address already registered).
 */
export async function register(meetingId: string, input: RegistrationInput, now = new Date()): Promise<{ outcome: 'registered'; registration: Registration; meeting: Meeting }> {
  const result = await registerForMeeting(meetingId, input, now);
  if (result.outcome !== 'registered') throw new Error(`Expected a new registration, got ${result.outcome}`);
  const registration = await decided(meetingId, result.registration.id);
  return { outcome: 'registered', registration, meeting: (await getMeeting(meetingId))! };
}

/**
 * Waits until the registration's place has been decided (it is no longer `requested`), looking at the
 * item, and gives it back: for tests, whose tables' streams run the decider as AWS does (own-table.ts).
 */
export async function decided(meetingId: string, registrationId: string, withinMs = 20_000): Promise<Registration> {
  const stopAt = Date.now() + withinMs;
  for (;;) {
    const registration = await getRegistration(meetingId, registrationId);
    if (registration && registration.status !== 'requested') return registration;
    if (Date.now() > stopAt) throw new Error(`Registration ${registrationId} for meeting ${meetingId} still undecided after ${withinMs} ms: is the table's stream being read (own-table.ts)?`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until no request for the meeting is waiting for its place (the decider has emptied its queue). */
export async function allDecided(meetingId: string, withinMs = 30_000): Promise<void> {
  const stopAt = Date.now() + withinMs;
  while ((await pendingRequests(meetingId, 1)).length) {
    if (Date.now() > stopAt) throw new Error(`Requests for meeting ${meetingId} still undecided after ${withinMs} ms: is the table's stream being read (own-table.ts)?`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A stream record as the decider's mapping hands it over: a request queued for this meeting (keys only). */
export const requestQueued = (meetingId: string): StreamRecord => ({
  eventName: 'INSERT',
  dynamodb: { Keys: { pk: { S: meetingPartition(meetingId) }, sk: { S: `${REQUEST}${new Date().toISOString()}#${randomUUID()}` } } },
});

/** For a table whose stream nobody reads (`useOwnTable(..., { consumers: 'manual' })`): the decider's Lambda woken for this meeting, as the stream would. */
export const decideWaiting = (meetingId: string) => decider.handleRecords([requestQueued(meetingId)]);

/** A meeting that ran a week ago (created as if it were three weeks ago). */
export function aPastMeeting(overrides: Partial<Record<keyof MeetingInput, unknown>> = {}) {
  const then = new Date(Date.now() - 17 * DAY);
  return { then, meeting: aMeeting(overrides, then) };
}

// ---------------------------------------------------------------------------------------------------
// The demo meetings `npm start` shows (seed.ts), a few days to a few weeks ahead of the day it first runs.

export type DemoMeeting = Pick<
  MeetingInput,
  'title' | 'description' | 'areaCode' | 'venue' | 'address' | 'latitude' | 'longitude' | 'capacity' | 'maxPlacesPerRegistration' | 'accessInformation'
> &
  Partial<Pick<MeetingInput, 'mode' | 'onlineCapacity'>> & {
  id: string;
  /** For an online or hybrid demo: the link to join, set once. */
  joinUrl?: string;
  daysAhead: number;
  /** Demo residents registered after creation (to show a full meeting with a waiting list). */
  residents?: number;
};

export const demoMeetings: DemoMeeting[] = [
  {
    id: 'demo-kegworth-car-cruising',
    daysAhead: 9,
    title: 'Car cruising in Kegworth',
    description:
      'Residents have told us about cars gathering late at night near the village and the A6. Come and hear what the police and the council are doing about it, and tell the Commissioner what you have seen.',
    areaCode: 'E07000134',
    venue: 'Kegworth Village Hall',
    address: 'Nottingham Road, Kegworth, Derby DE74 2FH',
    latitude: 52.8343,
    longitude: -1.2741,
    capacity: 60,
    maxPlacesPerRegistration: 4,
    accessInformation: 'Step-free entrance and accessible toilet. Hearing loop in the main hall. Free parking on site.',
  },
  {
    id: 'demo-leicester-city-centre-safety',
    daysAhead: 16,
    title: 'Safety in Leicester city centre at night',
    description: 'An open meeting with the Police and Crime Commissioner and the city centre neighbourhood policing team about the night-time economy.',
    areaCode: 'E06000016',
    venue: 'Leicester Town Hall, Council Chamber',
    address: 'Town Hall Square, Leicester LE1 9BG',
    latitude: 52.6339,
    longitude: -1.1328,
    capacity: 120,
    // Held in the chamber and streamed: the link goes only to people with a place online.
    mode: 'hybrid',
    onlineCapacity: 300,
    joinUrl: 'https://zoom.us/j/90000000000?pwd=demo',
    maxPlacesPerRegistration: 2,
    accessInformation: 'Lift to the first floor. British Sign Language interpreter available: tell us in your access needs.',
  },
  {
    id: 'demo-rutland-rural-crime',
    daysAhead: 23,
    title: 'Rural crime in Rutland',
    description: 'Farm machinery theft, fly-tipping and hare coursing: what is being done, and how to report it.',
    areaCode: 'E06000017',
    venue: 'Victoria Hall',
    address: '39 High Street, Oakham LE15 6AH',
    latitude: 52.6704,
    longitude: -0.7277,
    capacity: 40,
    maxPlacesPerRegistration: 2,
    accessInformation: 'Ground floor, step-free. Some parking nearby.',
  },
  {
    id: 'demo-loughborough-student-safety',
    daysAhead: 5,
    title: 'Student safety in Loughborough',
    description: 'A small-group session on keeping safe in town, for students and neighbours alike. This one is full: join the waiting list.',
    areaCode: 'E07000130',
    venue: 'Loughborough Library, Meeting Room 1',
    address: 'Granby Street, Loughborough LE11 3DZ',
    latitude: 52.7713,
    longitude: -1.2047,
    capacity: 12,
    maxPlacesPerRegistration: 2,
    accessInformation: 'Step-free access from Granby Street. Accessible toilet.',
    residents: 8,
  },
];

