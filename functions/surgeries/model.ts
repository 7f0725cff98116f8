/**
 * Parish council surgeries: what a council, a surgery session, a slot and a booking are, and the zod
 * schemas that validate what staff and councils send. JSON bodies take JSON types strictly; HTML forms
 * are read into the same shapes by the pages (forms.ts) and validated by the same schemas.
 */
import * as z from 'zod/mini';
import { actionOwnerKind, ownerNeedsName, type ActionOwnerKind } from '../core/actions/model.js';
import { councilAreaCode, type CouncilAreaCode } from '../core/council-areas.js';
import { themeId, type ThemeId } from '../core/themes.js';
import { localLondonToUtcIso } from '../core/time.js';
import { emailAddress, optionalText, requiredText } from '../core/validation.js';

export const LIMITS = {
  councilName: 120,
  parish: 80,
  parishes: 60,
  personName: 100,
  venueName: 120,
  venueAddress: 300,
  accessInformation: 1000,
  host: 120,
  otherTopics: 500,
  accessNeeds: 500,
  notes: 3000,
  signposted: 500,
  reason: 500,
  actions: 10,
  /** Slots in one session: keeps a session's edits within one transaction (100 items). */
  slotsPerSession: 40,
  sessionHours: 12,
} as const;

// ---------------------------------------------------------------------------------------------------
// Vocabularies

export const governanceKinds = [
  { id: 'parish-council', label: 'Parish council' },
  { id: 'town-council', label: 'Town council' },
  { id: 'parish-meeting', label: 'Parish meeting' },
] as const;
export type Governance = (typeof governanceKinds)[number]['id'];
export const governance = z.enum(governanceKinds.map((g) => g.id) as [Governance, ...Governance[]], { error: 'Choose a parish council, town council or parish meeting' });

export const venueKinds = [
  { id: 'hall', label: 'Village or community hall' },
  { id: 'police-station', label: 'Police station' },
  { id: 'community-safety-van', label: 'Community safety van' },
  { id: 'online', label: 'Online' },
] as const;
export type VenueKind = (typeof venueKinds)[number]['id'];
export const venueKind = z.enum(venueKinds.map((v) => v.id) as [VenueKind, ...VenueKind[]], { error: 'Choose the kind of venue' });

export const attendeeRoles = [
  { id: 'clerk', label: 'Clerk' },
  { id: 'chair', label: 'Chair' },
  { id: 'councillor', label: 'Councillor' },
  { id: 'other', label: 'Other' },
] as const;
export type AttendeeRole = (typeof attendeeRoles)[number]['id'];
export const attendeeRole = z.enum(attendeeRoles.map((r) => r.id) as [AttendeeRole, ...AttendeeRole[]], { error: 'Choose the role of the person coming' });

export const sessionStatuses = [
  { id: 'draft', label: 'Draft' },
  { id: 'published', label: 'Published' },
  { id: 'cancelled', label: 'Cancelled' },
] as const;
export type SessionStatus = (typeof sessionStatuses)[number]['id'];

export const attendanceKinds = [
  { id: 'attended', label: 'Attended' },
  { id: 'no-show', label: 'Did not attend' },
] as const;
export type Attendance = (typeof attendanceKinds)[number]['id'];

export const labelOf = (list: readonly { id: string; label: string }[], id: string | undefined) => list.find((x) => x.id === id)?.label ?? id ?? '';

export const DEFAULT_HOST = 'Deputy Commissioner';

// ---------------------------------------------------------------------------------------------------
// Items

/** A booking the council holds in its district's programme: what the one-upcoming-booking rule counts. */
export interface UpcomingEntry {
  sessionId: string;
  startsAt: string;
  endsAt: string;
}

export interface Council {
  id: string;
  name: string;
  districtCode: CouncilAreaCode;
  /** The civil parishes it covers. */
  parishes: string[];
  clerkName?: string;
  clerkEmail?: string;
  governance: Governance;
  status: 'active' | 'retired';
  /** E.g. for demo data: "civil parish, council not verified". */
  note?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  retiredAt?: string;
  /** Coverage: when it was last invited to a surgery. */
  lastInvitedAt?: string;
  /** Its confirmed bookings in the district programme, by booking id: the rule counts those not yet over. */
  upcoming: Record<string, UpcomingEntry>;
  /** Raised whenever `upcoming` gains or loses a booking: a booking is written only against the version it counted. */
  upcomingVersion: number;
  /** Surgeries it came to, by booking id → when (coverage: seen in the last 12 months, never seen). */
  seen: Record<string, string>;
}

export interface InvitationRound {
  at: string;
  by: string;
  /** The whole district, or the councils chosen. */
  scope: 'district' | 'chosen';
  councilIds?: string[];
  noticeId: string;
}

export interface Session {
  id: string;
  districtCode: CouncilAreaCode;
  venueName: string;
  venueAddress: string;
  venueKind: VenueKind;
  stepFree: boolean;
  latitude?: number;
  longitude?: number;
  accessInformation?: string;
  /** London calendar day, `YYYY-MM-DD`, and wall-clock times `HH:MM`. */
  date: string;
  startTime: string;
  endTime: string;
  /** ISO instants (UTC). */
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  bufferMinutes: number;
  host: string;
  status: SessionStatus;
  cancelReason?: string;
  cancelledAt?: string;
  invitations: InvitationRound[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One appointment time in a session. Holds no personal data: only which booking has it. */
export interface Slot {
  sessionId: string;
  /** The start as a compact UTC instant, e.g. `20261203T1030Z`: stable while the session's times keep it. */
  id: string;
  startsAt: string;
  endsAt: string;
  districtCode: CouncilAreaCode;
  /** A copy of the session's status, so a booking checks the slot alone (the session item is never in a booking's transaction). */
  sessionStatus: SessionStatus;
  blocked?: boolean;
  /** The confirmed booking that has it. (A request from the public page takes no slot until its clerk confirms it.) */
  bookingId?: string;
}

/**
 * `requested`: asked for on the public page, waiting for the council's clerk to confirm it; it holds
 * nothing (no slot, no place in the council's count) and lapses at `confirmBy`. Then `confirmed`, and
 * perhaps later `cancelled`.
 */
export type BookingStatus = 'requested' | 'confirmed' | 'cancelled';

export interface Outcome {
  attendance: Attendance;
  themes: ThemeId[];
  notes?: string;
  /** "Not a police matter: signposted to ...". */
  signposted?: string;
  recordedAt: string;
  recordedBy: string;
}

export interface Booking {
  id: string;
  sessionId: string;
  slotId: string;
  slotStartsAt: string;
  slotEndsAt: string;
  districtCode: CouncilAreaCode;
  councilId: string;
  councilName: string;
  attendeeName: string;
  attendeeRole: AttendeeRole;
  email: string;
  themes: ThemeId[];
  otherTopics?: string;
  accessNeeds?: string;
  status: BookingStatus;
  /** While `requested`: when the link sent to the clerk stops working (the request lapses). */
  confirmBy?: string;
  /** How it was made: with an invitation link, a request from the public page its clerk confirmed, or by staff for a council that phoned. */
  via: 'invitation' | 'public' | 'staff';
  /** The calendar SEQUENCE: raised on each reschedule and on cancellation. */
  sequence: number;
  createdAt: string;
  confirmedAt?: string;
  cancelledAt?: string;
  cancelledBy?: 'council' | 'staff';
  cancelReason?: string;
  rescheduledAt?: string;
  /** The slot start the 48-hour reminder was claimed for (sent once per start time). */
  reminderFor?: string;
  outcome?: Outcome;
  /** Raised by each change to the outcome; a change names the version it was made against. */
  outcomeVersion: number;
  actionIds?: string[];
}

/** Whether a slot is free to book: not blocked, and no booking has it. */
export const slotIsFree = (slot: Slot) => !slot.blocked && !slot.bookingId;

/** The slots that can still be booked at `now`: free, and not yet started. */
export const bookableSlots = (slots: readonly Slot[], now: Date) => slots.filter((s) => s.startsAt > now.toISOString() && slotIsFree(s));

/** Bookings that still count against the council's limit: those not over. */
export const activeUpcoming = (council: Pick<Council, 'upcoming'>, now: Date): Array<[string, UpcomingEntry]> =>
  Object.entries(council.upcoming ?? {}).filter(([, e]) => e.endsAt > now.toISOString());

/**
 * Whether a round of invitations reaches this council: active, in the session's district, with a clerk's
 * address; a round to the whole district leaves out a council already booked in its programme (an
 * upcoming booking), while councils staff choose by name are invited whatever they hold.
 */
export const invitedInRound = (council: Council, session: Pick<Session, 'districtCode'>, scope: 'district' | 'chosen', now: Date): boolean =>
  council.status === 'active' && Boolean(council.clerkEmail) && council.districtCode === session.districtCode && (scope === 'chosen' || activeUpcoming(council, now).length === 0);

// ---------------------------------------------------------------------------------------------------
// Input schemas

type Source = 'json' | 'form';

export const entityId = (label: string) => z.string({ error: `Give the ${label}` }).check(z.regex(/^[a-z0-9-]{1,64}$/, { error: `Not a ${label}` }));
export const slotIdSchema = z.string({ error: 'Choose a slot' }).check(z.regex(/^\d{8}T\d{4}Z$/, { error: 'Choose a slot from the list' }));

const parishList = z
  .array(requiredText({ label: 'a parish name', max: LIMITS.parish }), { error: 'List the parishes it covers' })
  .check(z.maxLength(LIMITS.parishes, { error: `List up to ${LIMITS.parishes} parishes` }));

export const councilInput = z.object({
  name: requiredText({ label: 'the council’s name', max: LIMITS.councilName, message: 'Enter the council’s name' }),
  districtCode: councilAreaCode,
  parishes: z._default(parishList, []),
  clerkName: optionalText({ label: 'the clerk’s name', max: LIMITS.personName }),
  clerkEmail: z.optional(z.union([z.pipe(z.literal(''), z.transform(() => undefined)), emailAddress('Enter the clerk’s email address')], { error: 'Enter an email address in the correct format, like name@example.com' })),
  governance,
});
export type CouncilInput = z.infer<typeof councilInput>;

const dayOf = z.string({ error: 'Enter the date' }).check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter the date as YYYY-MM-DD' }),
  z.refine((d) => localLondonToUtcIso(d, '12:00') !== undefined && d >= '2000' && d < '2101', { error: 'Enter a real date' }),
);
const clock = (label: string) => z.string({ error: `Enter ${label}` }).check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `Enter ${label} as HH:MM, like 10:00` }));

function minutes(label: string, min: number, max: number, from: Source) {
  const n = z.int({ error: `Enter ${label} in whole minutes` }).check(z.gte(min, { error: `${label} must be at least ${min} minutes` }), z.lte(max, { error: `${label} must be ${max} minutes or fewer` }));
  if (from === 'json') return n;
  return z.pipe(z.union([z.number(), z.pipe(z.string().check(z.trim(), z.regex(/^\d{1,4}$/)), z.transform(Number))], { error: `Enter ${label} in whole minutes` }), n);
}

function coordinate(label: string, min: number, max: number, from: Source) {
  const n = z.number({ error: `Enter the ${label} as a number` }).check(z.gte(min, { error: `Enter a ${label} in the UK` }), z.lte(max, { error: `Enter a ${label} in the UK` }));
  if (from === 'json') return z.optional(n);
  return z.optional(
    z.pipe(
      z.union([z.number(), z.pipe(z.string().check(z.trim(), z.regex(/^-?\d{1,3}(\.\d+)?$/)), z.transform(Number))], { error: `Enter the ${label} as a number, like 52.63` }),
      n,
    ),
  );
}

function sessionSchema(from: Source) {
  return z
    .object({
      districtCode: councilAreaCode,
      venueName: requiredText({ label: 'the venue', max: LIMITS.venueName, message: 'Enter the venue' }),
      venueAddress: requiredText({ label: 'the address', max: LIMITS.venueAddress, multiline: true, message: 'Enter the address, or how to join online' }),
      venueKind,
      stepFree: z.boolean({ error: 'Say whether the venue is step-free' }),
      latitude: coordinate('latitude', 49.8, 60.9, from),
      longitude: coordinate('longitude', -8.7, 1.8, from),
      accessInformation: optionalText({ label: 'access information', max: LIMITS.accessInformation, multiline: true }),
      date: dayOf,
      startTime: clock('the start time'),
      endTime: clock('the end time'),
      slotMinutes: z._default(minutes('Slot length', 10, 120, from), 30),
      bufferMinutes: z._default(minutes('The gap between slots', 0, 60, from), 10),
      host: z._default(requiredText({ label: 'the host', max: LIMITS.host, message: 'Enter who hosts the surgery' }), DEFAULT_HOST),
      status: z._default(z.enum(['draft', 'published'], { error: 'Choose draft or published' }), 'draft'),
    })
    .check(
      z.superRefine((s, ctx) => {
        if ((s.latitude === undefined) !== (s.longitude === undefined)) {
          ctx.addIssue({ code: 'custom', path: [s.latitude === undefined ? 'latitude' : 'longitude'], message: 'Enter both latitude and longitude, or neither', input: s });
        }
        const startsAt = localLondonToUtcIso(s.date, s.startTime);
        const endsAt = localLondonToUtcIso(s.date, s.endTime);
        if (!startsAt) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'The start time does not exist on that day (the clocks go forward)', input: s.startTime });
        if (!endsAt) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time does not exist on that day (the clocks go forward)', input: s.endTime });
        if (!startsAt || !endsAt) return;
        if (endsAt <= startsAt) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end must be after the start', input: s.endTime });
        else if (Date.parse(endsAt) - Date.parse(startsAt) > LIMITS.sessionHours * 3_600_000)
          ctx.addIssue({ code: 'custom', path: ['endTime'], message: `A session can last up to ${LIMITS.sessionHours} hours`, input: s.endTime });
        else if (Date.parse(endsAt) - Date.parse(startsAt) < s.slotMinutes * 60_000)
          ctx.addIssue({ code: 'custom', path: ['slotMinutes'], message: 'No slot fits between the start and the end: shorten the slots or lengthen the session', input: s.slotMinutes });
        else {
          const count = Math.floor((Date.parse(endsAt) - Date.parse(startsAt) + s.bufferMinutes * 60_000) / ((s.slotMinutes + s.bufferMinutes) * 60_000));
          if (count > LIMITS.slotsPerSession)
            ctx.addIssue({ code: 'custom', path: ['slotMinutes'], message: `That makes ${count} slots; a session can have up to ${LIMITS.slotsPerSession}`, input: s.slotMinutes });
        }
      }),
    );
}

export const sessionInput = sessionSchema('json');
export const sessionForm = sessionSchema('form');
export type SessionInput = z.infer<typeof sessionInput>;

const topics = z.array(themeId, { error: 'Choose topics from the list' }).check(z.maxLength(20, { error: 'Choose up to 20 topics' }));

/** Who is coming and what they want to raise: the same from an invitation, the public page and the API. */
const bookingDetailsShape = {
  attendeeName: requiredText({ label: 'the name of the person coming', max: LIMITS.personName, message: 'Enter the name of the person coming' }),
  attendeeRole,
  email: emailAddress('Enter an email address for the confirmation'),
  themes: z._default(topics, []),
  otherTopics: optionalText({ label: 'other topics', max: LIMITS.otherTopics, multiline: true }),
  accessNeeds: optionalText({ label: 'access needs', max: LIMITS.accessNeeds, multiline: true }),
};
export const someTopic = z.refine<{ themes: ThemeId[]; otherTopics?: string | undefined }>((b) => b.themes.length > 0 || Boolean(b.otherTopics), {
  error: 'Choose at least one topic, or describe what you want to raise',
  path: ['themes'],
});

export const bookingDetails = z.object(bookingDetailsShape).check(someTopic);
export type BookingDetails = z.infer<typeof bookingDetails>;

/** A request from the public page: the slot, the council from that district's list, and the details (its clerk confirms it). */
export const publicBookingInput = z.object({ slotId: slotIdSchema, councilId: entityId('council'), ...bookingDetailsShape }).check(someTopic);
export type PublicBookingInput = z.infer<typeof publicBookingInput>;

/** Staff booking for a council that phones: the same as the public form asks, and booked at once (booking.ts, `bookForCouncil`). */
export const staffBookingInput = publicBookingInput;
export type StaffBookingInput = PublicBookingInput;

/** A booking with an invitation link: the council is known from the link. */
export const invitationBookingInput = z.object({ slotId: slotIdSchema, ...bookingDetailsShape }).check(someTopic);
export type InvitationBookingInput = z.infer<typeof invitationBookingInput>;

const isoDay = z.string({ error: 'Enter a due date' }).check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter the due date as a real date' }),
  z.refine((d) => localLondonToUtcIso(d, '12:00') !== undefined, { error: 'Enter the due date as a real date' }),
);

export const actionArising = z
  .object({
    what: requiredText({ label: 'what needs to be done', max: 500, multiline: true }),
    owner: z.object({ kind: actionOwnerKind, name: optionalText({ label: 'the owner’s name', max: 120 }) }),
    dueOn: z.optional(isoDay),
  })
  .check(z.refine((a) => !ownerNeedsName(a.owner.kind as ActionOwnerKind) || Boolean(a.owner.name), { error: 'Enter the name of the owner', path: ['owner', 'name'] }));
export type ActionArising = z.infer<typeof actionArising>;

export const outcomeInput = z.object({
  /** The outcome version the person saw (0 before the first record): a change made meanwhile is not overwritten. */
  version: z.int({ error: 'The version of the outcome is missing' }).check(z.gte(0)),
  attendance: z.enum(['attended', 'no-show'], { error: 'Say whether the council attended' }),
  themes: z._default(topics, []),
  notes: optionalText({ label: 'notes', max: LIMITS.notes, multiline: true }),
  signposted: optionalText({ label: 'where it was signposted', max: LIMITS.signposted }),
  actions: z._default(z.array(actionArising).check(z.maxLength(LIMITS.actions, { error: `Record up to ${LIMITS.actions} actions at a time` })), []),
}).check(
  // A council that did not come raised nothing: its themes would be counted in the district's figures.
  z.refine((o) => o.attendance === 'attended' || o.themes.length === 0, { path: ['themes'], error: 'Clear the themes: they are recorded only for a council that attended' }),
);
export type OutcomeInput = z.infer<typeof outcomeInput>;

export const reasonInput = z.object({
  reason: requiredText({ label: 'the reason', max: LIMITS.reason, multiline: true, message: 'Enter the reason: it is sent to the councils booked' }),
});

export const optionalReasonInput = z.object({ reason: optionalText({ label: 'the reason', max: LIMITS.reason, multiline: true }) });

/** The slot to move to; `fromSlotId`, when given, is the slot the person saw the booking in: if it moved meanwhile, nothing is changed. */
export const rescheduleInput = z.object({ sessionId: entityId('session'), slotId: slotIdSchema, fromSlotId: z.optional(slotIdSchema) });
export type RescheduleInput = z.infer<typeof rescheduleInput>;

