/**
 * Examples of councils, sessions and bookings, one set for everything: the domain tests against
 * DynamoDB Local, the page tests, the browser test, the bench and the demo data `npm start` seeds.
 */
import { randomUUID } from 'node:crypto';
import type { CouncilAreaCode } from '../core/council-areas.js';
import { londonDay } from '../core/time.js';
import { bookSlot } from './booking.js';
import { addCouncil } from './councils.js';
import { bookingDetails, councilInput, sessionInput, type BookingDetails, type Council, type CouncilInput, type Session, type SessionInput } from './model.js';
import { createSession } from './sessions.js';
import { readSessionPartition } from './store/sessions.js';

const DAY = 24 * 3_600_000;

export const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;
export const uniqueEmail = (tag = 'clerk') => `${tag}-${randomUUID().slice(0, 10)}@example.org`;

/** A council in Blaby with a clerk; override anything. */
export const exampleCouncil = (overrides: Partial<Record<keyof CouncilInput, unknown>> = {}): CouncilInput =>
  councilInput.parse({
    name: unique('Glenfield Parish Council'),
    districtCode: 'E07000129',
    parishes: ['Glenfields'],
    clerkName: 'Sam Clerk',
    clerkEmail: uniqueEmail('clerk'),
    governance: 'parish-council',
    ...overrides,
  });

export const aCouncil = (overrides: Partial<Record<keyof CouncilInput, unknown>> = {}, now = new Date()) => addCouncil(exampleCouncil(overrides), now);

/** Councils of one district, `count` of them. */
export const councilsIn = (districtCode: CouncilAreaCode, count: number) => Promise.all(Array.from({ length: count }, (_, i) => aCouncil({ districtCode, name: unique(`Council ${i + 1}`) })));

/**
 * A published session in Blaby `daysAhead` days after `now`, 9am to 5pm London time: twelve 30-minute
 * slots with 10 minutes between them. Override anything.
 */
export function exampleSession(overrides: Partial<Record<keyof SessionInput, unknown>> = {}, now = new Date(), daysAhead = 14): SessionInput {
  return sessionInput.parse({
    districtCode: 'E07000129',
    venueName: 'Glenfield Community Centre',
    venueAddress: 'Stamford Street, Glenfield LE3 8DL',
    venueKind: 'hall',
    stepFree: true,
    latitude: 52.6466,
    longitude: -1.2035,
    accessInformation: 'Step-free entrance and an accessible toilet.',
    date: londonDay(new Date(now.getTime() + daysAhead * DAY)),
    startTime: '09:00',
    endTime: '17:00',
    status: 'published',
    ...overrides,
  });
}

export const aSession = (overrides: Partial<Record<keyof SessionInput, unknown>> = {}, now = new Date(), daysAhead = 14) =>
  createSession(exampleSession(overrides, now, daysAhead), now);

/** Who is coming and what they want to raise; override anything. */
export const exampleDetails = (overrides: Partial<Record<keyof BookingDetails, unknown>> = {}): BookingDetails =>
  bookingDetails.parse({
    attendeeName: 'Pat Chair',
    attendeeRole: 'chair',
    email: uniqueEmail('booker'),
    themes: ['speeding-road-safety', 'anti-social-behaviour'],
    otherTopics: 'Parking outside the primary school',
    accessNeeds: 'A hearing loop, please',
    ...overrides,
  });

/** The ids of a session's slots, in time order. */
export const slotIds = async (sessionId: string) => (await readSessionPartition(sessionId)).slots.map((s) => s.id);

/** A confirmed booking (as with an invitation) of the `index`th slot; throws if refused. */
export async function aBooking(session: Session, council: Council, options: { index?: number; now?: Date; details?: BookingDetails } = {}) {
  const ids = await slotIds(session.id);
  return bookSlot(
    { sessionId: session.id, slotId: ids[options.index ?? 0]!, councilId: council.id, details: options.details ?? exampleDetails(), via: 'invitation' },
    options.now ?? new Date(),
  );
}
