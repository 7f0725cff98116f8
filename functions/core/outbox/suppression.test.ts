/**
 * Email that stops: SES's mailbox-simulator addresses bounce and complain through the local mailbox
 * simulator, which hands SES's events to the platform's email-events handler, as EventBridge does in
 * AWS (test/e2e/email-stops.test.ts runs the whole path through a meeting and a surgery); the address is then suppressed (by a keyed hash, never the address), the next email to it is
 * recorded as `suppressed` and not sent, and the week's figures count every step. Against DynamoDB
 * Local and the SES emulator, a made-up capability's emails delivered by hand.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inbox, waitForEmails } from '../../../test/support/inbox.js';
import { useOwnTable } from '../../../test/support/own-table.js';
import { simulatedEvent } from '../../../local/mailbox-simulator.js';
import { platformKeys } from '../platform-keys.js';
import { retentionRules } from '../platform.js';
import { queryAll } from '../store/reads.js';
import { values } from '../store/items.js';
import { dynamo } from '../store/dynamo.js';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { transactWrite } from '../store/transactions.js';
import { config } from '../config.js';
import { deliverNew } from './delivery.js';
import { recordEmailEvent } from './email-events.js';
import { para, layout } from './email-layout.js';
import { emailWeeks, weekOf } from './email-weeks.js';
import { emailKind, type CapabilityEmails } from './kinds.js';
import { getOutboxEmail, newOutboxEmail, outboxWrite } from './outbox.js';
import { addressHash, suppressedAmong, suppressionOf } from './suppression.js';

beforeAll(() => useOwnTable('suppression', { delivery: 'manual' }));

const letters = emailKind<{ to: string }>({
  load: async (email) => ({ to: email.about['to']! }),
  stillRelevant: () => true,
  to: (ctx) => ctx.to,
  render: () => layout('A letter', 'reader', [para('Hello from the test capability.')]),
});
const testEmails: CapabilityEmails = { capability: 'test-capability', kinds: { letter: letters } };

/** Writes one email to `to` and delivers it as the stream would; its outbox item after. */
async function send(to: string) {
  const email = newOutboxEmail({ capability: 'test-capability', kind: 'letter', about: { to }, now: new Date() });
  await transactWrite([outboxWrite(email)]);
  await deliverNew([email.id], testEmails, new Date(), Date.now() + 10_000);
  return (await getOutboxEmail(email.id))!;
}

async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const thisWeek = async () => (await emailWeeks(1, new Date()))[0]!;
const simulator = (kind: string) => `${kind}+${randomUUID().slice(0, 8)}@simulator.amazonses.com`;

describe('email that stops at bounces and complaints', () => {
  it('sends to a bouncing address once, then records the next email to it as suppressed and sends nothing', async () => {
    const before = await thisWeek();
    const address = simulator('bounce');
    expect((await send(address)).status).toBe('sent');
    await waitForEmails(address);
    const suppression = await until(() => suppressionOf(address));
    expect(suppression).toMatchObject({ reason: 'bounce', bounces: 1, complaints: 0 });

    const next = await send(address);
    expect(next.status).toBe('suppressed');
    expect(next.sentAt).toBeUndefined();
    expect(await inbox(address)).toHaveLength(1);
    // Written differently, it is the same address.
    expect((await send(`  ${address.toUpperCase()} `)).status).toBe('suppressed');
    expect(await thisWeek()).toEqual({ ...before, sent: before.sent + 1, bounced: before.bounced + 1, suppressed: before.suppressed + 2 });
  });

  it('stops email to an address whose owner complained, and to one on SES’s suppression list', async () => {
    const before = await thisWeek();
    const complaining = simulator('complaint');
    const listed = simulator('suppressionlist');
    const fine = simulator('success');
    for (const address of [complaining, listed, fine]) expect((await send(address)).status).toBe('sent');
    expect(await until(() => suppressionOf(complaining))).toMatchObject({ reason: 'complaint', complaints: 1 });
    expect(await until(() => suppressionOf(listed))).toMatchObject({ reason: 'bounce', bounces: 1 });
    expect((await send(complaining)).status).toBe('suppressed');
    expect((await send(fine)).status).toBe('sent');
    const stopped = await suppressedAmong([complaining, fine, listed]);
    expect([...stopped.keys()].sort()).toEqual([complaining, listed].sort());
    expect(await thisWeek()).toEqual({ ...before, sent: before.sent + 4, bounced: before.bounced + 1, complained: before.complained + 1, suppressed: before.suppressed + 1 });
  });

  it('records an event SES delivers twice once, and ignores a soft bounce', async () => {
    const address = simulator('bounce');
    const event = simulatedEvent({ to: address, from: 'engagement@example.org', messageId: randomUUID() })!;
    const before = await thisWeek();
    expect(await recordEmailEvent(event)).toEqual({ recorded: 1, repeated: 0, ignored: 0 });
    expect(await recordEmailEvent(event)).toEqual({ recorded: 0, repeated: 1, ignored: 0 });
    expect(await suppressionOf(address)).toMatchObject({ bounces: 1 });

    const soft = simulatedEvent({ to: simulator('bounce'), from: 'engagement@example.org', messageId: randomUUID() }) as { detail: { bounce: { bounceType: string; bouncedRecipients: Array<{ emailAddress: string }> } } };
    soft.detail.bounce.bounceType = 'Transient';
    expect(await recordEmailEvent(soft)).toEqual({ recorded: 0, repeated: 0, ignored: 1 });
    expect(await suppressionOf(soft.detail.bounce.bouncedRecipients[0]!.emailAddress)).toBeUndefined();
    expect(await thisWeek()).toEqual({ ...before, bounced: before.bounced + 1 });

    await expect(recordEmailEvent({ source: 'aws.ses', 'detail-type': 'Email Bounced', detail: { eventType: 'Bounce' } })).rejects.toThrow();
  });

  it('keeps no address in the suppression items, only a keyed hash, with a deletion date from the declared rule', async () => {
    const address = simulator('complaint');
    await send(address);
    await until(() => suppressionOf(address));
    // The whole (own) table, read directly: no item of the suppression list holds the address.
    const { Items = [] } = await dynamo().send(new ScanCommand({ TableName: config().tableName }));
    const suppressionItems = Items.filter((item) => item['pk']?.S?.startsWith(platformKeys.suppressedAddress));
    expect(suppressionItems.length).toBeGreaterThan(0);
    for (const item of suppressionItems) expect(JSON.stringify(item).toLowerCase()).not.toContain('simulator.amazonses.com');
    const [item] = await queryAll({ KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: values({ ':pk': `${platformKeys.suppressedAddress}${addressHash(address)}`, ':sk': 'SUPPRESSED' }) });
    const expiresAt = Number(item!['expiresAt']!.N) * 1000;
    expect(expiresAt - Date.now()).toBeGreaterThan(700 * 86_400_000);
    expect(addressHash(address)).not.toBe(addressHash(address, 'another-key-entirely'));
    expect(retentionRules().map((r) => r.what)).toContain('Email addresses we no longer send email to, because email to them bounced or their owner reported it as spam');
  });

  it('counts by London week, Monday to Sunday', () => {
    expect(weekOf(new Date('2026-12-06T23:30:00Z'))).toBe('2026-11-30'); // Sunday night
    expect(weekOf(new Date('2026-12-07T00:00:00Z'))).toBe('2026-12-07'); // Monday
    expect(weekOf(new Date('2026-06-28T23:30:00Z'))).toBe('2026-06-29'); // Monday 00:30 in London (BST)
  });
});
