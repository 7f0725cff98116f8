/**
 * The privacy notice's promise, in DynamoDB: every item with personal data about a registration (the
 * registration, its email guard, its outbox emails) carries `expiresAt` = the meeting's end + 12 months
 * for the TTL sweep; it follows the meeting when staff move its end, even when the request doing that
 * dies; and until the sweep comes, expired registrations are never shown. Meetings (counters only)
 * are kept. Own table, because the platform's timer works through every pending task in it.
 */
import { createHash } from 'node:crypto';
import { QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../core/config.js';
import { dynamo } from '../core/store/dynamo.js';
import { moveExpiryPage, resumeRetentionTasks } from '../core/retention.js';
import { unmarshal } from '../core/store/items.js';
import type { Meeting, MeetingInput } from './model.js';
import { cancelRegistration } from './cancelling.js';
import { createMeeting, getMeeting, updateMeeting } from './meetings.js';
import { findRegistrationByManageToken, findRegistrations, listQuestions, listRegistrations } from './registrations.js';
import { runPlatformTimer } from '../platform-timer.js';
import { registrationExpiry } from './retention.js';
import * as meetingStore from './store/meetings.js';
import * as store from './store/registrations.js';
import { manageTokenIn, waitForEmails } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { exampleMeeting, exampleResident, uniqueEmail, register } from './fixtures.js';

beforeAll(() => useOwnTable('retention'));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const seconds = (iso: string) => Date.parse(iso) / 1000;

type Stored = Record<string, unknown>;

/** Every item in one partition, as stored (a Query; the test knows the key layout store.ts documents). */
async function partition(pk: string): Promise<Stored[]> {
  const items: Stored[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: config().tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: pk } },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []).map(unmarshal));
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  return items;
}

const outboxItem = async (id: string) => (await partition(`OUTBOX#${id}`))[0];

/** The meeting's partition sorted into its item types, with every outbox email about it. */
async function storedAbout(meetingId: string) {
  const items = await partition(`MEETING#${meetingId}`);
  const of = (prefix: string) => items.filter((i) => String(i['sk']).startsWith(prefix));
  const meeting = items.find((i) => i['sk'] === 'MEETING')!;
  const registrations = of('REG#');
  const ids = (item: Stored, name: string) => (item[name] as string[] | undefined) ?? [];
  const emailIds = [...registrations.flatMap((r) => ids(r, 'outboxIds')), ...ids(meeting, 'outboxIds')];
  const emails = await Promise.all(emailIds.map(outboxItem));
  return { meeting, registrations, guards: of('EMAIL#'), task: items.find((i) => i['sk'] === 'RETENTION#TASK'), emails };
}

/** When staff plan a meeting (or move it) in these tests: two months before it starts. */
const plannedFor = (input: Pick<MeetingInput, 'startsAt'>) => new Date(Date.parse(input.startsAt) - 60 * DAY);

/** A meeting on fixed dates in the future, open for registration since yesterday. */
function meetingEnding(endsAt: string, overrides: Partial<Record<keyof MeetingInput, unknown>> = {}): MeetingInput {
  return exampleMeeting({ ...datesEnding(endsAt), capacity: 10, ...overrides });
}

function datesEnding(endsAt: string) {
  const startsAt = Date.parse(endsAt) - 2 * HOUR;
  return {
    startsAt: new Date(startsAt).toISOString(),
    endsAt,
    registrationOpensAt: new Date(Date.now() - DAY).toISOString(),
    registrationClosesAt: new Date(startsAt - HOUR).toISOString(),
  };
}

/** Sets an item's expiresAt directly, as if its time had come and the TTL sweep had not yet. */
async function expireNow(pk: string, sk: string, at = Math.floor(Date.now() / 1000) - 60) {
  await dynamo().send(
    new UpdateItemCommand({
      TableName: config().tableName,
      Key: { pk: { S: pk }, sk: { S: sk } },
      UpdateExpression: 'SET expiresAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': { N: String(at) } },
    }),
  );
}

/** The manage-link tokens in the emails to this address, once `count` such emails have arrived. */
async function tokensSentTo(email: string, count = 1): Promise<string[]> {
  const tokens = (all: Awaited<ReturnType<typeof waitForEmails>>) => all.map((e) => manageTokenIn(e.body.text)).filter((t): t is string => Boolean(t));
  return tokens(await waitForEmails(email, { until: (all) => tokens(all).length >= count }));
}

/** Waits until the emails about the meeting (those fanned out from notices too) number `count`. */
async function storedWithEmails(meetingId: string, count: number) {
  await expect.poll(async () => (await storedAbout(meetingId)).emails.length, { timeout: 10_000 }).toBe(count);
  return storedAbout(meetingId);
}

function expectAllToExpireAt(stored: Awaited<ReturnType<typeof storedAbout>>, expiresAt: number) {
  for (const item of [...stored.registrations, ...stored.guards, ...stored.emails]) {
    expect(item, `${String(item?.['pk'])} ${String(item?.['sk'])}`).toMatchObject({ expiresAt });
  }
}

describe('keeping registrations 12 months after the meeting', () => {
  it.each([
    ['a summer (BST) meeting', '2031-07-03T19:30:00.000Z', '2032-07-03T19:30:00.000Z'],
    ['a winter (GMT) meeting', '2031-12-04T20:00:00.000Z', '2032-12-04T20:00:00.000Z'],
    ['a meeting on the last day of a month', '2031-03-31T20:30:00.000Z', '2032-03-31T20:30:00.000Z'],
    ['a meeting on 29 February (to the last day of February)', '2032-02-29T20:00:00.000Z', '2033-02-28T20:00:00.000Z'],
  ])('stamps the registration, its email guard and its emails for %s', async (_case, endsAt, expected) => {
    const input = meetingEnding(endsAt, { capacity: 1 });
    const meeting = await createMeeting(input, plannedFor(input));
    const alice = uniqueEmail('alice');
    const bob = uniqueEmail('bob');
    const a = await register(meeting.id, exampleResident({ email: alice, postcode: 'LE1 6TH', accessNeeds: 'Hearing loop', question: 'Speed cameras?' }));
    const b = await register(meeting.id, exampleResident({ email: bob }));
    expect(b.registration.status).toBe('waitlisted');
    await cancelRegistration(meeting.id, a.registration.id, 'resident'); // Bob is promoted

    const stored = await storedAbout(meeting.id);
    const expiresAt = seconds(expected);
    expect(expiresAt).toBe(registrationExpiry({ endsAt }));
    expect(stored.registrations).toHaveLength(2);
    expect(stored.guards).toHaveLength(1); // Alice's went with her cancellation
    // Alice: confirmation and cancellation; Bob: waiting list and promotion.
    expect(stored.emails.map((e) => e?.['kind']).sort()).toEqual(['cancelled', 'confirmation', 'promoted', 'waitlisted']);
    expectAllToExpireAt(stored, expiresAt);
    // Meetings hold numbers, not people: kept.
    expect(stored.meeting['expiresAt']).toBeUndefined();
    expect(stored.meeting).toMatchObject({ confirmedCount: 1, cancelledCount: 1 });
    // Manage links keep their own, shorter life: a week after the meeting. (Alice's confirmation was
    // still waiting to be sent when she cancelled, so it was skipped: Bob's promotion carries one.)
    const [token] = await tokensSentTo(bob);
    const [link] = await partition(`MANAGE#${createHash('sha256').update(token!).digest('hex')}`);
    expect(link!['expiresAt']).toBe(seconds(endsAt) + 7 * 24 * 3600);
  });

  it("moves the expiry of every registration, guard and email when staff move the meeting's end", async () => {
    const input = meetingEnding('2031-07-03T19:30:00.000Z');
    const meeting = await createMeeting(input, plannedFor(input));
    const people = await Promise.all([uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')].map((email) => register(meeting.id, exampleResident({ email }))));
    await cancelRegistration(meeting.id, people[2]!.registration.id, 'staff'); // no guard left, but the registration stays
    expectAllToExpireAt(await storedAbout(meeting.id), seconds('2032-07-03T19:30:00.000Z'));

    // Into the winter: the change is told to everyone, and every expiry follows.
    const winter = { ...input, ...datesEnding('2031-12-04T20:00:00.000Z') };
    await updateMeeting(meeting.id, winter, plannedFor(winter));
    // 3 confirmations, 1 cancellation, the notice and its 2 emails (fanned out off the request path).
    let stored = await storedWithEmails(meeting.id, 7);
    expect(stored.registrations).toHaveLength(3);
    expect(stored.guards).toHaveLength(2);
    expect(stored.emails.filter((e) => e?.['kind'] === 'meeting-changed')).toHaveLength(3);
    expectAllToExpireAt(stored, seconds('2032-12-04T20:00:00.000Z'));
    expect(stored.task).toBeUndefined(); // finished in the request
    expect(stored.meeting['expiresAt']).toBeUndefined();

    // A change that leaves the end alone leaves the expiry alone, with nothing to do.
    await updateMeeting(meeting.id, { ...winter, title: 'Car cruising in Kegworth and Castle Donington' }, plannedFor(winter));
    stored = await storedAbout(meeting.id);
    expect(stored.task).toBeUndefined();
    expectAllToExpireAt(stored, seconds('2032-12-04T20:00:00.000Z'));

    // Earlier again: registrations made meanwhile are stamped from the meeting as it was when they committed.
    const earlier = { ...winter, ...datesEnding('2031-10-01T18:00:00.000Z') };
    await updateMeeting(meeting.id, earlier, plannedFor(earlier));
    await register(meeting.id, exampleResident());
    stored = await storedAbout(meeting.id);
    expect(stored.registrations).toHaveLength(4);
    expectAllToExpireAt(stored, seconds('2032-10-01T18:00:00.000Z'));

    // A pass computed from an older version of the meeting (a slow one, overtaken) changes nothing.
    const stale = { partition: `MEETING#${meeting.id}`, expiresAt: seconds('2032-07-03T19:30:00.000Z'), version: meeting.updatedAt };
    expect(await moveExpiryPage(stale, new Date())).toMatchObject({ moved: 0 });
    expectAllToExpireAt(await storedAbout(meeting.id), seconds('2032-10-01T18:00:00.000Z'));
  });

  it("finishes the move on the platform's timer when the request that moved the end stopped half-way, once", async () => {
    const input = meetingEnding('2031-05-06T19:00:00.000Z', { capacity: 100 });
    const meeting = await createMeeting(input, plannedFor(input));
    // Enough people for the meeting's partition to take more than one page (registration + guard each).
    const emails = Array.from({ length: 55 }, (_, i) => uniqueEmail(`many${i}`));
    for (let i = 0; i < emails.length; i += 5) {
      await Promise.all(emails.slice(i, i + 5).map((email) => register(meeting.id, exampleResident({ email }))));
    }
    const oldExpiry = seconds('2032-05-06T19:00:00.000Z');
    const newExpiry = seconds('2032-06-10T19:00:00.000Z');

    // The edit commits (with its task); the request then dies before moving anything.
    const now = new Date();
    const before = (await getMeeting(meeting.id))!;
    const updatedAt = new Date(Math.max(now.getTime(), Date.parse(before.updatedAt)) + 1).toISOString();
    const after: Meeting = { ...before, ...datesEnding('2031-06-10T19:00:00.000Z'), sequence: before.sequence + 1, updatedAt };
    expect(await meetingStore.saveMeetingEdits(before, after, now)).toMatchObject({ ok: true, retention: { version: after.updatedAt } });
    let stored = await storedAbout(meeting.id);
    expect(stored.task).toMatchObject({ version: after.updatedAt, gsi1pk: 'RETENTION#PENDING', expiresAt: newExpiry });
    expectAllToExpireAt(stored, oldExpiry);

    // While the editing request could still be at it, the timer leaves it alone.
    expect((await runPlatformTimer(new Date(now.getTime() + 30_000))).expiriesMoved).toBe(0);

    // A timer run takes it and gets one page done before its time runs out: the deadline is checked
    // before the task (1), before the first page (2), and before the second page (3), when time is up.
    const runAt = new Date(now.getTime() + 2 * 60_000);
    let checks = 0;
    const first = await resumeRetentionTasks(runAt, () => ++checks > 2);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(2 * emails.length);

    // Still leased; then the next run resumes after the page done, and finishes: every registration and
    // email guard moved exactly once between the two runs.
    expect((await runPlatformTimer(new Date(runAt.getTime() + 30_000))).expiriesMoved).toBe(0);
    const resumed = await runPlatformTimer(new Date(runAt.getTime() + 2 * 60_000));
    expect(first + resumed.expiriesMoved).toBe(2 * emails.length);
    stored = await storedAbout(meeting.id);
    expect(stored.task).toBeUndefined();
    expect(stored.registrations).toHaveLength(emails.length);
    expectAllToExpireAt(stored, newExpiry);

    // Nothing left to do.
    expect((await runPlatformTimer(new Date(runAt.getTime() + 10 * 60_000))).expiriesMoved).toBe(0);
  });

  it('never shows a registration past its expiry, before the TTL sweep has removed it', async () => {
    const input = meetingEnding('2031-09-10T19:00:00.000Z');
    const meeting = await createMeeting(input, plannedFor(input));
    const gone = uniqueEmail('gone');
    const kept = uniqueEmail('kept');
    const a = await register(meeting.id, exampleResident({ name: 'Gone Person', email: gone, question: 'Old question?' }));
    const b = await register(meeting.id, exampleResident({ name: 'Kept Person', email: kept, question: 'New question?' }));
    const [goneToken] = await tokensSentTo(gone);
    const [keptToken] = await tokensSentTo(kept);
    expect(await findRegistrationByManageToken(goneToken!)).toBeDefined();

    await expireNow(`MEETING#${meeting.id}`, `REG#${a.registration.id}`);

    expect((await listRegistrations(meeting.id)).map((r) => r.id)).toEqual([b.registration.id]);
    expect(await findRegistrationByManageToken(goneToken!)).toBeUndefined(); // the link itself is still valid
    expect((await findRegistrationByManageToken(keptToken!))?.registration.id).toBe(b.registration.id);
    expect(await findRegistrations(meeting.id, 'Gone')).toEqual([]);
    expect((await listQuestions(meeting.id)).map((q) => q.question)).toEqual(['New question?']);
    expect(await store.getRegistration(meeting.id, a.registration.id)).toBeUndefined();
    // Expired means expired by the caller's clock: just before, it was still there.
    expect(await store.getRegistration(meeting.id, a.registration.id, { now: new Date(Date.now() - 10 * 60_000) })).toBeDefined();

    // With its email guard expired too, the address is free again: a new registration, not the old one.
    await expireNow(`MEETING#${meeting.id}`, `EMAIL#${gone}`);
    expect(await store.registrationIdForEmail(meeting.id, gone)).toBeUndefined();
    const again = await register(meeting.id, exampleResident({ email: gone }));
    expect(again.registration.id).not.toBe(a.registration.id);
    expect((await listRegistrations(meeting.id)).map((r) => r.id)).toEqual([b.registration.id, again.registration.id]);
  });
});
