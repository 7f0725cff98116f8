/**
 * Examples and requests for the page tests: meetings made through the real domain (DynamoDB Local),
 * form posts sent as a browser sends them (same-origin `Origin`), and the SES emulator's inbox for the
 * links residents receive. Tests share one table, so every example has a unique title.
 */
import { randomUUID } from 'node:crypto';
import { meetings } from '../app.js';
import type { MeetingInput } from '../model.js';
import { createMeeting } from '../service.js';

export const ORIGIN = 'http://localhost:3000';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

/** A meeting open for registration now, starting in 10 days; override anything. */
export function meetingInput(overrides: Partial<MeetingInput> = {}, now = new Date()): MeetingInput {
  const startsAt = new Date(now.getTime() + 10 * DAY);
  return {
    title: unique('Community meeting'),
    description: 'Meet the commissioner.\n\nAsk about policing where you live.',
    areaCode: 'E06000016',
    venue: 'Leicester Town Hall',
    address: 'Town Hall Square\nLeicester\nLE1 9BG',
    latitude: 52.6345,
    longitude: -1.1335,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    registrationOpensAt: new Date(now.getTime() - DAY).toISOString(),
    registrationClosesAt: new Date(startsAt.getTime() - HOUR).toISOString(),
    capacity: 40,
    maxPlacesPerRegistration: 4,
    waitingList: true,
    accessInformation: 'Step-free access from Town Hall Square. Hearing loop in the main hall.',
    ...overrides,
  };
}

export const aMeeting = (overrides: Partial<MeetingInput> = {}, now = new Date()) => createMeeting(meetingInput(overrides, now), now);

/** A meeting that ran a week ago (created as if it were three weeks ago). */
export function aPastMeeting(overrides: Partial<MeetingInput> = {}) {
  const then = new Date(Date.now() - 17 * DAY);
  return { then, meeting: aMeeting(overrides, then) };
}

export const get = (path: string, headers: Record<string, string> = {}) => meetings.app.request(path, { headers });

/** A form post from one of our own pages. */
export const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  meetings.app.request(path, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

/** What a resident types to register, with every required answer given. */
export const registrationForm = (overrides: Record<string, string> = {}) => ({
  name: 'Priya Patel',
  email: `${randomUUID().slice(0, 8)}@example.com`,
  postcode: 'LE1 6TH',
  places: '1',
  accessNeeds: '',
  question: '',
  privacyAccepted: 'yes',
  ...overrides,
});

interface StoredEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** Emails the SES emulator holds for one address. */
export async function emailsTo(address: string): Promise<StoredEmail[]> {
  const response = await fetch(`${process.env['SES_ENDPOINT']}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())));
}

/** The manage link's token from the latest email to this address, waiting briefly for it to arrive. */
export async function manageTokenFor(address: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    for (const email of (await emailsTo(address)).reverse()) {
      const token = `${email.body.text ?? ''} ${email.body.html ?? ''}`.match(/\/manage\/([A-Za-z0-9_-]+)/)?.[1];
      if (token) return token;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No email with a manage link reached ${address}`);
}

/** The path a 303 sends the browser to. */
export function redirectPath(response: Response): string {
  const location = response.headers.get('location') ?? '';
  return location.replace(/^https?:\/\/[^/]+/, '');
}

/** Cookies a response sets, as a Cookie header would send them back. */
export function cookiesFrom(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}
