/**
 * How long registering takes does not tell a known address from a new one. The two paths do different
 * work (a new address is saved and its place decided; a known one has its details sent again), so
 * without a common floor their times formed two classes (median 31 against 43 ms). Here both classes,
 * through the form and the API, interleaved, must answer no sooner than the floor, with overlapping
 * interquartile ranges and medians close together.
 */
import { describe, expect, it } from 'vitest';
import { requestsTo } from '../../test/support/requests.js';
import { app } from './app.js';
import { aMeeting, exampleResident, register, registrationAnswers, uniqueEmail } from './fixtures.js';
import { REGISTRATION_ANSWER_FLOOR_MS } from './registering.js';

const { post } = requestsTo(app);
const ROUNDS = 16;

/** The value at quantile q of the sorted values (linear interpolation). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = sorted[Math.floor(at)]!;
  return below + (sorted[Math.ceil(at)]! - below) * (at - Math.floor(at));
}

const summary = (values: number[]) => ({ q1: quantile(values, 0.25), median: quantile(values, 0.5), q3: quantile(values, 0.75), min: Math.min(...values) });

async function timed(answer: () => Response | Promise<Response>, expected: number): Promise<number> {
  const startedAt = performance.now();
  const response = await answer();
  await response.text();
  const ms = performance.now() - startedAt;
  expect(response.status).toBe(expected);
  return ms;
}

describe('registration timing', () => {
  it('answers a known address and a new one after the same time, through the form and the API', async () => {
    const meeting = await aMeeting({ capacity: 500 });
    const known = Array.from({ length: ROUNDS }, () => uniqueEmail('known'));
    for (const email of known) await register(meeting.id, exampleResident({ email }));

    const viaForm = (email: string) => () => post(`/meetings/${meeting.id}/register`, registrationAnswers({ email }));
    const viaApi = (email: string) => () =>
      app.request(`/api/meetings/${meeting.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ann Example', email, places: 1, privacyAccepted: true }),
      });
    const times = { new: [] as number[], known: [] as number[] };
    // Interleaved, in a random order each round, so load on the box falls on both classes alike.
    for (const email of known) {
      const round = [
        async () => times.new.push(await timed(viaForm(uniqueEmail('new')), 200)),
        async () => times.known.push(await timed(viaForm(email), 200)),
        async () => times.new.push(await timed(viaApi(uniqueEmail('new')), 202)),
        async () => times.known.push(await timed(viaApi(email), 202)),
      ].sort(() => Math.random() - 0.5);
      for (const request of round) await request();
    }

    const fresh = summary(times.new);
    const again = summary(times.known);
    const figures = `new ${JSON.stringify(fresh)}, known ${JSON.stringify(again)}`;
    expect(fresh.min, figures).toBeGreaterThanOrEqual(REGISTRATION_ANSWER_FLOOR_MS);
    expect(again.min, figures).toBeGreaterThanOrEqual(REGISTRATION_ANSWER_FLOOR_MS);
    // The interquartile ranges overlap...
    expect(fresh.q1 <= again.q3 && again.q1 <= fresh.q3, figures).toBe(true);
    // ...and the medians are within a few milliseconds of each other (the paths alone differ by tens).
    expect(Math.abs(fresh.median - again.median), figures).toBeLessThan(10);
  }, 120_000);
});
