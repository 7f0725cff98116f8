/**
 * Pages reached by a personal link in an email (a manage, confirm or invitation link), where the token
 * in the URL is the only key: kept out of referrers, shared caches and search engines, whatever they
 * answer (the page, a form shown again, "this link is not valid").
 *
 *   app.use('/surgeries/manage/*', personalLinkPages());
 */
import type { MiddlewareHandler } from 'hono';

export function personalLinkPages(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
  };
}
