/**
 * Reading registrations as people see them: with the status of the latest email each was sent (read
 * from the outbox), without registrations past their retention date, and by manage link.
 */
import { findManageLink } from '../core/manage-links.js';
import type { Meeting, Registration } from './model.js';
import { CAPABILITY } from './notify.js';
import { registrationIdFromReference } from './references.js';
import { getMeeting } from './store/meetings.js';
import * as store from './store/registrations.js';
import type { StoredRegistration } from './store/registrations.js';

export const plain = ({ reminders: _r, lastEmailRef: _e, ...registration }: StoredRegistration): Registration => registration;

/** The registration as callers see it, with its latest email's status. */
export const shown = async (r: StoredRegistration): Promise<Registration> => plain((await store.withEmailStatus([r]))[0]!);

/** Everyone registered, in arrival order, with the status of the latest email each was sent. */
export async function listRegistrations(meetingId: string, now: Date = new Date()): Promise<Registration[]> {
  return (await store.withEmailStatus(await store.listRegistrations(meetingId, { now }))).map(plain);
}

/** For check-in at the door: by name (any part, any case) or by reference (with or without the dash). */
export async function findRegistrations(meetingId: string, search: string, now: Date = new Date()): Promise<Registration[]> {
  const text = search.trim().toLowerCase();
  if (!text) return [];
  const reference = registrationIdFromReference(search);
  const all = await listRegistrations(meetingId, now);
  return all.filter((r) => r.name.toLowerCase().includes(text) || (reference.length >= 3 && r.id.startsWith(reference)));
}

export async function getRegistration(meetingId: string, registrationId: string, now: Date = new Date()): Promise<Registration | undefined> {
  const found = await store.getRegistration(meetingId, registrationId, { consistent: true, now });
  return found ? shown(found) : undefined;
}

/** The registration a manage link points to, while the link is valid and the meeting has not ended. */
export async function findRegistrationByManageToken(token: string, now: Date = new Date()): Promise<{ meeting: Meeting; registration: Registration } | undefined> {
  const link = await findManageLink(token, { capability: CAPABILITY, purpose: 'manage' }, now);
  const meetingId = link?.about['meetingId'];
  const registrationId = link?.about['registrationId'];
  if (!meetingId || !registrationId) return undefined;
  const [meeting, registration] = await Promise.all([
    getMeeting(meetingId, { consistent: true }),
    store.getRegistration(meetingId, registrationId, { consistent: true, now }),
  ]);
  if (!meeting || !registration || now.toISOString() >= meeting.endsAt) return undefined;
  return { meeting, registration: await shown(registration) };
}

export interface Question {
  registrationId: string;
  reference: string;
  name: string;
  question: string;
  createdAt: string;
}

const asQuestion = (r: Registration): Question => ({ registrationId: r.id, reference: r.reference, name: r.name, question: r.question!, createdAt: r.createdAt });

/** Questions residents sent in advance, in the order they arrived (cancelled and refused registrations left out). */
export async function listQuestions(meetingId: string, now: Date = new Date()): Promise<Question[]> {
  const registrations = (await store.listRegistrations(meetingId, { now })).map(plain);
  return registrations
    .filter((r) => r.question && r.status !== 'cancelled' && r.status !== 'refused')
    .map(asQuestion);
}

/** One question, while its registration stands (not cancelled or refused). */
export async function findQuestion(meetingId: string, registrationId: string, now: Date = new Date()): Promise<Question | undefined> {
  const found = await store.getRegistration(meetingId, registrationId, { consistent: true, now });
  if (!found?.question || found.status === 'cancelled' || found.status === 'refused') return undefined;
  return asQuestion(found);
}
