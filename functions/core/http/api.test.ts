import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ApiRoutes } from './api.js';
import { createApp } from './app.js';

function exampleApp() {
  const app = createApp();
  const api = new ApiRoutes(app);
  api.add(
    {
      method: 'post',
      path: '/api/things/:id',
      operationId: 'makeThing',
      summary: 'Make a thing',
      params: z.object({ id: z.string().check(z.regex(/^[a-z]+$/)) }),
      body: z.object({ name: z.string().check(z.minLength(1), z.maxLength(10)), count: z.int().check(z.gte(1)) }),
      responses: { 201: { description: 'Made' } },
    },
    (c, { params, body }) => c.json({ id: params.id, ...body }, 201),
  );
  return app;
}

const post = (path: string, body: string, type = 'application/json') =>
  exampleApp().request(path, { method: 'POST', body, headers: { 'content-type': type } });

describe('API routes', () => {
  it('passes validated input to the handler', async () => {
    const res = await post('/api/things/abc', JSON.stringify({ name: 'Kegworth', count: 2 }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 'abc', name: 'Kegworth', count: 2 });
  });

  it('names every invalid field', async () => {
    const res = await post('/api/things/abc', JSON.stringify({ name: '', count: 0 }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['count', 'name']);
  });

  it('names an invalid path parameter', async () => {
    const res = await post('/api/things/ABC', JSON.stringify({ name: 'a', count: 1 }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields[0].field).toBe('params.id');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await post('/api/things/abc', '{"name": ');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('malformed_json');
  });

  it('rejects a wrong content type with 415', async () => {
    const res = await post('/api/things/abc', 'name=x', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });

  it('rejects a body over 64 KB with 413', async () => {
    const res = await post('/api/things/abc', JSON.stringify({ name: 'x'.repeat(70 * 1024), count: 1 }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const res = await exampleApp().request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('answers an unknown page with the HTML 404 page', async () => {
    const res = await exampleApp().request('/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });
});
