/**
 * Council items: create, read, list by district (a Query on gsi1, alphabetical), edit and retire, each
 * conditional on the version staff saw. The booking rules' own writes to a council (its `upcoming`
 * bookings) are in store/bookings.ts.
 */
import type { CouncilAreaCode } from '../../core/council-areas.js';
import { councilAreaCodes } from '../../core/council-areas.js';
import { batchGet, getItem, queryAll } from '../../core/store/reads.js';
import { pick, values, type Item } from '../../core/store/items.js';
import { ledgerListed, ledgerRegrouped, ledgerRetired } from '../../core/period-ledgers.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { put, update } from '../../core/store/writes.js';
import { londonDay } from '../../core/time.js';
import { COUNCILS_LEDGER } from '../figures.js';
import type { Council, CouncilInput } from '../model.js';
import { personIndex, personIndexSet } from '../../core/people/index.js';
import { CAPABILITY, councilIndex, councilKey, surgeryKeys } from './keys.js';

const councilFields = [
  'id', 'name', 'districtCode', 'parishes', 'clerkName', 'clerkEmail', 'governance', 'status', 'note', 'version',
  'createdAt', 'updatedAt', 'retiredAt', 'lastInvitedAt', 'upcoming', 'upcomingVersion', 'seen',
] as const satisfies readonly (keyof Council)[];

export function toCouncil(item: Item): Council {
  const council = pick<Council>(item, councilFields);
  return { ...council, parishes: council.parishes ?? [], upcoming: council.upcoming ?? {}, upcomingVersion: council.upcomingVersion ?? 0, seen: council.seen ?? {} };
}

export function newCouncilItem(council: Council) {
  return { ...councilKey(council.id), type: 'surgery-council', ...councilIndex(council), ...council, ...personIndex(council.clerkEmail, CAPABILITY, 'council-contact', council.id) };
}

/** Creates the council unless one with this id exists; false when it did. */
export async function putNewCouncil(council: Council): Promise<boolean> {
  return (await transactWrite([{ name: 'council', write: put(newCouncilItem(council), { condition: 'attribute_not_exists(pk)' }) }, listedWrite(council)])).ok;
}

/** Listed in the councils' ledger from the day it was added, in its district (the office's reports: councils seen in the last 12 months). */
const listedWrite = (council: Pick<Council, 'id' | 'createdAt' | 'districtCode'>) => ledgerListed(CAPABILITY, COUNCILS_LEDGER, council.id, londonDay(new Date(council.createdAt)), council.districtCode);

export async function getCouncil(id: string, options: { consistent?: boolean } = {}): Promise<Council | undefined> {
  const item = await getItem(councilKey(id), options);
  return item ? toCouncil(item) : undefined;
}

export async function getCouncils(ids: readonly string[]): Promise<Map<string, Council>> {
  const items = await batchGet([...new Set(ids)].map(councilKey));
  return new Map(items.map((item) => { const c = toCouncil(item); return [c.id, c] as const; }));
}

/** Every council of a district (active and retired), alphabetical. */
export async function councilsInDistrict(districtCode: CouncilAreaCode): Promise<Council[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: values({ ':pk': `${surgeryKeys.councilsByDistrict}${districtCode}` }),
  });
  return items.map(toCouncil);
}

/** Every council, district by district (nine Queries, one per district: bounded by the list, never by bookings). */
export async function allCouncils(): Promise<Council[]> {
  return (await Promise.all(councilAreaCodes.map(councilsInDistrict))).flat();
}

export type CouncilEditOutcome = { ok: true; council: Council } | { ok: false; current?: Council };

/** A council change as one transaction (so a form's submission is claimed with it): the council as saved, or as it is now. */
async function saveCouncil(write: ReturnType<typeof update>, saved: Council, also: NamedWrite[] = []): Promise<CouncilEditOutcome> {
  const outcome = await transactWrite([{ name: 'council', write }, ...also]);
  if (outcome.ok) return { ok: true, council: saved };
  const current = outcome.failed.get('council');
  return { ok: false, ...(current ? { current: toCouncil(current) } : {}) };
}

/**
 * Saves staff edits to a council read as `seen`: only if nobody changed it meanwhile and, when the
 * district moves, only if its bookings have not changed either (the domain checks it has none upcoming).
 */
export async function saveCouncilEdits(seen: Council, input: CouncilInput, at: string): Promise<CouncilEditOutcome> {
  const next = { ...input, ...councilIndex({ id: seen.id, name: input.name, districtCode: input.districtCode }) };
  const clear = [input.clerkName === undefined ? 'clerkName' : '', input.clerkEmail === undefined ? 'clerkEmail' : ''].filter(Boolean);
  const { clerkName: _name, clerkEmail: _email, ...kept } = seen;
  const saved: Council = { ...kept, ...input, version: seen.version + 1, updatedAt: at };
  // The people index follows the clerk's address (core/people/index.ts).
  const person = personIndexSet(input.clerkEmail, CAPABILITY, 'council-contact', seen.id);
  const removed = [...clear, ...(person.remove ? [person.remove] : [])];
  return saveCouncil(
    update(
      councilKey(seen.id),
      `SET #name = :name, districtCode = :district, parishes = :parishes, governance = :governance, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, #version = #version + :one, updatedAt = :at${input.clerkName !== undefined ? ', clerkName = :clerkName' : ''}${input.clerkEmail !== undefined ? ', clerkEmail = :clerkEmail' : ''}${person.set ? `, ${person.set}` : ''}${removed.length ? ` REMOVE ${removed.join(', ')}` : ''}`,
      {
        names: { '#name': 'name', '#version': 'version' },
        values: {
          ':name': next.name,
          ':district': next.districtCode,
          ':parishes': next.parishes,
          ':governance': next.governance,
          ':gsi1pk': next.gsi1pk,
          ':gsi1sk': next.gsi1sk,
          ':one': 1,
          ':at': at,
          ':seen': seen.version,
          ...(input.districtCode !== seen.districtCode ? { ':seenUpcoming': seen.upcomingVersion } : {}),
          ...(input.clerkName !== undefined ? { ':clerkName': input.clerkName } : {}),
          ...(input.clerkEmail !== undefined ? { ':clerkEmail': input.clerkEmail } : {}),
          ...person.values,
        },
        condition: `attribute_exists(pk) AND #version = :seen${input.districtCode !== seen.districtCode ? ' AND upcomingVersion = :seenUpcoming' : ''}`,
        returnOld: true,
      },
    ),
    saved,
    // Its district's share of councils seen counts it where it is now.
    input.districtCode !== seen.districtCode ? [ledgerRegrouped(CAPABILITY, COUNCILS_LEDGER, seen.id, input.districtCode)] : [],
  );
}

/** Retires (no new bookings; clerk contact removed, as the privacy notice says) or reinstates a council. */
export async function saveCouncilStatus(seen: Council, status: 'active' | 'retired', at: string): Promise<CouncilEditOutcome> {
  const expression =
    status === 'retired'
      ? 'SET #status = :status, retiredAt = :at, #version = #version + :one, updatedAt = :at REMOVE clerkName, clerkEmail, gsi3pk, gsi3sk'
      : 'SET #status = :status, #version = #version + :one, updatedAt = :at REMOVE retiredAt';
  const { retiredAt: _retired, ...current } = seen;
  const { clerkName: _name, clerkEmail: _email, ...withoutClerk } = current;
  const changed = { status, version: seen.version + 1, updatedAt: at };
  const saved: Council = status === 'retired' ? { ...withoutClerk, ...changed, retiredAt: at } : { ...current, ...changed };
  return saveCouncil(
    update(councilKey(seen.id), expression, {
      names: { '#status': 'status', '#version': 'version' },
      values: { ':status': status, ':at': at, ':one': 1, ':seen': seen.version },
      condition: 'attribute_exists(pk) AND #version = :seen',
      returnOld: true,
    }),
    saved,
    [status === 'retired' ? ledgerRetired(CAPABILITY, COUNCILS_LEDGER, seen.id, londonDay(new Date(at))) : listedWrite(seen)],
  );
}
