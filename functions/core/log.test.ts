/** Log lines are JSON with Powertools' fields, and no personal data reaches them whatever a caller logs. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, redact, redactText } from './log.js';

const token = 'A'.repeat(20) + 'b-_9'.repeat(5) + 'xyz'; // 43 base64url characters, like a manage-link token

describe('redaction', () => {
  it('masks email addresses and link secrets in text', () => {
    expect(redactText('rejected: Ann.Other+tag@Example.org and bob@sub.example.co.uk')).toBe('rejected: [email] and [email]');
    expect(redactText(`/manage/${token}/cancel`)).toBe('/manage/[secret]/cancel');
    expect(redactText('meeting 0mx5l3t025htfxlqvlx, 8 attempts')).toBe('meeting 0mx5l3t025htfxlqvlx, 8 attempts');
  });

  it('reaches into objects and arrays without changing them', () => {
    const value = { who: ['ann@example.org'], nested: { why: `token ${token}` }, count: 3 };
    expect(redact(value)).toEqual({ who: ['[email]'], nested: { why: 'token [secret]' }, count: 3 });
    expect(value.who[0]).toBe('ann@example.org');
  });
});

describe('the logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON line with no email address in the message, the extra keys or an error', () => {
    logger.setLogLevel('WARN');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    logger.warn('email to ann@example.org not sent', { reason: 'rejected ann@example.org', error: new Error(`Bad address ann@example.org ${token}`) });
    const output = lines.join('');
    expect(output).not.toContain('ann@example.org');
    expect(output).not.toContain(token);
    const line = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ level: 'WARN', message: 'email to [email] not sent', reason: 'rejected [email]' });
    expect(JSON.stringify(line.error)).toContain('Bad address [email] [secret]');
  });
});
