/**
 * The manage link: the token in the email finds the registration and can cancel it; only its SHA-256
 * is stored; every email mints its own; it stops working when the meeting ends; anything else is
 * simply "not valid".
 */
import { createHash, randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { config } from '../core/config.js';
import { dynamo } from '../core/store/dynamo.js';
import { unmarshal } from '../core/store/items.js';
import { manageTokenIn, waitForEmails } from '../../test/support/inbox.js';
import { exampleMeeting, exampleResident, uniqueEmail, register } from './fixtures.js';
import { cancelRegistration } from './cancelling.js';
import { createMeeting, getMeeting, updateMeeting } from './meetings.js';
import { findRegistrationByManageToken } from './registrations.js';

/** Every item in one partition, read with a Query (the test knows the key layout store.ts documents). */
async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const result = await dynamo().send(
    new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } } }),
  );
  return (result.Items ?? []).map(unmarshal);
}

/** The manage-link tokens in the emails to this address, once `count` of them have arrived (in the order sent). */
async function tokensSentTo(email: string, count = 1): Promise<string[]> {
  const tokens = (all: Awaited<ReturnType<typeof waitForEmails>>) =>
    [...all].sort((a, b) => a.at - b.at).map((e) => manageTokenIn(e.body.text)).filter((t): t is string => Boolean(t));
  return tokens(await waitForEmails(email, { until: (all) => tokens(all).length >= count }));
}

describe('the manage link', () => {
  it('finds the registration and lets the resident cancel; the token itself is never stored', async () => {
    const input = exampleMeeting({ capacity: 3 });
    const meeting = await createMeeting(input);
    const email = uniqueEmail('manage');
    const { registration } = await register(meeting.id, exampleResident({ email, places: 2 }));
    const [token] = await tokensSentTo(email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const found = await findRegistrationByManageToken(token!);
    expect(found?.registration).toMatchObject({ id: registration.id, email, status: 'confirmed' });
    expect(found?.meeting.id).toBe(meeting.id);

    // At rest: only the hash, under the hash's own key.
    const hash = createHash('sha256').update(token!).digest('hex');
    const [link] = await partition(`MANAGE#${hash}`);
    expect(link).toMatchObject({ capability: 'meetings', purpose: 'manage', about: { meetingId: meeting.id, registrationId: registration.id }, tokenHash: hash });
    expect(Number(link!['expiresAt'])).toBeGreaterThan(Date.parse(meeting.endsAt) / 1000);
    const everything = [
      ...(await partition(`MEETING#${meeting.id}`)),
      link!,
      ...(await partition(`OUTBOX#${((await partition(`MEETING#${meeting.id}`)).find((i) => i['id'] === registration.id)!['lastEmail'] as { id: string }).id}`)),
    ];
    expect(everything.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(everything)).not.toContain(token!);

    // Each email that carries the link mints a fresh token; both work.
    await updateMeeting(meeting.id, { ...input, venue: 'Kegworth Methodist Church' });
    const tokens = await tokensSentTo(email, 2);
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).not.toBe(tokens[0]);
    expect((await findRegistrationByManageToken(tokens[1]!))?.registration.id).toBe(registration.id);

    const cancelled = await cancelRegistration(found!.meeting.id, found!.registration.id, 'resident');
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'resident', cancelledFrom: 'confirmed' });
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 3, confirmedCount: 0, cancelledCount: 2 });
    // Still opens (to show it is cancelled) until the meeting ends.
    expect((await findRegistrationByManageToken(token!))?.registration.status).toBe('cancelled');
  });

  it('stops working when the meeting ends', async () => {
    const meeting = await createMeeting(exampleMeeting({}, new Date(), 5));
    const email = uniqueEmail('expiry');
    await register(meeting.id, exampleResident({ email }));
    const [token] = await tokensSentTo(email);
    const duringMeeting = new Date(Date.parse(meeting.startsAt) + 60_000);
    expect(await findRegistrationByManageToken(token!, duringMeeting)).toBeDefined();
    expect(await findRegistrationByManageToken(token!, new Date(Date.parse(meeting.endsAt)))).toBeUndefined();
    expect(await findRegistrationByManageToken(token!, new Date(Date.parse(meeting.endsAt) + 24 * 3_600_000))).toBeUndefined();
  });

  it('answers wrong and malformed tokens with nothing, whatever exists', async () => {
    expect(await findRegistrationByManageToken(randomBytes(32).toString('base64url'))).toBeUndefined();
    for (const bad of ['', 'abc', '../../etc/passwd', 'x'.repeat(43) + '=', '<script>'.repeat(6)]) {
      expect(await findRegistrationByManageToken(bad)).toBeUndefined();
    }
  });
});
