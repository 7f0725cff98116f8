/**
 * What every meetings email is given and shares beyond the platform's parts (core/outbox/email-layout.ts):
 * the data read at send time, the meeting's details, and the manage link.
 */
import { facts, personalLink, type Part } from '../../core/outbox/email-layout.js';
import type { Meeting, Registration } from '../model.js';
import { attendModeOf, modeOf } from '../modes.js';
import { whenText } from '../words.js';

export type { EmailContent } from '../../core/outbox/kinds.js';
export { heading, layout, para, typed, type Part } from '../../core/outbox/email-layout.js';

/** Current data, read at send time, so a retried email shows the meeting as it is now. */
export interface EmailContext {
  meeting: Meeting;
  registration: Registration;
  /** Present for the kinds that carry a manage link (a freshly minted token). */
  manageUrl?: string;
  /** For meeting-changed: what changed, in words. */
  changes?: string[];
  /** The join link, read at send time: only for a confirmed place online (index.ts `load`). */
  joinUrl?: string;
  now: Date;
}

export function requireManageUrl(ctx: EmailContext): string {
  if (!ctx.manageUrl) throw new Error('This email needs a manage link');
  return ctx.manageUrl;
}

/** Someone coming online is told how to join (the link only with a confirmed place); anyone else, the venue. */
export function meetingDetails(meeting: Meeting, registration?: Registration, joinUrl?: string): Part {
  const online = registration ? attendModeOf(registration) === 'online' : modeOf(meeting) === 'online';
  const where: [string, string][] = online
    ? [
        ['Where', 'Online'],
        ...(registration?.status === 'confirmed' ? ([['Join online', joinUrl ?? 'We will email you the link to join before the meeting']] as [string, string][]) : []),
      ]
    : [['Where', `${meeting.venue}, ${meeting.address}`]];
  return facts([
    ['Meeting', meeting.title],
    ['When', whenText(meeting)],
    ...where,
    ...(registration
      ? ([
          ['Reference', registration.reference],
          ['Places', String(registration.places)],
        ] as const)
      : []),
    ...(meeting.accessInformation ? ([['Access', meeting.accessInformation]] as const) : []),
  ]);
}

export const manageLink = (url: string, lead: string): Part =>
  personalLink(url, { lead, linkText: 'Change or cancel your registration', warning: 'The link works until the meeting ends. Do not share it: anyone with it can change your registration.' });
