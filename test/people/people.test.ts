/**
 * A person's data across the platform (core/people/), through the real local platform on a table of
 * its own (so this file may read every item of it): one search finds a person's meeting registration,
 * surgery booking and community-day note; the export gives each record with its deletion date; staff
 * cannot erase; an admin's erasure leaves no copy of the address or name in any item while every
 * counter stays as it was, cancels emails not yet sent, and keeps an erasure record without them.
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { backfillPersonIndex } from '../../local/people-backfill.js';
import { dynamo } from '../../functions/core/store/dynamo.js';
import { conditionalDelete, conditionalUpdate, remove, update } from '../../functions/core/store/writes.js';
import { unmarshal } from '../../functions/core/store/items.js';
import { aVisit } from '../../functions/community-days/fixtures.js';
import { aMeeting, exampleResident, register, uniqueEmail } from '../../functions/meetings/fixtures.js';
import { aBooking, aCouncil, aSession, exampleDetails } from '../../functions/surgeries/fixtures.js';
import { createPlatformApp } from '../../local/server.js';
import { useOwnTable } from '../support/own-table.js';
import { requestsTo } from '../support/requests.js';
import { adminToken, bearer, staffToken } from '../support/tokens.js';

let tableName: string;
let post: ReturnType<typeof requestsTo>['post'];
let get: ReturnType<typeof requestsTo>['get'];

beforeAll(async () => {
  // Email stays in the outbox (no delivery), so there are emails not yet sent to cancel; the decider runs.
  ({ tableName } = await useOwnTable('people', { delivery: 'manual', consumers: 'stream' }));
  ({ post, get } = requestsTo(await createPlatformApp()));
}, 60_000);

async function everyItem(): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []).map(unmarshal));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const withPk = (items: Array<Record<string, unknown>>, prefix: string) => items.filter((i) => String(i['pk']).startsWith(prefix));

/** Every counter the platform keeps for what this person did: the meeting's, the district's booking shards, the visits' coverage. */
function counters(items: Array<Record<string, unknown>>, meetingId: string, district: string) {
  const meeting = items.find((i) => i['pk'] === `MEETING#${meetingId}` && i['sk'] === 'MEETING')!;
  const sum = (rows: Array<Record<string, unknown>>, name: string) => rows.reduce((n, r) => n + Number(r[name] ?? 0), 0);
  const shards = withPk(items, `SURG#DISTRICT#${district}`);
  const coverage = withPk(items, 'COVERAGE');
  return {
    meeting: { placesLeft: meeting['placesLeft'], confirmedCount: meeting['confirmedCount'], waitlistedCount: meeting['waitlistedCount'], cancelledCount: meeting['cancelledCount'] },
    bookings: { confirmed: sum(shards, 'confirmed'), cancelled: sum(shards, 'cancelled') },
    visits: { visits: sum(coverage, 'visits'), people: sum(coverage, 'people') },
  };
}

const NAME = 'Robin Quayle-Example';

async function aPersonEverywhere() {
  const email = uniqueEmail('robin');
  const meeting = await aMeeting({ capacity: 20 });
  const { registration } = await register(meeting.id, exampleResident({ name: NAME, email, postcode: 'LE1 6TH', question: 'Will there be parking nearby?' }));
  // Someone else at the same meeting, whose registration must be left alone.
  const other = await register(meeting.id, exampleResident({ name: 'Someone Else' }));
  const [session, council] = await Promise.all([aSession({ districtCode: 'E07000129' }), aCouncil({ districtCode: 'E07000129' })]);
  await aBooking(session, council, { details: exampleDetails({ attendeeName: NAME, email }) });
  const visit = await aVisit({}, { notes: `Met ${NAME} (${email.toUpperCase()}) about speeding on the main road; follow up by email.` });
  return { email, meeting, registration, other: other.registration, visit, district: 'E07000129' };
}

describe('finding, exporting and erasing a person', () => {
  it('finds them in every service from one search, exports each record with its deletion date, and erases them leaving no copy while the counts stay', async () => {
    const person = await aPersonEverywhere();
    const staff = bearer(await staffToken());
    const admin = bearer(await adminToken());

    // One search, by a member of staff, with the address as they typed it.
    const found = await post('/staff/people', { email: ` ${person.email.toUpperCase()} ` }, staff);
    expect(found.status).toBe(200);
    const page = await found.text();
    for (const heading of ['Public meetings', 'Parish surgeries', 'Community days']) expect(page).toContain(`<h2 class="govuk-heading-l">${heading}</h2>`);
    expect(page).toContain('Registration for a public meeting');
    expect(page).toContain('Booking for a parish surgery');
    expect(page).toContain('Staff notes of a community-day visit');
    expect(page).toContain('Consultation responses are anonymous');
    // Staff may find and export, not correct or erase.
    expect(page).not.toContain('Erase their data');
    // Each record links to the staff page showing it.
    expect(page).toContain(`href="/staff/meetings/${person.meeting.id}"`);
    expect(page).toContain(`href="/staff/community-days/visits/${person.visit.id}"`);

    const exported = await post('/staff/people/export.json', { email: person.email }, staff);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="subject-access-\d{4}-\d{2}-\d{2}\.json"$/);
    const file = (await exported.json()) as { records: Array<{ service: string; what: string; deletedBy?: string; sharedWith: string[]; data: Record<string, string> }> };
    const items = await everyItem();
    const expiryOf = (pk: string, sk: string) => new Date(Number(items.find((i) => i['pk'] === pk && i['sk'] === sk)!['expiresAt']) * 1000).toISOString();
    const byWhat = (what: string) => file.records.find((r) => r.what === what)!;
    expect(byWhat('Registration for a public meeting').deletedBy).toBe(expiryOf(`MEETING#${person.meeting.id}`, `REG#${person.registration.id}`));
    expect(byWhat('Registration for a public meeting').data).toMatchObject({ Name: NAME, 'Email address': person.email, 'Question for the meeting': 'Will there be parking nearby?' });
    expect(byWhat('Registration for a public meeting').sharedWith.join()).toContain('Amazon SES');
    expect(byWhat('Booking for a parish surgery').deletedBy).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(byWhat('Staff notes of a community-day visit that give your email address').deletedBy).toBe(expiryOf(`VISIT#${person.visit.id}`, 'NOTES'));
    expect(file.records.map((r) => r.service).sort()).toEqual(['Community days', 'Parish surgeries', 'Public meetings', 'Public meetings']);
    // The person's file does not carry the staff pages' addresses.
    expect(JSON.stringify(file)).not.toContain('/staff/');

    // Emails about them still waiting to be sent (delivery is manual here).
    const registrationItem = items.find((i) => i['sk'] === `REG#${person.registration.id}`)!;
    const pendingIds = (registrationItem['outboxIds'] as string[]).filter((id) => items.find((i) => i['pk'] === `OUTBOX#${id}`)?.['status'] === 'pending');
    expect(pendingIds.length).toBeGreaterThan(0);

    const before = counters(items, person.meeting.id, person.district);

    // The lowest role that may not erase is refused; an admin erases.
    expect((await post('/staff/people/erase', { email: person.email, name: NAME }, staff)).status).toBe(403);
    const erased = await post('/staff/people/erase', { email: person.email, name: NAME }, admin);
    expect(erased.status).toBe(303);
    expect(erased.headers.get('location')).toBe('/staff/people?done=erased');

    const after = await everyItem();
    const copies = after.filter((item) => {
      const text = JSON.stringify(item).toLowerCase();
      return text.includes(person.email.toLowerCase()) || text.includes(NAME.toLowerCase());
    });
    expect(copies).toEqual([]);
    expect(counters(after, person.meeting.id, person.district)).toEqual(before);
    // The counts still match the records: the erased registration is kept as an anonymous attendance.
    const registrations = after.filter((i) => i['pk'] === `MEETING#${person.meeting.id}` && String(i['sk']).startsWith('REG#'));
    expect(registrations.filter((r) => r['status'] === 'confirmed').length).toBe(before.meeting.confirmedCount);
    const kept = registrations.find((r) => r['id'] === person.registration.id)!;
    expect(kept).toMatchObject({ status: 'confirmed', name: '', email: '', places: 1 });
    expect(kept['question']).toBeUndefined();
    expect(registrations.find((r) => r['id'] === person.other.id)).toMatchObject({ name: 'Someone Else', email: person.other.email });
    const notes = after.find((i) => i['pk'] === `VISIT#${person.visit.id}` && i['sk'] === 'NOTES')!;
    expect(notes['notes']).toBe('Met [name removed] ([email address removed]) about speeding on the main road; follow up by email.');

    // Emails not yet sent to them are cancelled.
    for (const id of pendingIds) expect(after.find((i) => i['pk'] === `OUTBOX#${id}`)).toMatchObject({ status: 'skipped' });

    // The erasure record: what, by whom, when; not who.
    const erasures = withPk(after, 'ERASURES');
    expect(erasures).toHaveLength(1);
    expect(erasures[0]!['records']).toEqual(
      expect.arrayContaining([
        { capability: 'meetings', what: 'Registration for a public meeting', done: 'personal details removed, record kept' },
        { capability: 'meetings', what: 'The record that this address has registered for a meeting (one registration per address)', done: 'deleted' },
        { capability: 'surgeries', what: 'Booking for a parish surgery', done: 'personal details removed, record kept' },
        { capability: 'community-days', what: 'Staff notes of a community-day visit that give your email address', done: 'taken out of notes' },
      ]),
    );

    // Nothing holds them now.
    const again = await (await post('/staff/people', { email: person.email }, staff)).text();
    expect(again).toContain('0 records found</h1>');
  });

  it('corrects an address everywhere it is held: the old one finds nothing, the new one finds every record', async () => {
    const email = uniqueEmail('typo');
    const corrected = uniqueEmail('right');
    const meeting = await aMeeting({ capacity: 5 });
    await register(meeting.id, exampleResident({ name: 'Kim Tpyo', email }));
    const staff = bearer(await staffToken());
    const admin = bearer(await adminToken());

    expect((await post('/staff/people/correct', { email, newEmail: corrected, newName: 'Kim Typo' }, staff)).status).toBe(403);
    const done = await post('/staff/people/correct', { email, newEmail: corrected, newName: 'Kim Typo' }, admin);
    expect(done.status).toBe(303);

    expect(await (await post('/staff/people', { email }, staff)).text()).toContain('0 records found</h1>');
    const exported = (await (await post('/staff/people/export.json', { email: corrected }, staff)).json()) as { records: Array<{ what: string; data: Record<string, string> }> };
    expect(exported.records.map((r) => r.what).sort()).toEqual(['Registration for a public meeting', 'The record that this address has registered for a meeting (one registration per address)']);
    expect(exported.records.find((r) => r.what === 'Registration for a public meeting')!.data).toMatchObject({ Name: 'Kim Typo', 'Email address': corrected });
    // The one-registration-per-address guard moved with it: the new address cannot register again for this meeting.
    const items = await everyItem();
    expect(items.filter((i) => i['pk'] === `MEETING#${meeting.id}` && String(i['sk']).startsWith('EMAIL#')).map((i) => i['sk'])).toEqual([`EMAIL#${corrected}`]);
  });

  it('finds items written before the index once the backfill has run, and the backfill may run again', async () => {
    const person = await aPersonEverywhere();
    // As they were before the people index: no index keys, no notes' markers.
    for (const item of await everyItem()) {
      const key = { pk: String(item['pk']), sk: String(item['sk']) };
      if (key.sk.startsWith('MENTION#')) await conditionalDelete(remove(key));
      else if (item['gsi3pk'] !== undefined) await conditionalUpdate(update(key, 'REMOVE gsi3pk, gsi3sk'));
    }
    const staff = bearer(await staffToken());
    const exported = async () => ((await (await post('/staff/people/export.json', { email: person.email }, staff)).json()) as { records: Array<{ what: string }> }).records.map((r) => r.what).sort();
    expect(await exported()).toEqual([]);

    const first = await backfillPersonIndex();
    expect(first.markers).toBeGreaterThanOrEqual(1);
    const everything = await exported();
    expect(everything).toEqual([
      'Booking for a parish surgery',
      'Registration for a public meeting',
      'Staff notes of a community-day visit that give your email address',
      'The record that this address has registered for a meeting (one registration per address)',
    ]);
    const again = await backfillPersonIndex();
    expect({ indexed: again.indexed, markers: again.markers }).toEqual({ indexed: 0, markers: 0 });
    expect(await exported()).toEqual(everything);
  });

  it('erases a clerk’s contact from their council, which keeps its name, and raises its version so an older edit cannot restore it', async () => {
    const clerk = uniqueEmail('clerk');
    const council = await aCouncil({ districtCode: 'E06000017', clerkName: 'Chris Clerk', clerkEmail: clerk });
    expect((await post('/staff/people/erase', { email: clerk }, bearer(await adminToken()))).status).toBe(303);
    const item = (await everyItem()).find((i) => i['pk'] === `SURG#COUNCIL#${council.id}`)!;
    expect(item).toMatchObject({ name: council.name, version: council.version + 1 });
    expect(item['clerkEmail']).toBeUndefined();
    expect(item['clerkName']).toBeUndefined();
    expect(item['gsi3pk']).toBeUndefined();
  });

  it('corrects and erases a clerk who is the contact for more councils than one transaction holds, in parts, each recorded', async () => {
    const clerk = uniqueEmail('busy-clerk');
    const moved = uniqueEmail('busy-clerk-new');
    // 120 councils: one record each, more than DynamoDB's 100 items in a transaction.
    const councils: Array<{ id: string }> = [];
    for (let i = 0; i < 120; i += 20) councils.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => aCouncil({ districtCode: 'E07000134', name: `Parish ${i + j} ${clerk}`.slice(0, 60), clerkName: 'Sam Many', clerkEmail: clerk })))));
    const admin = bearer(await adminToken());
    const staff = bearer(await staffToken());
    const held = async (email: string) => ((await (await post('/staff/people/export.json', { email }, staff)).json()) as { records: unknown[] }).records.length;

    expect((await post('/staff/people/correct', { email: clerk, newEmail: moved }, admin)).status).toBe(303);
    expect(await held(clerk)).toBe(0);
    expect(await held(moved)).toBe(120);

    expect((await post('/staff/people/erase', { email: moved }, admin)).status).toBe(303);
    expect(await held(moved)).toBe(0);
    const items = await everyItem();
    const ours = items.filter((i) => councils.some((c) => i['pk'] === `SURG#COUNCIL#${c.id}`));
    expect(ours).toHaveLength(120);
    expect(ours.filter((i) => i['clerkEmail'] !== undefined || i['clerkName'] !== undefined)).toEqual([]);
    // One erasure, in two parts that together name every record; each part is in the access record.
    const parts = withPk(items, 'ERASURES').filter((e) => e['parts'] === 2);
    expect(parts.map((p) => p['part']).sort()).toEqual([1, 2]);
    expect(new Set(parts.map((p) => p['id'])).size).toBe(1);
    expect(parts.reduce((n, p) => n + (p['records'] as unknown[]).length, 0)).toBe(120);
    const looks = withPk(items, 'ACCESS#').map((a) => String(a['what']));
    expect(looks.filter((w) => /^Erased a person’s data from \d+ records \(part [12] of 2\)$/.test(w))).toHaveLength(2);
    expect(looks.filter((w) => /^Corrected a person’s email address in \d+ records \(part [12] of 2\)$/.test(w))).toHaveLength(2);
  }, 90_000);

  it('refuses a search without a valid address, naming the field', async () => {
    const answer = await post('/staff/people', { email: 'not an address' }, bearer(await staffToken()));
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('href="#email"');
  });

  it('shows the search page to staff', async () => {
    expect((await get('/staff/people', bearer(await staffToken()))).status).toBe(200);
  });
});
