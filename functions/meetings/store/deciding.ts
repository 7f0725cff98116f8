/**
 * The lease that lets one request at a time decide a meeting's places (see ../deciding.ts): a single
 * item beside the meeting, taken with a conditional put that fails at once if another holder's lease
 * has not run out. It is only ever written on its own, never in a transaction, so taking it never
 * meets a transaction conflict; a holder that dies leaves it to run out after LEASE_MS.
 */
import { newSecret } from '../../core/ids.js';
import { conditionalDelete, conditionalPut, conditionalUpdate, put, remove, update } from '../../core/store/writes.js';
import type { Key } from '../../core/store/items.js';
import { getItem } from '../../core/store/reads.js';
import { meetingPartition } from './keys.js';

export const LEASE_MS = 15_000;

const leaseKey = (meetingId: string): Key => ({ pk: meetingPartition(meetingId), sk: 'DECIDING' });

export interface Lease {
  meetingId: string;
  token: string;
}

/**
 * The lease, or undefined while someone else holds it. A strongly consistent read first, so a rush of
 * requests reads the held lease instead of all writing to one item (a failed conditional write still
 * costs a write unit, and one item takes about 1,000 a second): a holder seen here lets go after this
 * read, and so looks at the queue after this request was saved.
 */
export async function takeLease(meetingId: string): Promise<Lease | undefined> {
  const now = Date.now();
  const current = await getItem(leaseKey(meetingId), { consistent: true });
  if (current && Number(current['until']?.N ?? 0) >= now) return undefined;
  const token = newSecret();
  const outcome = await conditionalPut(
    put({ ...leaseKey(meetingId), type: 'deciding-lease', token, until: now + LEASE_MS }, { condition: 'attribute_not_exists(pk) OR #until < :now', names: { '#until': 'until' }, values: { ':now': now } }),
  );
  return outcome.ok ? { meetingId, token } : undefined;
}

/** Keeps the lease for another LEASE_MS; false if it ran out and someone else took it. */
export async function renewLease(lease: Lease): Promise<boolean> {
  const outcome = await conditionalUpdate(
    update(leaseKey(lease.meetingId), 'SET #until = :until', { values: { ':until': Date.now() + LEASE_MS, ':token': lease.token }, names: { '#until': 'until', '#token': 'token' }, condition: '#token = :token' }),
  );
  return outcome.ok;
}

export async function releaseLease(lease: Lease): Promise<void> {
  await conditionalDelete(remove(leaseKey(lease.meetingId), { names: { '#token': 'token' }, condition: '#token = :token', values: { ':token': lease.token } }));
}
