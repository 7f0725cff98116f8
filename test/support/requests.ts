/**
 * Requests to one app as a browser sends them: pages, and form posts from our own pages (same-origin
 * `Origin`, urlencoded), with helpers to follow what comes back.
 *
 *   const { get, post } = requestsTo(app);
 *   const response = await post('/meetings/1/register', { name: 'Ann', ... });
 */
import type { Hono } from 'hono';

export const ORIGIN = 'http://localhost:3000';

export function requestsTo(app: Pick<Hono<any>, 'request'>) {
  return {
    get: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers }),
    /** A form post from one of our own pages. */
    post: (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      }),
  };
}

/** The path a 303 sends the browser to. */
export function redirectPath(response: Response): string {
  const location = response.headers.get('location') ?? '';
  return location.replace(/^https?:\/\/[^/]+/, '');
}

/** Cookies a response sets, as a Cookie header would send them back. */
export function cookiesFrom(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}
