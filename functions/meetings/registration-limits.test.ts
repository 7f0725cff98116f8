/**
 * The registration form and API cannot be used to email anyone over and over: per client address per
 * route and per recipient address per day, held in DynamoDB under concurrent requests; over a limit,
 * 429 with Retry-After and a page. Staff routes are not limited. RATE_LIMITS=off turns it off.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestsTo } from '../../test/support/requests.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { app } from './app.js';
import { aMeeting, registrationAnswers, uniqueEmail } from './fixtures.js';

const { post } = requestsTo(app);

beforeAll(() => {
  vi.stubEnv('RATE_LIMITS', 'on');
  vi.stubEnv('RATE_LIMIT_PER_CLIENT', '5/600');
  vi.stubEnv('RATE_LIMIT_PER_RECIPIENT', '3/86400');
  // As CloudFront writes it in AWS; here the test says which client each request is from.
  vi.stubEnv('CLIENT_ADDRESS_HEADER', 'x-test-client');
});
afterAll(() => vi.unstubAllEnvs());

const client = () => `203.0.113.${Math.floor(Math.random() * 250)}-${Math.random().toString(36).slice(2, 8)}`;

describe('rate limits on registering', () => {
  it('lets one client through 5 times in 10 minutes even when 25 requests race, then 429 with a page', async () => {
    const meeting = await aMeeting({ capacity: 100 });
    const from = client();
    const responses = await Promise.all(
      Array.from({ length: 25 }, () => post(`/meetings/${meeting.id}/register`, registrationAnswers(), { 'x-test-client': from })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Sorry, there have been too many attempts');
    // Another client is not held back.
    expect((await post(`/meetings/${meeting.id}/register`, registrationAnswers(), { 'x-test-client': client() })).status).toBe(200);
  });

  it('sends to one address at most 3 times a day, from however many clients', async () => {
    const meeting = await aMeeting({ capacity: 100 });
    const target = uniqueEmail('target');
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post(`/meetings/${meeting.id}/register`, registrationAnswers({ email: target }), { 'x-test-client': client() })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
  });

  it('limits the JSON API the same way', async () => {
    const meeting = await aMeeting({ capacity: 100 });
    const from = client();
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const response = await app.request(`/api/meetings/${meeting.id}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-test-client': from },
          body: JSON.stringify({ name: 'Ann', email: uniqueEmail('api'), places: 1, privacyAccepted: true }),
        });
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('never limits staff', async () => {
    const auth = bearer(await staffToken());
    const from = client();
    const statuses = await Promise.all(Array.from({ length: 12 }, () => app.request('/api/meetings/nope/registrations', { headers: { ...auth, 'x-test-client': from } })));
    expect(statuses.every((r) => r.status !== 429)).toBe(true);
  });

  it('is off with RATE_LIMITS=off (load tests and the benchmark)', async () => {
    vi.stubEnv('RATE_LIMITS', 'off');
    try {
      const meeting = await aMeeting({ capacity: 100 });
      const from = client();
      const responses = await Promise.all(Array.from({ length: 8 }, () => post(`/meetings/${meeting.id}/register`, registrationAnswers(), { 'x-test-client': from })));
      expect(responses.every((r) => r.status === 200)).toBe(true);
    } finally {
      vi.stubEnv('RATE_LIMITS', 'on');
    }
  });
});
