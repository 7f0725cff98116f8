/**
 * Every email meetings sends, as the outbox delivers it: each kind reads the meeting and the
 * registration as they are now, is skipped when no longer relevant (a confirmation for a place since
 * cancelled, a reminder for a meeting since moved), and carries a freshly minted manage link where the
 * person may still change their registration. Notices to everyone registered fan out to one email each.
 * Each kind's words are in its own file here, rendered at send time from current data.
 */
import type { OutgoingEmail } from '../../core/outbox/email.js';
import { emailKind, type CapabilityEmails, type EmailKind as OutboxKind, type FanOut } from '../../core/outbox/kinds.js';
import type { OutboxEmail } from '../../core/outbox/outbox.js';
import type { EmailKind, Meeting } from '../model.js';
import { CAPABILITY } from '../notify.js';
import { getMeeting } from '../store/meetings.js';
import { getRegistration, listRegistrations, recordLatestEmail, type StoredRegistration } from '../store/registrations.js';
import { attendModeOf } from '../modes.js';
import { getJoinLink } from '../store/join-links.js';
import { cancelledEmail } from './cancelled.js';
import { joinLinkChangedEmail } from './join-link-changed.js';
import { confirmationEmail } from './confirmation.js';
import { meetingCancelledEmail } from './meeting-cancelled.js';
import { meetingChangedEmail } from './meeting-changed.js';
import { notRegisteredEmail } from './not-registered.js';
import type { EmailContext } from './parts.js';
import { promotedEmail } from './promoted.js';
import { registrationDetailsEmail } from './registration-details.js';
import { reminderEmail } from './reminder.js';
import { waitlistedEmail } from './waitlisted.js';

export type { EmailContext } from './parts.js';

const templates = {
  confirmation: confirmationEmail,
  'registration-details': registrationDetailsEmail,
  waitlisted: waitlistedEmail,
  'not-registered': notRegisteredEmail,
  promoted: promotedEmail,
  cancelled: cancelledEmail,
  'meeting-changed': meetingChangedEmail,
  'meeting-cancelled': meetingCancelledEmail,
  'reminder-48h': (ctx: EmailContext) => reminderEmail('48h', ctx),
  'reminder-2h': (ctx: EmailContext) => reminderEmail('2h', ctx),
  'join-link-changed': joinLinkChangedEmail,
} satisfies Record<EmailKind, unknown>;

/** The kinds whose email carries a manage link (and so needs a freshly minted token). */
const withManageLink: ReadonlySet<EmailKind> = new Set(['confirmation', 'registration-details', 'waitlisted', 'promoted', 'meeting-changed', 'reminder-48h', 'reminder-2h', 'join-link-changed']);

export const carriesManageLink = (kind: EmailKind) => withManageLink.has(kind);

export function renderEmail(kind: EmailKind, ctx: EmailContext): OutgoingEmail {
  return { to: ctx.registration.email, ...templates[kind](ctx) };
}

interface Loaded {
  meeting: Meeting;
  registration: StoredRegistration;
  /** Only for a confirmed place online: nobody else's email carries it. */
  joinUrl?: string;
}

async function load(email: OutboxEmail, now: Date): Promise<Loaded | undefined> {
  const { meetingId, registrationId } = email.about;
  if (!meetingId || !registrationId) return undefined;
  const [meeting, registration] = await Promise.all([getMeeting(meetingId, { consistent: true }), getRegistration(meetingId, registrationId, { consistent: true, now })]);
  if (!meeting || !registration) return undefined;
  const joinUrl = registration.status === 'confirmed' && attendModeOf(registration) === 'online' ? (await getJoinLink(meetingId))?.url : undefined;
  return { meeting, registration, ...(joinUrl ? { joinUrl } : {}) };
}

/** Is this email still worth sending, given the data as it is now? */
function stillRelevant(kind: EmailKind, { meeting, registration, joinUrl }: Loaded, now: Date): boolean {
  const scheduled = meeting.status === 'scheduled';
  // Holding a place or waiting for one (a request still being decided hears with its decision).
  const active = registration.status === 'confirmed' || registration.status === 'waitlisted';
  switch (kind) {
    case 'confirmation':
    case 'promoted':
      return scheduled && registration.status === 'confirmed';
    case 'registration-details':
      return scheduled && active;
    case 'waitlisted':
      return scheduled && registration.status === 'waitlisted';
    case 'not-registered':
      return registration.status === 'refused';
    case 'cancelled':
      return registration.status === 'cancelled';
    case 'meeting-changed':
      return scheduled && active;
    case 'meeting-cancelled':
      return active;
    case 'join-link-changed':
      return scheduled && registration.status === 'confirmed' && attendModeOf(registration) === 'online' && !!joinUrl;
    case 'reminder-48h':
    case 'reminder-2h': {
      const reminder = kind === 'reminder-48h' ? '48h' : '2h';
      return scheduled && registration.status === 'confirmed' && now.toISOString() < meeting.startsAt && registration.reminders[reminder] === meeting.startsAt;
    }
  }
}

function kind(name: EmailKind): OutboxKind<Loaded> {
  return emailKind<Loaded>({
    load,
    stillRelevant: (ctx, _email, now) => stillRelevant(name, ctx, now),
    to: (ctx) => ctx.registration.email,
    ...(carriesManageLink(name)
      ? {
          manageLink: ({ meeting, registration }) => ({
            purpose: 'manage',
            about: { meetingId: meeting.id, registrationId: registration.id },
            validUntil: meeting.endsAt,
            path: '/manage',
          }),
        }
      : {}),
    render: ({ meeting, registration, joinUrl }, email, { now, manageUrl }) => {
      const changes = email.data?.['changes'];
      const { to: _to, ...content } = renderEmail(name, {
        meeting,
        registration,
        now,
        ...(manageUrl ? { manageUrl } : {}),
        ...(joinUrl ? { joinUrl } : {}),
        ...(Array.isArray(changes) ? { changes: changes.map(String) } : {}),
      });
      return content;
    },
  });
}

/** A new join link goes to the people with a confirmed place online, each recorded as their latest email. */
const confirmedOnline: FanOut = {
  async recipients(notice, now) {
    const meetingId = notice.about['meetingId'];
    if (!meetingId) return [];
    const registrations = (await listRegistrations(meetingId, { now })).filter((r) => r.status === 'confirmed' && attendModeOf(r) === 'online');
    return registrations.map((r) => ({
      key: r.id,
      about: { meetingId, registrationId: r.id },
      alsoWrite: [recordLatestEmail(meetingId, r.id, { id: `${notice.id}-${r.id}`, kind: notice.kind, createdAt: now.toISOString() })],
    }));
  },
};

/** A notice about a meeting goes to everyone still registered, each recorded as their latest email. */
const everyoneRegistered: FanOut = {
  async recipients(notice, now) {
    const meetingId = notice.about['meetingId'];
    if (!meetingId) return [];
    const meeting = await getMeeting(meetingId, { consistent: true });
    if (!meeting || (notice.kind === 'meeting-changed' && meeting.status !== 'scheduled')) return [];
    const registrations = (await listRegistrations(meetingId, { now })).filter((r) => r.status === 'confirmed' || r.status === 'waitlisted');
    return registrations.map((r) => ({
      key: r.id,
      about: { meetingId, registrationId: r.id },
      alsoWrite: [recordLatestEmail(meetingId, r.id, { id: `${notice.id}-${r.id}`, kind: notice.kind, createdAt: now.toISOString() })],
    }));
  },
};

const KINDS: readonly EmailKind[] = ['confirmation', 'registration-details', 'waitlisted', 'not-registered', 'promoted', 'cancelled', 'meeting-changed', 'meeting-cancelled', 'reminder-48h', 'reminder-2h', 'join-link-changed'];

export const emails: CapabilityEmails = {
  capability: CAPABILITY,
  kinds: Object.fromEntries(KINDS.map((k) => [k, kind(k)])),
  fanOut: { 'meeting-changed': everyoneRegistered, 'meeting-cancelled': everyoneRegistered, 'join-link-changed': confirmedOnline },
};
