/**
 * One submission, one change, against DynamoDB Local: a form posted twice (one after the other, or at
 * once) writes one record and both posts are answered with the same redirect; an API call retried
 * with its Idempotency-Key writes once and is answered with the same JSON; the same key for a
 * different request is refused; bookkeeping transactions do not take the key; a form shown again
 * with its errors keeps its key, because nothing was saved.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { requestsTo } from '../../test/support/requests.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { ApiRoutes } from './http/api.js';
import { createApp } from './http/app.js';
import { queryAll } from './store/reads.js';
import { transactWrite } from './store/transactions.js';
import { put } from './store/writes.js';
import { readForm } from './ui/forms.js';
import { PostForm, submissionFor } from './ui/post-form.js';

/** A record per change, all under one partition per test, so a test counts what it made. */
const record = (pk: string, what: string) => ({ name: 'record', write: put({ pk, sk: `R#${randomUUID()}`, what }) });
const recordsIn = async (pk: string) => queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } } });

function exampleApp(pk: string) {
  const app = createApp();
  app.post('/things/new', async (c) => {
    const form = await readForm(c);
    if (!form['what']) return c.html(<PostForm action="/things/new" values={form}>missing</PostForm>, 400);
    // Bookkeeping first (it must not take the key), then the change itself.
    await transactWrite([{ name: 'tally', write: put({ pk: `${pk}#tally`, sk: randomUUID() }) }], { claims: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await transactWrite([record(pk, form['what'])]);
    return c.redirect(`/things/${encodeURIComponent(form['what'])}?done=made`, 303);
  });
  const api = new ApiRoutes(app);
  api.add(
    { method: 'post', path: '/api/things', operationId: 'makeThing', summary: 'Make', role: 'staff', body: z.object({ what: z.string() }), responses: { 201: { description: 'made' } } },
    async (c, { body }) => {
      const id = randomUUID();
      await transactWrite([{ name: 'record', write: put({ pk, sk: `R#${id}`, what: body.what }) }]);
      return c.json({ id, what: body.what }, 201);
    },
  );
  return app;
}

describe('a form sent twice', () => {
  it('acts once when posted again after the first answered, and answers with the same redirect', async () => {
    const pk = `SUBMIT#${randomUUID()}`;
    const { post } = requestsTo(exampleApp(pk));
    const key = submissionFor();
    const first = await post('/things/new', { submission: key, what: 'a <b>thing</b>' });
    const second = await post('/things/new', { submission: key, what: 'a <b>thing</b>' });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await recordsIn(pk)).toHaveLength(1);
  });

  it('acts once when five copies arrive at once (a double click on a slow connection)', async () => {
    const pk = `SUBMIT#${randomUUID()}`;
    const { post } = requestsTo(exampleApp(pk));
    const key = submissionFor();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/things/new', { submission: key, what: 'once' })));
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303, 303, 303]);
    expect(new Set(answers.map((a) => a.headers.get('location')))).toEqual(new Set(['/things/once?done=made']));
    expect(await recordsIn(pk)).toHaveLength(1);
  });

  it('acts each time for different keys, and for forms without one', async () => {
    const pk = `SUBMIT#${randomUUID()}`;
    const { post } = requestsTo(exampleApp(pk));
    await post('/things/new', { submission: submissionFor(), what: 'one' });
    await post('/things/new', { submission: submissionFor(), what: 'two' });
    await post('/things/new', { what: 'three' });
    expect(await recordsIn(pk)).toHaveLength(3);
  });

  it('keeps the key on a form shown again with its errors, and the corrected form then acts once', async () => {
    const pk = `SUBMIT#${randomUUID()}`;
    const { post } = requestsTo(exampleApp(pk));
    const key = submissionFor();
    const refused = await post('/things/new', { submission: key, what: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(`name="submission" value="${key}"`);
    expect((await post('/things/new', { submission: key, what: 'fixed' })).status).toBe(303);
    expect((await post('/things/new', { submission: key, what: 'fixed' })).status).toBe(303);
    expect(await recordsIn(pk)).toHaveLength(1);
  });

  it('answers a repeat of a form answered with a page in place (not a redirect) with that same page', async () => {
    const pk = `SUBMIT#${randomUUID()}`;
    const app = createApp();
    app.post('/things/sent', async (c) => {
      const form = await readForm(c);
      await transactWrite([record(pk, form['what']!)]);
      return c.html(<p>Sent {form['what']} at {randomUUID()}</p>);
    });
    const { post } = requestsTo(app);
    const key = submissionFor();
    const [one, two] = await Promise.all([post('/things/sent', { submission: key, what: 'a <b>thing</b>' }), post('/things/sent', { submission: key, what: 'a <b>thing</b>' })]);
    const three = await post('/things/sent', { submission: key, what: 'a <b>thing</b>' });
    expect([one.status, two.status, three.status]).toEqual([200, 200, 200]);
    const pages = await Promise.all([one, two, three].map((r) => r.text()));
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain('Sent a &lt;b&gt;thing&lt;/b&gt;');
    expect(three.headers.get('cache-control')).toBe('no-store');
    expect(await recordsIn(pk)).toHaveLength(1);
  });

  it('gives each new form its own key', () => {
    expect(submissionFor()).not.toBe(submissionFor());
    expect(submissionFor({ submission: 'not a key!' })).toMatch(/^[A-Za-z0-9_-]{16,100}$/);
  });
});

describe('an API call retried with its Idempotency-Key', () => {
  const call = (app: ReturnType<typeof exampleApp>, key: string | undefined, what: string, token: string) =>
    app.request('/api/things', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify({ what }),
    });

  it('writes once and answers every copy with the first answer', async () => {
    const pk = `SUBMIT#${randomUUID()}`;
    const app = exampleApp(pk);
    const token = await staffToken();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 4 }, () => call(app, key, 'thing', token)));
    const later = await call(app, key, 'thing', token);
    const bodies = await Promise.all([...answers, later].map((a) => a.json()));
    expect([...answers, later].map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(bodies.map((b) => (b as { id: string }).id)).size).toBe(1);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect(await recordsIn(pk)).toHaveLength(1);
  });

  it('refuses the same key for a different request with 422, and a malformed key with 400 naming the header', async () => {
    const pk = `SUBMIT#${randomUUID()}`;
    const app = exampleApp(pk);
    const token = await staffToken();
    const key = randomUUID();
    expect((await call(app, key, 'first', token)).status).toBe(201);
    const reused = await call(app, key, 'second', token);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    const malformed = await call(app, 'short', 'x', token);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('headers.idempotency-key');
    expect(await recordsIn(pk)).toHaveLength(1);
  });

  it('acts for every call without a key', async () => {
    const pk = `SUBMIT#${randomUUID()}`;
    const app = exampleApp(pk);
    const token = await staffToken();
    await call(app, undefined, 'a', token);
    await call(app, undefined, 'a', token);
    expect(await recordsIn(pk)).toHaveLength(2);
  });
});
