/**
 * The public surgeries pages: find a surgery in your district, choose a slot, choose your council and
 * say who is coming; we email your council's clerk, at the address we have, a link to confirm it, and
 * nothing is booked until the clerk does. No personal data is shown, and nothing says which councils
 * have booked. Every page works without JavaScript. (The pages reached by an emailed link are in
 * manage.tsx.)
 *
 *   GET       /surgeries?district=E07000129          upcoming published sessions by district, with free slots
 *   GET       /surgeries/sessions/{id}               the session and its free slots
 *   GET/POST  /surgeries/sessions/{id}/book?slotId=  your council and who is coming → "we have asked your clerk"
 */
import type { Context, Hono } from 'hono';
import { councilAreaCode } from '../../core/council-areas.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { looksLikeId } from '../../core/ui/forms.js';
import * as z from 'zod/mini';
import { listCouncils } from '../councils.js';
import { bookableSlots as freeNow, publicBookingInput, slotIdSchema, type Session, type Slot } from '../model.js';
import { requestSlot } from '../requests.js';
import { readSessionPartition, upcomingSessions } from '../sessions.js';
import { parseDetails, shownAgain } from './parts.js';
import { BookPage, RequestSentPage } from './request.js';
import { SessionListPage } from './session-list.js';
import { SessionPage } from './session.js';

/** A published session and its slots, or nothing (unknown and draft sessions are not public). */
async function publicSession(c: Context): Promise<{ session: Session; slots: Slot[] } | undefined> {
  const id = c.req.param('id') ?? '';
  if (!looksLikeId(id)) return undefined;
  const { session, slots } = await readSessionPartition(id);
  return session && session.status !== 'draft' ? { session, slots } : undefined;
}

const districtQuery = (value: string | undefined) => {
  const parsed = z.safeParse(councilAreaCode, value);
  return parsed.success ? parsed.data : undefined;
};

/**
 * The chosen slot, if it is one of the session's; with `now`, only while it is free. When the form is
 * sent, the request itself decides (it refuses a slot taken meanwhile, naming it).
 */
function chosenSlot(found: { slots: Slot[] }, slotId: string | undefined, now?: Date): { slot: Slot; error?: undefined } | { slot?: undefined; error: string } {
  if (!slotId) return { error: 'Choose a time for your council' };
  if (!z.safeParse(slotIdSchema, slotId).success) return { error: 'Choose a time from the list' };
  const slot = found.slots.find((s) => s.id === slotId);
  if (!slot) return { error: 'Choose a time from the list' };
  if (now && !freeNow([slot], now).length) return { error: 'That time has just been taken or has passed: choose another' };
  return { slot };
}

export function publicPages(app: Hono<AppEnv>): void {
  app.get('/surgeries', async (c) => {
    const district = districtQuery(c.req.query('district'));
    const now = new Date();
    const sessions = (await upcomingSessions({ now, ...(district ? { districtCode: district } : {}) })).filter((s) => s.status !== 'draft');
    const withFree = await Promise.all(sessions.map(async (session) => ({ session, free: freeNow((await readSessionPartition(session.id)).slots, now).length })));
    return c.html(<SessionListPage sessions={withFree} district={district} />);
  });

  app.get('/surgeries/sessions/:id', async (c) => {
    const found = await publicSession(c);
    if (!found) return handleNotFound(c);
    return c.html(<SessionPage {...found} now={new Date()} />);
  });

  app.get('/surgeries/sessions/:id/book', async (c) => {
    const found = await publicSession(c);
    if (!found || found.session.status !== 'published') return handleNotFound(c);
    const now = new Date();
    const chosen = chosenSlot(found, c.req.query('slotId'), now);
    if (!chosen.slot) return c.html(<SessionPage {...found} now={now} values={{ slotId: c.req.query('slotId') }} errors={{ slotId: chosen.error }} />, 400);
    const councils = await listCouncils({ districtCode: found.session.districtCode });
    return c.html(<BookPage session={found.session} slot={chosen.slot} councils={councils} values={{}} themes={[]} />);
  });

  formRoute(app, '/surgeries/sessions/:id/book', {
    rateLimited: true,
    load: async (c) => {
      const found = await publicSession(c);
      return found?.session.status === 'published' ? found : undefined;
    },
    read: ({ values, chosen }, found) => {
      const slot = chosenSlot(found, values['slotId']);
      if (!slot.slot) return { errors: { slotId: slot.error } };
      const { input, errors } = parseDetails(publicBookingInput, { values, themes: chosen('themes') }, { slotId: slot.slot.id, councilId: values['councilId'] ?? '' });
      if (input) return { input };
      if (errors['councilId'] || !values['councilId']) errors['councilId'] = 'Choose your council';
      return { errors };
    },
    act: ({ slotId, councilId, ...details }, found) => requestSlot({ sessionId: found.session.id, slotId, councilId, details }),
    // Answered in place rather than redirected: the page names the address typed, which must not go in a URL.
    done: (request, _found, _input, c) => {
      c.header('Cache-Control', 'no-store');
      return c.html(<RequestSentPage request={request} />);
    },
    again: async (shown) => {
      const found = shown.context;
      const slot = chosenSlot(found, shown.values['slotId']).slot;
      if (!slot) return <SessionPage {...found} now={new Date()} values={{}} errors={shown.errors ?? {}} />;
      const councils = await listCouncils({ districtCode: found.session.districtCode });
      return <BookPage session={found.session} slot={slot} councils={councils} values={shown.values} themes={shown.chosen('themes')} {...shownAgain(shown)} />;
    },
  });
}
