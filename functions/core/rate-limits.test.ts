/**
 * Rate limits against DynamoDB Local, under real concurrency: a window's count holds however many
 * requests race for it (one conditional update each, across any number of Lambda instances), a new
 * window starts again, and counters name no address.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { config } from './config.js';
import { mailbox } from './mailbox.js';
import { hashed, limitEmailsTo, take, TooManyRequests } from './rate-limits.js';
import { dynamo } from './store/dynamo.js';

const outcomes = (results: PromiseSettledResult<void>[]) => ({
  allowed: results.filter((r) => r.status === 'fulfilled').length,
  refused: results.filter((r) => r.status === 'rejected' && r.reason instanceof TooManyRequests).length,
});

describe('a rate limit', () => {
  it('lets exactly its count through when 60 requests race, and tells the rest when to come back', async () => {
    const key = `test#${randomUUID()}`;
    const now = new Date('2030-05-05T10:03:20Z');
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => take(key, { count: 7, perSeconds: 600 }, now)));
    expect(outcomes(results)).toEqual({ allowed: 7, refused: 53 });
    const refusal = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as TooManyRequests;
    // The 10-minute window began at 10:00:00, so it ends at 10:10:00: 400 seconds after 10:03:20.
    expect(refusal.retryAfterSeconds).toBe(400);
  });

  it('starts again in the next window', async () => {
    const key = `test#${randomUUID()}`;
    const limit = { count: 2, perSeconds: 60 };
    await take(key, limit, new Date('2030-05-05T10:00:01Z'));
    await take(key, limit, new Date('2030-05-05T10:00:30Z'));
    await expect(take(key, limit, new Date('2030-05-05T10:00:59Z'))).rejects.toBeInstanceOf(TooManyRequests);
    await expect(take(key, limit, new Date('2030-05-05T10:01:00Z'))).resolves.toBeUndefined();
  });

  it('stores hashed keys with an expiry, never the address', async () => {
    const address = `${randomUUID()}@example.org`;
    const key = `recipient#${hashed(address)}`;
    const now = new Date();
    await take(key, { count: 5, perSeconds: 86_400 }, now);
    const window = Math.floor(now.getTime() / 86_400_000);
    const { Items } = await dynamo().send(
      new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `RATE#${key}#${window}` } } }),
    );
    expect(Items).toHaveLength(1);
    expect(JSON.stringify(Items)).not.toContain(address);
    expect(Number(Items![0]!['expiresAt']!.N)).toBeGreaterThan(now.getTime() / 1000);
    expect(hashed(address)).not.toBe(hashed(address, 'another deployment'));
  });
});

describe('the per-recipient email limit', () => {
  const saved = { RATE_LIMITS: process.env['RATE_LIMITS'], RATE_LIMIT_PER_RECIPIENT: process.env['RATE_LIMIT_PER_RECIPIENT'] };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('counts one mailbox once, however its address is written: case, spaces and +tags', async () => {
    Object.assign(process.env, { RATE_LIMITS: 'on', RATE_LIMIT_PER_RECIPIENT: '3/86400' });
    const name = `person-${randomUUID().slice(0, 8)}`;
    await limitEmailsTo(`${name}+1@example.org`);
    await limitEmailsTo(` ${name.toUpperCase()}+2@Example.ORG `);
    await limitEmailsTo(`${name}@example.org`);
    await expect(limitEmailsTo(`${name}+news@example.org`)).rejects.toBeInstanceOf(TooManyRequests);
    // Another mailbox at the same domain is counted on its own.
    await expect(limitEmailsTo(`${name}-other+1@example.org`)).resolves.toBeUndefined();
  });

  it('normalises the address only for counting', () => {
    expect(mailbox(' Jo.Bloggs+Precept@Example.ORG ')).toBe('jo.bloggs@example.org');
    expect(mailbox('jo+a+b@example.org')).toBe('jo@example.org');
    expect(mailbox('+news@example.org')).toBe('+news@example.org');
    expect(mailbox('jo.bloggs@example.org')).toBe('jo.bloggs@example.org');
    expect(mailbox('Jo@Host+Name.example')).toBe('jo@host+name.example');
  });
});
