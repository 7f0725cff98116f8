/**
 * Public meetings: what a meeting and a registration are, and the zod schemas that validate what
 * staff and residents send. Routes (JSON and HTML forms) validate with these; the service and store
 * trust them afterwards.
 */
import { z } from 'zod';
import { councilAreaCode, type CouncilAreaCode } from '../core/council-areas.js';

export const LIMITS = {
  title: 120,
  description: 3000,
  venue: 120,
  address: 300,
  accessInformation: 1000,
  name: 100,
  email: 254,
  accessNeeds: 500,
  question: 1000,
  capacity: 5000,
  placesPerRegistration: 10,
  /** Lets "meetings not yet ended" be one bounded index query on start time. */
  meetingHours: 24,
} as const;

export type MeetingStatus = 'scheduled' | 'cancelled';

export interface Meeting {
  id: string;
  title: string;
  description: string;
  areaCode: CouncilAreaCode;
  venue: string;
  address: string;
  latitude: number;
  longitude: number;
  /** ISO 8601 instants in UTC (`...Z`); shown to people in Europe/London time. */
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  capacity: number;
  maxPlacesPerRegistration: number;
  waitingList: boolean;
  accessInformation: string;
  status: MeetingStatus;
  /** Confirmed places still free; never below zero (enforced by DynamoDB conditions). */
  placesLeft: number;
  /** Counters kept in the same transactions that change registrations. */
  confirmedCount: number;
  waitlistedCount: number;
  cancelledCount: number;
  attendedCount: number;
  /** Bumped on each change that residents are told about; used as the calendar SEQUENCE. */
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';
export type EmailStatus = 'pending' | 'sent' | 'failed';

export interface Registration {
  id: string;
  meetingId: string;
  /** Short code people can read out at the door, e.g. `K7M-4QX`. */
  reference: string;
  name: string;
  /** Lower-cased; one registration per email per meeting. */
  email: string;
  postcode?: string;
  places: number;
  accessNeeds?: string;
  question?: string;
  status: RegistrationStatus;
  createdAt: string;
  /** When the place was confirmed: at registration, or on promotion from the waiting list. */
  confirmedAt?: string;
  cancelledAt?: string;
  /** What was given up: a confirmed place (they had a calendar invite) or a place on the waiting list. */
  cancelledFrom?: 'confirmed' | 'waitlisted';
  cancelledBy?: 'resident' | 'staff';
  attendedAt?: string;
  /** The latest email sent (or waiting to be sent) to this person, for staff to see. */
  lastEmail?: { kind: EmailKind; status: EmailStatus; at: string; error?: string };
}

export type EmailKind =
  | 'confirmation'
  | 'waitlisted'
  | 'promoted'
  | 'cancelled'
  | 'meeting-changed'
  | 'meeting-cancelled'
  | 'reminder-48h'
  | 'reminder-2h';

const trimmed = (max: number, label: string) =>
  z.string({ error: `Enter ${label}` }).trim().max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` });
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` })
    .transform((v) => (v ? v : undefined))
    .optional();
function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** UK postcode, loosely: outward code, optional space, inward code. Normalised to upper case with a space. */
export const postcodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, { error: 'Enter a real postcode, like LE1 6TH' })
  .transform((p) => p.replace(/^(.+?)\s?(\d[A-Z]{2})$/, '$1 $2'));

/** An instant with an offset, e.g. `2026-12-03T18:30:00Z` or `2026-12-03T18:30:00+00:00`; stored in UTC. */
export const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `Enter ${label} as a date and time` }).transform((s) => new Date(s).toISOString());

/** What a resident sends to register. `places` is checked against the meeting's maximum by the service. */
export const registrationInput = z.object({
  name: trimmed(LIMITS.name, 'your name').min(1, { error: 'Enter your name' }),
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .toLowerCase()
    .max(LIMITS.email, { error: `Email address must be ${LIMITS.email} characters or fewer` })
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })),
  postcode: z
    .union([z.literal('').transform(() => undefined), postcodeSchema])
    .optional(),
  places: z.coerce
    .number({ error: 'Enter the number of places as a number' })
    .int({ error: 'Enter a whole number of places' })
    .min(1, { error: 'Ask for at least 1 place' })
    .max(LIMITS.placesPerRegistration, { error: `You can ask for up to ${LIMITS.placesPerRegistration} places` })
    .default(1),
  accessNeeds: optionalText(LIMITS.accessNeeds, 'access needs'),
  question: optionalText(LIMITS.question, 'your question'),
  privacyAccepted: z.literal(true, { error: 'Confirm you have read the privacy notice' }),
});
export type RegistrationInput = z.infer<typeof registrationInput>;

/** What staff send to create or edit a meeting. */
export const meetingInput = z
  .object({
    title: trimmed(LIMITS.title, 'a title').min(1, { error: 'Enter a title' }),
    description: trimmed(LIMITS.description, 'a description').default(''),
    areaCode: councilAreaCode,
    venue: trimmed(LIMITS.venue, 'the venue').min(1, { error: 'Enter the venue' }),
    address: trimmed(LIMITS.address, 'the address').min(1, { error: 'Enter the address' }),
    latitude: z.coerce.number({ error: 'Enter the latitude as a number' }).min(49.8).max(60.9, { error: 'Enter a latitude in the UK' }),
    longitude: z.coerce.number({ error: 'Enter the longitude as a number' }).min(-8.7).max(1.8, { error: 'Enter a longitude in the UK' }),
    startsAt: instant('the start'),
    endsAt: instant('the end'),
    registrationOpensAt: instant('when registration opens'),
    registrationClosesAt: instant('when registration closes'),
    capacity: z.coerce
      .number({ error: 'Enter the capacity as a number' })
      .int({ error: 'Enter the capacity as a whole number' })
      .min(1, { error: 'Capacity must be at least 1' })
      .max(LIMITS.capacity, { error: `Capacity can be up to ${LIMITS.capacity}` }),
    maxPlacesPerRegistration: z.coerce.number().int().min(1).max(LIMITS.placesPerRegistration).default(1),
    waitingList: z.boolean().default(true),
    accessInformation: trimmed(LIMITS.accessInformation, 'access information').default(''),
  })
  .superRefine((m, ctx) => {
    if (m.endsAt <= m.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end must be after the start' });
    else if (Date.parse(m.endsAt) - Date.parse(m.startsAt) > LIMITS.meetingHours * 3_600_000)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `A meeting can last up to ${LIMITS.meetingHours} hours` });
    if (m.registrationClosesAt <= m.registrationOpensAt)
      ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'Registration must close after it opens' });
    if (m.registrationClosesAt > m.startsAt)
      ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'Registration must close by the start of the meeting' });
  });
export type MeetingInput = z.infer<typeof meetingInput>;
