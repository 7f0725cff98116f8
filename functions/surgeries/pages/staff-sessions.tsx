/**
 * Staff routes for the programme's sessions.
 *
 *   GET/POST  /staff/surgeries/sessions/new                      create a session
 *   GET       /staff/surgeries/sessions/{id}                     slots, invitations, bookings
 *   GET/POST  /staff/surgeries/sessions/{id}/edit | cancel | invite;  POST …/publish
 *   GET/POST  /staff/surgeries/sessions/{id}/book                for a council that phones → the booking
 *   POST      /staff/surgeries/sessions/{id}/slots/{slotId}/block | unblock
 *   GET       /staff/surgeries/sessions/{id}/day-sheet(.csv)
 */
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { recordAccess } from '../../core/people/access-record.js';
import { outboxEmails } from '../../core/outbox/outbox.js';
import { csvResponse } from '../../core/ui/csv.js';
import { issuesToErrors, looksLikeId } from '../../core/ui/forms.js';
import * as z from 'zod/mini';
import { bookForCouncil } from '../booking.js';
import { listCouncils } from '../councils.js';
import { daySheet, daySheetRows, peopleOnSheet } from '../day-sheet.js';
import { inviteCouncils, type InvitationChoice } from '../invitations.js';
import { bookableSlots, reasonInput, slotIdSchema, staffBookingInput, type Session } from '../model.js';
import { cancelSession, createSession, editSession, publishSession, readSessionPartition, setSlotBlocked } from '../sessions.js';
import { getBookings } from '../store/bookings.js';
import { getCouncils } from '../store/councils.js';
import { CancelSessionPage } from './cancel.js';
import { DaySheetPage } from './day-sheet.js';
import { InvitePage } from './invite.js';
import { parseDetails, shownAgain } from './parts.js';
import { SessionFormPage, readSessionForm, sessionFormValues } from './session-form.js';
import { StaffSessionPage } from './session-details.js';
import { StaffBookPage } from './staff-book.js';
import { banner, idOf } from './staff-parts.js';

async function sessionOf(c: Context): Promise<Session | undefined> {
  const id = idOf(c);
  return id ? (await readSessionPartition(id)).session : undefined;
}

/** The session page, with who was invited and whether their emails went; `problem` when a change on it was refused. */
async function sessionPage(c: Context<AppEnv>, seen: Session, problem?: Child) {
  const now = new Date();
  const { session = seen, guards, invited } = await readSessionPartition(seen.id);
  const { rows } = await daySheet(session.id, now);
  const [councils, emails, booked] = await Promise.all([
    getCouncils(invited.map((i) => i.councilId)),
    outboxEmails(invited.map((i) => i.emailId)),
    getBookings([...guards.values()].map((g) => g.bookingId), now),
  ]);
  const bookedByCouncil = new Map([...booked.values()].filter((b) => b.status === 'confirmed').map((b) => [b.councilId, b.slotStartsAt]));
  const invitedRows = invited
    .map((i) => ({ ...i, council: councils.get(i.councilId), email: emails.get(i.emailId), bookedAt: bookedByCouncil.get(i.councilId) }))
    .sort((a, b) => (a.council?.name ?? '').localeCompare(b.council?.name ?? ''));
  return <StaffSessionPage session={session} rows={rows} invited={invitedRows} now={now} banner={banner(c)} problem={problem} />;
}

export function staffSessionPages(app: Hono<AppEnv>): void {
  app.get('/staff/surgeries/sessions/new', (c) => c.html(<SessionFormPage values={{}} />));

  formRoute(app, '/staff/surgeries/sessions/new', {
    read: ({ values }) => readSessionForm(values),
    act: (input) => createSession(input),
    done: (session) => `/staff/surgeries/sessions/${session.id}?done=created`,
    again: ({ values, errors }) => <SessionFormPage values={values} errors={errors} />,
  });

  app.get('/staff/surgeries/sessions/:id', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    return c.html(await sessionPage(c, session));
  });

  app.get('/staff/surgeries/sessions/:id/edit', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    return c.html(<SessionFormPage session={session} values={sessionFormValues(session)} />);
  });

  formRoute(app, '/staff/surgeries/sessions/:id/edit', {
    load: sessionOf,
    read: ({ values }) => readSessionForm(values),
    act: (input, session) => editSession(session.id, input),
    done: (session) => `/staff/surgeries/sessions/${session.id}?done=updated`,
    again: (shown) => <SessionFormPage session={shown.context} values={shown.values} {...shownAgain(shown)} />,
  });

  formRoute(app, '/staff/surgeries/sessions/:id/publish', {
    load: sessionOf,
    act: (_, session) => publishSession(session.id),
    done: (session) => `/staff/surgeries/sessions/${session.id}?done=published`,
    again: ({ context: session, problem }, c) => sessionPage(c, session, problem),
  });

  app.get('/staff/surgeries/sessions/:id/cancel', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    if (session.status === 'cancelled') return c.redirect(`/staff/surgeries/sessions/${session.id}`, 303);
    return c.html(<CancelSessionPage session={session} />);
  });

  formRoute(app, '/staff/surgeries/sessions/:id/cancel', {
    load: sessionOf,
    read: ({ values }) => {
      const parsed = z.safeParse(reasonInput, { reason: values['reason'] ?? '' });
      return parsed.success ? { input: parsed.data.reason } : { errors: issuesToErrors(parsed.error.issues) };
    },
    act: (reason, session) => cancelSession(session.id, reason),
    done: (_, session) => `/staff/surgeries/sessions/${session.id}?done=cancelled`,
    // A refusal (changed meanwhile) is said on the session page, as it is now.
    again: async ({ context: session, values, errors, refusal }, c) =>
      refusal ? sessionPage(c, (await sessionOf(c)) ?? session, refusal.message) : <CancelSessionPage session={session} values={values} errors={errors} />,
  });

  app.get('/staff/surgeries/sessions/:id/invite', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    return c.html(<InvitePage session={session} councils={await listCouncils({ districtCode: session.districtCode })} />);
  });

  formRoute(app, '/staff/surgeries/sessions/:id/invite', {
    load: sessionOf,
    read: ({ values, chosen }): { input: InvitationChoice } | { errors: Record<string, string> } => {
      const councilIds = chosen('councilIds');
      if (values['scope'] === 'district') return { input: { scope: 'district' } };
      if (values['scope'] !== 'chosen') return { errors: { scope: 'Choose who to invite' } };
      if (!councilIds.length || councilIds.some((id) => !looksLikeId(id))) return { errors: { councilIds: 'Choose at least one council to invite' } };
      return { input: { scope: 'chosen', councilIds } };
    },
    act: (choice, session, by) => inviteCouncils(session.id, choice, by.name),
    done: (_, session) => `/staff/surgeries/sessions/${session.id}?done=invited`,
    again: async (shown) => {
      const councils = await listCouncils({ districtCode: shown.context.districtCode });
      return <InvitePage session={shown.context} councils={councils} values={shown.values} chosen={shown.chosen('councilIds')} {...shownAgain(shown)} />;
    },
  });

  /** The councils of the session's district that can book, and its slots free now. */
  const bookingChoices = async (session: Session) => {
    const [councils, { slots }] = await Promise.all([listCouncils({ districtCode: session.districtCode }), readSessionPartition(session.id)]);
    return { councils, free: bookableSlots(slots, new Date()) };
  };

  app.get('/staff/surgeries/sessions/:id/book', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    return c.html(<StaffBookPage session={session} {...await bookingChoices(session)} />);
  });

  formRoute(app, '/staff/surgeries/sessions/:id/book', {
    load: sessionOf,
    read: ({ values, chosen }) => {
      const { input, errors } = parseDetails(staffBookingInput, { values, themes: chosen('themes') }, { slotId: values['slotId'] ?? '', councilId: values['councilId'] ?? '' });
      if (input) return { input };
      if (errors['slotId']) errors['slotId'] = 'Choose a time';
      if (errors['councilId']) errors['councilId'] = 'Choose the council';
      return { errors };
    },
    act: (input, session) => bookForCouncil(session.id, input),
    done: (booking) => `/staff/surgeries/bookings/${booking.id}?done=booked`,
    again: async (shown) => <StaffBookPage session={shown.context} {...await bookingChoices(shown.context)} values={shown.values} themes={shown.chosen('themes')} {...shownAgain(shown)} />,
  });

  for (const [action, blocked] of [['block', true], ['unblock', false]] as const) {
    formRoute(app, `/staff/surgeries/sessions/:id/slots/:slotId/${action}`, {
      load: async (c) => {
        const slotId = c.req.param('slotId') ?? '';
        const session = z.safeParse(slotIdSchema, slotId).success ? await sessionOf(c) : undefined;
        return session ? { session, slotId } : undefined;
      },
      act: (_, { session, slotId }) => setSlotBlocked(session.id, slotId, blocked),
      done: (_, { session }) => `/staff/surgeries/sessions/${session.id}?done=${action}ed`,
      again: ({ context, problem }, c) => sessionPage(c, context.session, problem),
    });
  }

  app.get('/staff/surgeries/sessions/:id/day-sheet', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    const sheet = await daySheet(session.id);
    await recordAccess(c, { what: `Day sheet for the surgery at ${session.venueName} on ${session.date}`, people: peopleOnSheet(sheet.rows) });
    return c.html(<DaySheetPage {...sheet} />);
  });

  app.get('/staff/surgeries/sessions/:id/day-sheet.csv', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    const { rows } = await daySheet(session.id);
    await recordAccess(c, { what: `Day sheet for the surgery at ${session.venueName} on ${session.date} (CSV)`, people: peopleOnSheet(rows) });
    return csvResponse(c, `day-sheet-${session.date}-${session.id}.csv`, daySheetRows(rows));
  });
}
