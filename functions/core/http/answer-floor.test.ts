/**
 * Answers that must not tell by their timing what is stored come no sooner than their floor, whatever
 * the route did: answered at once, refused, failed with a validation error, or threw. Work that takes
 * longer than the floor is not held back further.
 */
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { sleep } from '../pool.js';
import { Refusal } from '../refusal.js';
import { answerNoSoonerThan, noSoonerThan } from './answer-floor.js';
import { ApiRoutes } from './api.js';
import { createApp } from './app.js';

const FLOOR = 200;

function exampleApp() {
  const app = createApp();
  app.post('/quick', answerNoSoonerThan(FLOOR), (c) => c.text('done'));
  app.post('/refused', answerNoSoonerThan(FLOOR), () => {
    throw new Refusal('meeting_full', 'This meeting is full');
  });
  app.post('/slow', answerNoSoonerThan(FLOOR), async (c) => {
    await sleep(FLOOR + 150);
    return c.text('done');
  });
  new ApiRoutes(app).add(
    { method: 'post', path: '/api/things', operationId: 'makeThing', summary: 'Make', answerFloorMs: FLOOR, body: z.object({ name: z.string() }), responses: { 202: { description: 'ok' } } },
    (c) => c.json({ ok: true }, 202),
  );
  return app as unknown as Hono;
}

const app = exampleApp();

async function timed(path: string, init: RequestInit = { method: 'POST' }) {
  const startedAt = performance.now();
  const response = await app.request(path, init);
  await response.text();
  return { status: response.status, ms: performance.now() - startedAt };
}

const json = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('answering no sooner than a floor', () => {
  it('holds a quick answer, a refusal and an API answer (or its 400) until the floor', async () => {
    const answers = await Promise.all([timed('/quick'), timed('/refused'), timed('/api/things', json('{"name":"a"}')), timed('/api/things', json('{}'))]);
    expect(answers.map((a) => a.status)).toEqual([200, 409, 202, 400]);
    for (const answer of answers) expect(answer.ms).toBeGreaterThanOrEqual(FLOOR);
  });

  it('adds nothing to work that took longer than the floor', async () => {
    const answer = await timed('/slow');
    expect(answer.status).toBe(200);
    // The work alone took FLOOR + 150; a second floor on top would make it FLOOR * 2 + 150.
    expect(answer.ms).toBeGreaterThanOrEqual(FLOOR + 150);
    expect(answer.ms).toBeLessThan(FLOOR * 2 + 150);
  });

  it('settles a function call no sooner than the floor, passing on its result or its error', async () => {
    let startedAt = performance.now();
    await expect(noSoonerThan(FLOOR, async () => 'value')).resolves.toBe('value');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(FLOOR);
    startedAt = performance.now();
    await expect(noSoonerThan(FLOOR, async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(FLOOR);
  });
});
