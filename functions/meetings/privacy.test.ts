/**
 * Nobody can use the registration form or API to learn whether an address is registered for a meeting
 * (for a meeting about, say, domestic abuse, that is a disclosure). For a new address and a known one,
 * on open, full and closed meetings, the whole answer is compared: status, headers, body (with the two
 * addresses, of the same length, swapped) and how long it takes, to within the same timing class.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requestsTo } from '../../test/support/requests.js';
import { app } from './app.js';
import { aMeeting, allDecided, registrationAnswers } from './fixtures.js';
import type { Meeting } from './model.js';

const { post } = requestsTo(app);

/** Two addresses of the same length, so nothing differs in the answer but the address itself. */
const pair = () => [`known-${randomBytes(4).toString('hex')}@example.org`, `fresh-${randomBytes(4).toString('hex')}@example.org`] as const;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
}

/** Everything a client can see of an answer, with the address it was about replaced by a placeholder. */
async function answer(send: () => Response | Promise<Response>, email: string): Promise<Answer> {
  const started = performance.now();
  const response = await send();
  const body = (await response.text()).replaceAll(email, '<address>').replace(/name="submission" value="[^"]*"/g, '');
  const ms = performance.now() - started;
  const headers = Object.fromEntries([...response.headers.entries()].filter(([name]) => !['date', 'content-length'].includes(name)));
  return { status: response.status, headers, body, ms };
}

const viaApi = (meeting: Meeting, email: string) =>
  answer(
    () =>
      app.request(`/api/meetings/${meeting.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Sam Smith', email, places: 1, privacyAccepted: true }),
      }),
    email,
  );
const viaPage = (meeting: Meeting, email: string) =>
  answer(() => post(`/meetings/${meeting.id}/register`, registrationAnswers({ name: 'Sam Smith', email, places: '1' })), email);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Registers `known` first (the situation an attacker probes), then compares answers for it and a fresh address. */
async function compare(meeting: Meeting, via: (meeting: Meeting, email: string) => Promise<Answer>, prepare?: () => Promise<void>) {
  const [known, fresh] = pair();
  await via(meeting, known);
  await prepare?.();
  const knownAnswer = await via(meeting, known);
  const freshAnswer = await via(meeting, fresh);
  expect({ ...knownAnswer, ms: 0 }).toEqual({ ...freshAnswer, ms: 0 });
  return { knownAnswer, freshAnswer };
}

describe.each([
  ['the API', viaApi],
  ['the registration page', viaPage],
] as const)('through %s', (_name, via) => {
  it('answers a known address exactly as a new one on an open meeting', async () => {
    const { knownAnswer } = await compare(await aMeeting({ capacity: 50 }), via);
    expect(knownAnswer.status).toBe(via === viaApi ? 202 : 200);
  });

  it('answers a known address exactly as a new one on a full meeting with a waiting list', async () => {
    const meeting = await aMeeting({ capacity: 1, maxPlacesPerRegistration: 1 });
    const { knownAnswer } = await compare(meeting, via);
    expect(knownAnswer.status).toBe(via === viaApi ? 202 : 200);
  });

  it('refuses a known address exactly as a new one on a full meeting without a waiting list', async () => {
    const meeting = await aMeeting({ capacity: 1, maxPlacesPerRegistration: 1, waitingList: false });
    // Full once the decider has given the first registration the one place: on a busy machine that is not at once.
    const { knownAnswer } = await compare(meeting, via, () => allDecided(meeting.id));
    expect(knownAnswer.status).toBe(409);
    expect(knownAnswer.body).toContain('This meeting is full');
  });

  it('refuses a known address exactly as a new one once registration has closed', async () => {
    const now = Date.now();
    const meeting = await aMeeting({ registrationClosesAt: new Date(now + 4_000).toISOString() });
    const { knownAnswer } = await compare(meeting, via, () => new Promise((resolve) => setTimeout(resolve, Math.max(0, now + 4_500 - Date.now()))));
    expect(knownAnswer.status).toBe(409);
    expect(knownAnswer.body).toContain('Registration for this meeting has closed');
  });
});

describe('timing', () => {
  it('puts a known and a new address in the same timing class (medians within a factor of 3)', async () => {
    const meeting = await aMeeting({ capacity: 200 });
    const known: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < 9; i++) {
      const [k, f] = pair();
      await viaApi(meeting, k);
      known.push((await viaApi(meeting, k)).ms);
      fresh.push((await viaApi(meeting, f)).ms);
    }
    const ratio = median(known) / median(fresh);
    expect(ratio, `known ${median(known).toFixed(1)} ms, new ${median(fresh).toFixed(1)} ms`).toBeLessThan(3);
    expect(ratio).toBeGreaterThan(1 / 3);
  });
});
