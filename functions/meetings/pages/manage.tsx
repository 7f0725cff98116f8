/**
 * /manage/{token}: the link in every email, so a resident can see, change or cancel their registration
 * without an account. The token is the only key: a wrong or expired one gets the same plain page whether
 * or not a registration exists (for every page and form under it), and these pages are never cached or
 * sent as a referrer. Views in your-registration.tsx.
 *
 *   GET  /manage/{token}            the registration, a cancel button and (if allowed) a places form
 *   GET  /manage/{token}/cancel     "Are you sure?"
 *   POST /manage/{token}/cancel     cancels, then → /manage/{token}/cancelled
 *   POST /manage/{token}/places     changes the number of places, then → /manage/{token}?changed=places
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { looksLikeToken } from '../../core/manage-links.js';
import { issuesToErrors } from '../../core/ui/forms.js';
import * as z from 'zod/mini';
import { wholeNumber } from '../../core/validation.js';
import { cancelRegistration } from '../cancelling.js';
import { changePlaces } from '../changing-places.js';
import { findRegistrationByManageToken } from '../registrations.js';
import { plural } from './meeting-details.js';
import { CancelledPage, changeable, ConfirmCancelPage, InvalidLinkPage, YourRegistrationPage, type Found } from './your-registration.js';

type Link = Found & { token: string };

/** The token in the URL is the key: keep it out of referrers, caches and search engines. */
function privateHeaders(c: Context) {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
}

const placesField = z.object({
  places: wholeNumber({ label: 'the number of places', min: 1, max: 1_000, fromForm: true, minMessage: 'Ask for at least 1 place. To cancel, use the cancel button' }),
});

export function managePages(app: Hono<AppEnv>): void {
  app.use('/manage/*', async (c, next) => {
    await next();
    privateHeaders(c);
  });

  /** What each request's link stands for, found once by the middleware below. */
  const links = new WeakMap<Request, Link>();
  const linkOf = (c: Context) => links.get(c.req.raw)!;

  // Every page and form under a link: the registration it stands for, or the invalid-link page.
  app.use('/manage/:token/*', async (c, next) => {
    const token = c.req.param('token') ?? '';
    const found = looksLikeToken(token) ? await findRegistrationByManageToken(token) : undefined;
    if (!found) return c.html(<InvalidLinkPage />, 404);
    links.set(c.req.raw, { ...found, token });
    return next();
  });

  app.get('/manage/:token', (c) => {
    const link = linkOf(c);
    const banner = c.req.query('changed') === 'places' ? `You now have ${plural(link.registration.places, 'place')}` : undefined;
    return c.html(<YourRegistrationPage {...link} now={new Date()} banner={banner} />);
  });

  app.get('/manage/:token/cancel', (c) => {
    const link = linkOf(c);
    if (!changeable(link, new Date())) return c.redirect(`/manage/${link.token}`, 303);
    return c.html(<ConfirmCancelPage {...link} />);
  });

  formRoute(app, '/manage/:token/cancel', {
    rateLimited: true,
    load: linkOf,
    act: async (_, { meeting, registration }) => {
      // Cancelling again is harmless: it answers as the first did.
      if (registration.status !== 'cancelled') await cancelRegistration(meeting.id, registration.id, 'resident');
    },
    done: (_, { token }) => `/manage/${token}/cancelled`,
    again: ({ context, problem }) => <YourRegistrationPage {...context} now={new Date()} problem={problem} />,
  });

  app.get('/manage/:token/cancelled', (c) => {
    const link = linkOf(c);
    if (link.registration.status !== 'cancelled') return c.redirect(`/manage/${link.token}`, 303);
    return c.html(<CancelledPage {...link} />);
  });

  formRoute(app, '/manage/:token/places', {
    rateLimited: true,
    load: linkOf,
    read: ({ values }, { meeting }) => {
      if (!values['places']?.trim()) return { errors: { places: 'Enter how many places you need' } };
      const parsed = z.safeParse(placesField, { places: values['places'].trim() });
      if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues) };
      const max = meeting.maxPlacesPerRegistration;
      if (parsed.data.places > max) return { errors: { places: `You can ask for up to ${max} places for this meeting` } };
      return { input: parsed.data.places };
    },
    act: (places, { meeting, registration }) => changePlaces(meeting.id, registration.id, places),
    done: (_, { token }) => `/manage/${token}?changed=places`,
    again: ({ context, values, errors, problem }) => <YourRegistrationPage {...context} now={new Date()} values={values} errors={errors} problem={problem} />,
  });
}
