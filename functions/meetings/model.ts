/**
 * Public meetings: what a meeting and a registration are, and the zod schemas that validate what
 * staff and residents send. Routes validate with these (JSON bodies take JSON types strictly; HTML
 * forms, whose fields are all text, use the `form` variants that read numbers from digits); the domain
 * and the store trust them afterwards.
 */
import { councilAreaCode, type CouncilAreaCode } from '../core/council-areas.js';
import { themeId, type ThemeId } from '../core/themes.js';
import { officeAttendeeIds, type OfficeAttendee } from '../core/period-figures.js';
import * as z from 'zod/mini';
import { emailAddress, instant, optionalText, requiredText, text, wholeNumber } from '../core/validation.js';

export const LIMITS = {
  title: 120,
  description: 3000,
  venue: 120,
  address: 300,
  accessInformation: 1000,
  cancelReason: 500,
  name: 100,
  email: 254,
  accessNeeds: 500,
  question: 1000,
  youSaidWeDid: 5000,
  capacity: 5000,
  placesPerRegistration: 10,
  /** Lets "meetings not yet ended" be one bounded index query on start time. */
  meetingHours: 24,
} as const;

export type MeetingStatus = 'scheduled' | 'cancelled';

/** How a meeting is held: at its venue, online (a join link), or both with places for each (modes.ts). */
export const meetingModes = ['in-person', 'online', 'hybrid'] as const;
export type MeetingMode = (typeof meetingModes)[number];
/** How one registrant comes: a hybrid meeting asks; the others have one way. */
export const attendModes = ['in-person', 'online'] as const;
export type AttendMode = (typeof attendModes)[number];

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
  /** Places at the venue (0 for a meeting held only online). */
  capacity: number;
  /** Absent on meetings made before meetings could be online: in person. */
  mode?: MeetingMode;
  /** Places online, for an online or hybrid meeting; its counters are the `online*` ones below. */
  onlineCapacity?: number;
  maxPlacesPerRegistration: number;
  waitingList: boolean;
  accessInformation: string;
  status: MeetingStatus;
  /** Who attended for the office (the Commissioner unless said) and the themes raised: the office's reports count them. */
  attendedFor?: OfficeAttendee;
  themes?: ThemeId[];
  /** Why staff cancelled it, in their words: emailed to everyone registered and shown on its page. */
  cancelReason?: string;
  /** Confirmed places still free; never below zero (enforced by DynamoDB conditions). */
  placesLeft: number;
  /** Counters kept in the same transactions that change registrations. */
  confirmedCount: number;
  waitlistedCount: number;
  /**
   * The online places' counters, beside the in-person ones above (which keep their names, so a meeting
   * made before modes reads as it did); present once the meeting has online places.
   */
  onlinePlacesLeft?: number;
  onlineConfirmedCount?: number;
  onlineWaitlistedCount?: number;
  /** Across both modes. */
  cancelledCount: number;
  attendedCount: number;
  /** Places given from the waiting list (absent on meetings made before it was kept: none). */
  fromWaitingListCount?: number;
  /** People added at the door without a registration; `attendedCount` is registered places checked in. */
  walkInCount?: number;
  /** Recorded by staff after it happened: nobody registered, and its attendance is what staff counted. */
  recorded?: boolean;
  /** Staff's account of what came of the meeting, shown on its public page ("you said, we did"); each save is kept (store/outcomes.ts). */
  youSaidWeDid?: YouSaidWeDid;
  /** Bumped on each change that residents are told about; used as the calendar SEQUENCE. */
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

/** One saved version of "you said, we did": the text and who wrote it when. */
export interface YouSaidWeDid {
  text: string;
  version: number;
  by: string;
  at: string;
}

/** Someone who came without registering, added at check-in so attendance is true. */
export interface WalkIn {
  id: string;
  meetingId: string;
  name: string;
  /** Lower-cased, when they gave one. */
  email?: string;
  areaCode?: CouncilAreaCode;
  attendedAt: string;
  addedBy: string;
}

/**
 * `requested`: received, waiting for its place to be decided (in arrival order, usually within the
 * same request: see deciding.ts); `refused`: decided, but no place could be given (the meeting filled
 * up without a waiting list, or closed or was cancelled before the decision).
 */
export type RegistrationStatus = 'requested' | 'confirmed' | 'waitlisted' | 'refused' | 'cancelled';

/** Why a request was refused when its place was decided. */
export type RefusedReason = 'full' | 'closed' | 'cancelled' | 'too-many-places';
/** `suppressed`: not sent, because the address bounced or complained before. */
export type EmailStatus = 'pending' | 'sent' | 'failed' | 'suppressed';

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
  /** How they come, at an online or hybrid meeting (absent: in person): their places are that mode's. */
  attendMode?: AttendMode;
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
  refusedReason?: RefusedReason;
  /** The latest email sent (or waiting to be sent) to this person, for staff to see. */
  lastEmail?: { kind: EmailKind; status: EmailStatus; at: string; error?: string };
}

export type EmailKind =
  | 'confirmation'
  /** The details sent again, because the address registered again: a confirmation or waiting-list email as the status is then. */
  | 'registration-details'
  | 'waitlisted'
  /** A request that could not be given a place when it was decided. */
  | 'not-registered'
  | 'promoted'
  | 'cancelled'
  | 'meeting-changed'
  | 'meeting-cancelled'
  | 'reminder-48h'
  | 'reminder-2h'
  /** Staff changed the online meeting's join link: the new one and an updated invite, to confirmed online registrants. */
  | 'join-link-changed';

/** UK postcode, loosely: outward code, optional space, inward code. Normalised to upper case with a space. */
export const postcodeSchema = z.pipe(
  z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, { error: 'Enter a real postcode, like LE1 6TH' })),
  z.transform((p) => p.replace(/^(.+?)\s?(\d[A-Z]{2})$/, '$1 $2')),
);


type Source = 'json' | 'form';

/** What a resident sends to register. `places` is checked against the meeting's maximum by the domain. */
function registrationSchema(from: Source) {
  return z.object({
    name: requiredText({ label: 'your name', max: LIMITS.name, message: 'Enter your name' }),
    email: emailAddress(),
    postcode: z.optional(z.union([z.pipe(z.literal(''), z.transform(() => undefined)), postcodeSchema], { error: 'Enter a real postcode, like LE1 6TH' })),
    places: z._default(
      wholeNumber({
        label: 'the number of places',
        min: 1,
        max: LIMITS.placesPerRegistration,
        fromForm: from === 'form',
        minMessage: 'Ask for at least 1 place',
        maxMessage: `You can ask for up to ${LIMITS.placesPerRegistration} places`,
      }),
      1,
    ),
    /** Checked against the meeting's mode by the domain (registering.ts): a hybrid meeting needs it. */
    attendMode: z.optional(z.enum(attendModes, { error: 'Choose how you will attend: in person or online' })),
    accessNeeds: optionalText({ label: 'access needs', max: LIMITS.accessNeeds, multiline: true }),
    question: optionalText({ label: 'your question', max: LIMITS.question, multiline: true }),
    privacyAccepted: z.literal(true, { error: 'Confirm you have read the privacy notice' }),
  });
}

export const registrationInput = registrationSchema('json');

/** A meeting ends after it starts, and lasts no longer than a meeting can: both forms' rule. */
function endsAfterStart(m: { startsAt: string; endsAt: string }, ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string; input: string }) => void }) {
  if (m.endsAt <= m.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end must be after the start', input: m.endsAt });
  else if (Date.parse(m.endsAt) - Date.parse(m.startsAt) > LIMITS.meetingHours * 3_600_000)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `A meeting can last up to ${LIMITS.meetingHours} hours`, input: m.endsAt });
}

export const registrationForm = registrationSchema('form');
export type RegistrationInput = z.infer<typeof registrationInput>;

/** A number (latitude, longitude) given as JSON, or as text in a form. */
function decimal(label: string, min: number, max: number, from: Source) {
  const number = z.number({ error: `Enter the ${label} as a number` }).check(z.gte(min, { error: `Enter a ${label} in the UK` }), z.lte(max, { error: `Enter a ${label} in the UK` }));
  if (from === 'json') return number;
  return z.pipe(
    z.union([z.number(), z.pipe(z.string().check(z.trim(), z.regex(/^-?\d{1,3}(\.\d+)?$/)), z.transform(Number))], { error: `Enter the ${label} as a number` }),
    number,
  );
}

/** What staff send to create or edit a meeting. */
function meetingSchema(from: Source) {
  const fields = z
    .object({
      title: requiredText({ label: 'a title', max: LIMITS.title, message: 'Enter a title' }),
      description: z._default(text({ label: 'a description', max: LIMITS.description, multiline: true }), ''),
      areaCode: councilAreaCode,
      venue: requiredText({ label: 'the venue', max: LIMITS.venue, message: 'Enter the venue' }),
      address: requiredText({ label: 'the address', max: LIMITS.address, multiline: true, message: 'Enter the address' }),
      latitude: decimal('latitude', 49.8, 60.9, from),
      longitude: decimal('longitude', -8.7, 1.8, from),
      startsAt: instant('the start'),
      endsAt: instant('the end'),
      registrationOpensAt: instant('when registration opens'),
      registrationClosesAt: instant('when registration closes'),
      mode: z._default(z.enum(meetingModes, { error: 'Choose how the meeting is held: in person, online or both' }), 'in-person'),
      // Each mode's places are needed only when the meeting is held that way (checked below).
      capacity: z.optional(
        wholeNumber({
          label: 'the capacity',
          min: 1,
          max: LIMITS.capacity,
          fromForm: from === 'form',
          minMessage: 'Capacity must be at least 1',
          maxMessage: `Capacity can be up to ${LIMITS.capacity}`,
        }),
      ),
      onlineCapacity: z.optional(
        wholeNumber({
          label: 'the online places',
          min: 1,
          max: LIMITS.capacity,
          fromForm: from === 'form',
          minMessage: 'Online places must be at least 1',
          maxMessage: `Online places can be up to ${LIMITS.capacity}`,
        }),
      ),
      maxPlacesPerRegistration: z._default(
        wholeNumber({ label: 'the most places one person can book', min: 1, max: LIMITS.placesPerRegistration, fromForm: from === 'form' }),
        1,
      ),
      waitingList: z._default(z.boolean({ error: 'Say whether there is a waiting list: true or false' }), true),
      accessInformation: z._default(text({ label: 'access information', max: LIMITS.accessInformation, multiline: true }), ''),
      // For the office's reports: whose engagement it is, and what it is about.
      attendedFor: z._default(z.enum(officeAttendeeIds, { error: 'Choose who attends for the office' }), 'commissioner'),
      themes: z._default(z.array(themeId).check(z.maxLength(20, { error: 'Choose up to 20 themes' })), []),
    })
    .check(
      z.superRefine((m, ctx) => {
        endsAfterStart(m, ctx);
        if (m.registrationClosesAt <= m.registrationOpensAt)
          ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'Registration must close after it opens', input: m.registrationClosesAt });
        if (m.registrationClosesAt > m.startsAt)
          ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'Registration must close by the start of the meeting', input: m.registrationClosesAt });
        if (m.mode !== 'online' && m.capacity === undefined)
          ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'Enter how many people can come in person', input: m.capacity });
        if (m.mode !== 'in-person' && m.onlineCapacity === undefined)
          ctx.addIssue({ code: 'custom', path: ['onlineCapacity'], message: 'Enter how many people can join online', input: m.onlineCapacity });
      }),
    );
  // One shape for the domain: no in-person places online-only, and no online places in person.
  return z.pipe(
    fields,
    z.transform(({ capacity, onlineCapacity, ...m }) => ({
      ...m,
      capacity: m.mode === 'online' ? 0 : capacity!,
      ...(m.mode === 'in-person' ? {} : { onlineCapacity: onlineCapacity! }),
    })),
  );
}

/** Why staff cancel a meeting: required, as a surgery's cancellation is, so the people registered are told why. */
export const cancelMeetingInput = z.object({
  reason: requiredText({ label: 'the reason', max: LIMITS.cancelReason, multiline: true, message: 'Enter the reason: it is emailed to everyone registered' }),
});
export type CancelMeetingInput = z.infer<typeof cancelMeetingInput>;

export const meetingInput = meetingSchema('json');
export const meetingForm = meetingSchema('form');
export type MeetingInput = z.infer<typeof meetingInput>;

/** A walk-in at the door: a name, and an email address and council area if they give them. */
export const walkInForm = z.object({
  name: requiredText({ label: 'their name', max: LIMITS.name, message: 'Enter their name' }),
  email: z.optional(z.union([z.pipe(z.literal(''), z.transform(() => undefined)), emailAddress('Enter their email address')], { error: 'Enter an email address in the correct format, like name@example.com' })),
  areaCode: z.optional(z.union([z.pipe(z.literal(''), z.transform(() => undefined)), councilAreaCode], { error: 'Choose a council area from the list' })),
});
export type WalkInInput = z.infer<typeof walkInForm>;

/** "You said, we did": what staff tell residents came of the meeting. */
export const youSaidWeDidForm = z.object({
  text: requiredText({ label: 'what was said and what was done', max: LIMITS.youSaidWeDid, multiline: true, message: 'Enter what people said and what was done about it' }),
  /** The version the writer started from: a save over someone else's is refused, not lost. */
  version: wholeNumber({ label: 'the version', min: 0, max: 1_000_000, fromForm: true }),
});
export type YouSaidWeDidInput = z.infer<typeof youSaidWeDidForm>;

/** A meeting that already happened, recorded by staff with how many came (names can be added after, as walk-ins). */
export const heldMeetingForm = z
  .object({
    title: requiredText({ label: 'a title', max: LIMITS.title, message: 'Enter a title' }),
    description: z._default(text({ label: 'a description', max: LIMITS.description, multiline: true }), ''),
    areaCode: councilAreaCode,
    venue: requiredText({ label: 'the venue', max: LIMITS.venue, message: 'Enter the venue' }),
    address: requiredText({ label: 'the address', max: LIMITS.address, multiline: true, message: 'Enter the address' }),
    latitude: decimal('latitude', 49.8, 60.9, 'form'),
    longitude: decimal('longitude', -8.7, 1.8, 'form'),
    startsAt: instant('the start'),
    endsAt: instant('the end'),
    attendance: wholeNumber({ label: 'how many people came', min: 0, max: LIMITS.capacity, fromForm: true, maxMessage: `Enter up to ${LIMITS.capacity} people` }),
    attendedFor: z._default(z.enum(officeAttendeeIds, { error: 'Choose who attended for the office' }), 'commissioner'),
    themes: z._default(z.array(themeId).check(z.maxLength(20, { error: 'Choose up to 20 themes' })), []),
  })
  .check(
    z.superRefine((m, ctx) => {
      endsAfterStart(m, ctx);
    }),
  );
export type HeldMeetingInput = z.infer<typeof heldMeetingForm>;
