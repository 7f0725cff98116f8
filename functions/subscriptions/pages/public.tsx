/**
 * Subscriptions' public routes:
 *
 *   GET  /email-updates                 the form
 *   POST /email-updates                 asks for a confirmation email; answered in place, the same for any address
 *   GET  /email-updates/confirm/{token} the emailed link: a button to confirm (GET changes nothing: mail scanners follow links)
 *   POST /email-updates/confirm/{token} confirms, once → /email-updates/confirmed
 *   GET  /unsubscribe/{token}           a page with a button, for people
 *   POST /unsubscribe/{token}           RFC 8058 one-click: unsubscribes at once (no cookies, no Origin of ours)
 *
 * Pages under a link are never cached nor sent as a referrer, and a wrong link gets one plain page.
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { looksLikeToken } from '../../core/manage-links.js';
import { readSubscribeForm } from '../model.js';
import { confirm, confirmLink, subscribe, SUBSCRIBE_ANSWER_FLOOR_MS, unsubscribe, unsubscribeLink, waitingRequest } from '../subscribing.js';
import { CheckYourEmailPage, ConfirmedPage, ConfirmPage, InvalidLinkPage, SubscribePage, UnsubscribedPage, UnsubscribePage } from './views.js';

function privateHeaders(c: Context) {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
}

const tokenOf = (c: Context) => {
  const token = c.req.param('token') ?? '';
  return looksLikeToken(token) ? token : undefined;
};

export function publicPages(app: Hono<AppEnv>): void {
  app.use('/email-updates/confirm/*', async (c, next) => {
    await next();
    privateHeaders(c);
  });
  app.use('/unsubscribe/*', async (c, next) => {
    await next();
    privateHeaders(c);
  });

  app.get('/email-updates', (c) => c.html(<SubscribePage />));

  formRoute(app, '/email-updates', {
    // The same answer, after the same time, whether the address is new, waiting or subscribed.
    answerFloorMs: SUBSCRIBE_ANSWER_FLOOR_MS,
    rateLimited: true,
    read: ({ values }) => readSubscribeForm(values),
    act: (input) => subscribe(input),
    // Answered in place: the page names the address, which must not go in a URL.
    done: (_, __, input, c) => {
      c.header('Cache-Control', 'no-store');
      return c.html(<CheckYourEmailPage email={input.email} />);
    },
    again: ({ values, errors }) => <SubscribePage values={values} errors={errors} />,
  });

  app.get('/email-updates/confirmed', (c) => c.html(<ConfirmedPage />));

  const linkOf = async (c: Context) => {
    const token = tokenOf(c);
    const link = token ? await confirmLink(token) : undefined;
    return token && link ? { token, link } : undefined;
  };

  app.get('/email-updates/confirm/:token', async (c) => {
    const found = await linkOf(c);
    if (!found || !(await waitingRequest(found.link))) return c.html(<InvalidLinkPage />, 404);
    return c.html(<ConfirmPage token={found.token} />);
  });

  formRoute(app, '/email-updates/confirm/:token', {
    rateLimited: true,
    load: linkOf,
    act: (_, { link }) => confirm(link),
    done: () => '/email-updates/confirmed',
    // Its refusal (a link replaced by a newer request) is 410, with the page for any link that no longer works.
    again: ({ context, problem, refusal }) => (refusal?.code === 'link_replaced' ? <InvalidLinkPage /> : <ConfirmPage token={context.token} problem={problem} />),
  });

  app.get('/unsubscribe/:token', async (c) => {
    const token = tokenOf(c);
    if (!token || !(await unsubscribeLink(token))) return c.html(<InvalidLinkPage />, 404);
    return c.html(<UnsubscribePage token={token} />);
  });

  // Not a formRoute: RFC 8058's POST carries only `List-Unsubscribe=One-Click`, from a mail provider's
  // servers, and must act at once. The page's own button posts the same (with its submission key).
  app.post('/unsubscribe/:token', async (c) => {
    const token = tokenOf(c);
    const link = token ? await unsubscribeLink(token) : undefined;
    if (!link) return c.html(<InvalidLinkPage />, 404);
    await unsubscribe(link);
    return c.html(<UnsubscribedPage />);
  });
}
