/**
 * The list of parish and town councils by district, kept by staff: add, edit, retire and reinstate.
 * A retired council can no longer book (the booking's transaction checks it is active) and its clerk's
 * contact details are removed. Edits are made against the version read, so two people editing at once
 * cannot lose each other's change.
 */
import type { CouncilAreaCode } from '../core/council-areas.js';
import { newId } from '../core/ids.js';
import { notFound, Refusal } from '../core/refusal.js';
import { activeUpcoming, type Council, type CouncilInput } from './model.js';
import * as store from './store/councils.js';

export const noSuchCouncil = () => notFound('There is no council with this id', 'council_not_found');

export function newCouncil(input: CouncilInput, now: Date, options: { id?: string; note?: string } = {}): Council {
  const at = now.toISOString();
  return {
    id: options.id ?? newId(now),
    name: input.name,
    districtCode: input.districtCode,
    parishes: input.parishes,
    ...(input.clerkName ? { clerkName: input.clerkName } : {}),
    ...(input.clerkEmail ? { clerkEmail: input.clerkEmail } : {}),
    governance: input.governance,
    status: 'active',
    ...(options.note ? { note: options.note } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
    upcoming: {},
    upcomingVersion: 0,
    seen: {},
  };
}

export async function addCouncil(input: CouncilInput, now: Date = new Date(), options: { id?: string; note?: string } = {}): Promise<Council> {
  const council = newCouncil(input, now, options);
  if (!(await store.putNewCouncil(council))) {
    if (options.id) return (await store.getCouncil(options.id, { consistent: true }))!;
    throw new Error('A new council id was already taken');
  }
  return council;
}

export async function requireCouncil(id: string): Promise<Council> {
  const council = await store.getCouncil(id, { consistent: true });
  if (!council) throw noSuchCouncil();
  return council;
}

const editedMeanwhile = () => new Refusal('council_changed', 'Someone else changed this council while you were editing it. Check the details and make your change again.');

export async function editCouncil(id: string, input: CouncilInput, now: Date = new Date(), seenVersion?: number): Promise<Council> {
  const seen = await requireCouncil(id);
  if (seenVersion !== undefined && seenVersion !== seen.version) throw editedMeanwhile();
  if (input.districtCode !== seen.districtCode && activeUpcoming(seen, now).length > 0) {
    throw new Refusal('council_has_bookings', 'This council has upcoming surgery bookings in its district: cancel them before moving it to another district', {
      fields: [{ field: 'districtCode', message: 'Cancel the council’s upcoming bookings before moving it to another district' }],
    });
  }
  const outcome = await store.saveCouncilEdits(seen, input, now.toISOString());
  if (!outcome.ok) {
    if (!outcome.current) throw noSuchCouncil();
    throw editedMeanwhile();
  }
  return outcome.council;
}

export async function setCouncilStatus(id: string, status: 'active' | 'retired', now: Date = new Date()): Promise<Council> {
  const seen = await requireCouncil(id);
  if (seen.status === status) return seen;
  const outcome = await store.saveCouncilStatus(seen, status, now.toISOString());
  if (!outcome.ok) {
    if (!outcome.current) throw noSuchCouncil();
    throw editedMeanwhile();
  }
  return outcome.council;
}

/** Councils of one district, or every district; retired ones only when asked for. */
export async function listCouncils(options: { districtCode?: CouncilAreaCode; includeRetired?: boolean } = {}): Promise<Council[]> {
  const councils = options.districtCode ? await store.councilsInDistrict(options.districtCode) : await store.allCouncils();
  return options.includeRetired ? councils : councils.filter((c) => c.status === 'active');
}

export const { getCouncil } = store;

/** How many clerks' contact details a list shows: for the access record. */
export const clerksIn = (councils: readonly Pick<Council, 'clerkEmail' | 'clerkName'>[]) => councils.filter((c) => c.clerkEmail || c.clerkName).length;
