/**
 * The registration's writes, built with the platform's own keys and write builders on the bench's
 * table and ids, for the baselines: the request a registration saves now (registration, email guard,
 * queue entry: nothing shared between registrations), and the transaction every registration used to
 * make (the meeting's counters updated by each one), kept to show what DynamoDB's conflicts do to it.
 * The conditions are copied from functions/meetings/store/requests.ts: keep them in step.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Meeting, Registration } from '../../functions/meetings/model.js';

export interface ShapeModules {
  writes: typeof import('../../functions/core/store/writes.js');
  items: typeof import('../../functions/core/store/items.js');
  outbox: typeof import('../../functions/core/outbox/outbox.js');
  retention: typeof import('../../functions/core/retention.js');
  keys: typeof import('../../functions/meetings/store/keys.js');
  notify: typeof import('../../functions/meetings/notify.js');
  meetingsRetention: typeof import('../../functions/meetings/retention.js');
  people: typeof import('../../functions/core/people/index.js');
}

/** The platform's write builders name the platform's table; the baselines send the same writes to their own. */
export function onTable(write: TransactWriteItem, tableName: string): TransactWriteItem {
  for (const part of Object.values(write) as Array<{ TableName?: string } | undefined>) if (part) part.TableName = tableName;
  return write;
}

const registrationFor = (meeting: Meeting, key: string, status: Registration['status'], at: string): Registration => ({
  id: `R${key}`,
  meetingId: meeting.id,
  reference: `R-${key}`,
  name: `Bench Resident ${key}`,
  email: `shape.${key}@example.org`,
  places: 1,
  status,
  createdAt: at,
  ...(status === 'confirmed' ? { confirmedAt: at } : {}),
});

/** saveRequest's transaction: the registration (requested), the email guard and the queue entry, each in the people index. */
export function requestTransaction(p: ShapeModules, tableName: string, meeting: Meeting, key: string): TransactWriteItem[] {
  const { put } = p.writes;
  const { CAPABILITY, emailGuardKey, registrationKey, requestKey } = p.keys;
  const at = new Date().toISOString();
  const registration = registrationFor(meeting, key, 'requested', at);
  const expiry = p.meetingsRetention.expiryFrom(meeting);
  const person = (kind: string) => p.people.personIndex(registration.email, CAPABILITY, kind, registration.id);
  return [
    put({ ...registrationKey(meeting.id, registration.id), type: 'registration', ...registration, ...expiry, ...person('registration') }, { condition: 'attribute_not_exists(pk)' }),
    put(
      { ...emailGuardKey(meeting.id, registration.email), type: 'email-guard', meetingId: meeting.id, registrationId: registration.id, ...expiry, ...person('email-guard') },
      { condition: 'attribute_not_exists(pk) OR expiresAt <= :now', values: { ':now': p.items.epochSeconds(at) }, returnOld: true },
    ),
    put({ ...requestKey(meeting.id, at, registration.id), type: 'registration-request', registrationId: registration.id, email: registration.email, places: 1, createdAt: at, ...expiry, ...person('request') }),
  ].map((w) => onTable(w, tableName));
}

/**
 * The transaction each registration made before places were decided in batches: the meeting's
 * conditional counter update (every registration touching the one meeting item), the registration,
 * the email guard and the outbox email.
 */
export function meetingItemTransaction(p: ShapeModules, tableName: string, meeting: Meeting, key: string): TransactWriteItem[] {
  const { put, update } = p.writes;
  const { emailGuardKey, meetingKey, registrationKey } = p.keys;
  const now = new Date();
  const at = now.toISOString();
  const registration = registrationFor(meeting, key, 'confirmed', at);
  const email = p.notify.meetingEmail('confirmation', meeting, registration.id, now);
  const expiry = p.meetingsRetention.expiryFrom(meeting);
  const window =
    '#status = :scheduled AND registrationOpensAt <= :now AND registrationClosesAt > :now AND startsAt > :now AND maxPlacesPerRegistration >= :places';
  return [
    update(meetingKey(meeting.id), 'SET placesLeft = placesLeft - :places, confirmedCount = confirmedCount + :places', {
      names: { '#status': 'status' },
      values: { ':places': 1, ':now': at, ':scheduled': 'scheduled' },
      condition: `${window} AND placesLeft >= :places`,
      returnOld: true,
    }),
    put(
      { ...registrationKey(meeting.id, registration.id), type: 'registration', ...registration, lastEmail: { id: email.id, kind: email.kind, at }, [p.retention.OUTBOX_IDS]: [email.id], ...expiry },
      { condition: 'attribute_not_exists(pk)' },
    ),
    put(
      { ...emailGuardKey(meeting.id, registration.email), type: 'email-guard', registrationId: registration.id, ...expiry },
      { condition: 'attribute_not_exists(pk) OR expiresAt <= :now', values: { ':now': p.items.epochSeconds(at) }, returnOld: true },
    ),
    p.outbox.outboxWrite(email).write,
  ].map((w) => onTable(w, tableName));
}
