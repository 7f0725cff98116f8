/**
 * Staff console routes for surgeries. Everything under /staff needs the staff role (createApp guards
 * it); handlers read the form, call the domain and pick a page, and every change redirects
 * (Post/Redirect/Get).
 *
 *   GET       /staff/surgeries                                   the programme
 *   GET/POST  /staff/surgeries/sessions/new                      create a session
 *   GET       /staff/surgeries/sessions/{id}                     slots, invitations, bookings
 *   GET/POST  /staff/surgeries/sessions/{id}/edit | cancel | invite;  POST …/publish
 *   POST      /staff/surgeries/sessions/{id}/slots/{slotId}/block | unblock
 *   GET       /staff/surgeries/sessions/{id}/day-sheet(.csv)
 *   GET       /staff/surgeries/bookings/{id};  POST …/outcome;  GET/POST …/reschedule | cancel
 *   GET       /staff/surgeries/councils(.csv);  GET/POST …/new | import;  POST …/import/confirm
 *   GET/POST  /staff/surgeries/councils/{id} | {id}/retire;  POST …/{id}/reinstate
 *   GET       /staff/surgeries/coverage;  GET /staff/surgeries/themes.csv
 */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { actionsFrom } from '../../core/actions/store.js';
import { councilAreaCode } from '../../core/council-areas.js';
import { handleNotFound } from '../../core/http/app.js';
import { isAdmin, requireRole, type AppEnv } from '../../core/http/auth.js';
import { outboxEmails } from '../../core/outbox/outbox.js';
import { addLondonMonths, londonDay } from '../../core/time.js';
import { readFormList } from '../../core/ui/checkboxes.js';
import { csvResponse } from '../../core/ui/csv.js';
import { readPeriod } from '../../core/ui/date-input.js';
import { attempt, hasErrors, looksLikeId, readForm, refusalOnPage, refusalStatus, type FormValues } from '../../core/ui/forms.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import * as z from 'zod/mini';
import { cancelBooking } from '../cancelling.js';
import { councilRows, importCouncils, previewImport } from '../council-import.js';
import { addCouncil, editCouncil, getCouncil, listCouncils, setCouncilStatus } from '../councils.js';
import { coverage, themesByDistrict, themesCsv } from '../coverage.js';
import { daySheet, daySheetRows } from '../day-sheet.js';
import { inviteCouncils } from '../invitations.js';
import { optionalReasonInput, reasonInput, slotIdSchema, type Session } from '../model.js';
import { recordOutcome } from '../outcomes.js';
import { placesToMoveTo, rescheduleBooking } from '../rescheduling.js';
import { cancelSession, createSession, editSession, pastSessions, publishSession, readSessionPartition, setSlotBlocked, upcomingSessions } from '../sessions.js';
import { bookingsOfCouncil, getBooking, getBookings } from '../store/bookings.js';
import { getCouncils } from '../store/councils.js';
import { readPlace } from './manage.js';
import { issuesToErrors } from '../../core/ui/forms.js';
import { CouncilFormPage, councilFormValues, readCouncilForm, readOutcomeForm, readSessionForm, SessionFormPage, sessionFormValues } from './staff-forms.js';
import {
  CancelBookingPage,
  CancelSessionPage,
  CouncilsPage,
  CoveragePage,
  DaySheetPage,
  ImportPage,
  InvitePage,
  outcomeFormValues,
  ProgrammePage,
  RescheduleBookingPage,
  StaffBookingPage,
  StaffSessionPage,
  type SessionCounts,
} from './staff-pages.js';

/** Banners after a change, chosen by a fixed word in the redirect so no text travels in URLs. */
const DONE: Record<string, string> = {
  created: 'Session created',
  updated: 'Session updated',
  published: 'Session published: councils can book',
  cancelled: 'Session cancelled. Every council booked has been emailed.',
  invited: 'Invitations are being sent',
  blocked: 'Slot blocked',
  unblocked: 'Slot unblocked',
  outcome: 'Outcome saved',
  rescheduled: 'Booking rescheduled. The council has been emailed.',
  'booking-cancelled': 'Booking cancelled. The council has been emailed.',
  'council-added': 'Council added',
  'council-updated': 'Council updated',
  retired: 'Council retired',
  reinstated: 'Council reinstated',
};
const banner = (c: Context) => DONE[c.req.query('done') ?? ''];
const staffName = (c: Context<AppEnv>) => {
  const user = c.get('user');
  return user?.name ?? user?.email ?? user?.id ?? 'Staff';
};

const idOf = (c: Context, name = 'id') => {
  const id = c.req.param(name) ?? '';
  return looksLikeId(id) ? id : undefined;
};

async function sessionOf(c: Context): Promise<Session | undefined> {
  const id = idOf(c);
  return id ? (await readSessionPartition(id)).session : undefined;
}

function counts(slots: Awaited<ReturnType<typeof readSessionPartition>>['slots'], now: Date): SessionCounts {
  const nowIso = now.toISOString();
  return {
    booked: slots.filter((s) => s.bookingId).length,
    blocked: slots.filter((s) => s.blocked).length,
    free: slots.filter((s) => !s.blocked && !s.bookingId && s.startsAt > nowIso).length,
  };
}

export function staffPages(app: Hono<AppEnv>): void {
  app.get('/staff/surgeries', async (c) => {
    const now = new Date();
    const [upcoming, past] = await Promise.all([upcomingSessions({ now }), pastSessions({ now })]);
    const withCounts = await Promise.all(upcoming.map(async (session) => ({ session, counts: counts((await readSessionPartition(session.id)).slots, now) })));
    return c.html(<ProgrammePage upcoming={withCounts} past={past} banner={banner(c)} />);
  });

  // Sessions -------------------------------------------------------------------------------------

  app.get('/staff/surgeries/sessions/new', (c) => c.html(<SessionFormPage values={{}} />));

  app.post('/staff/surgeries/sessions/new', async (c) => {
    const form = await readForm(c);
    const { input, errors } = readSessionForm(form);
    if (!input) return c.html(<SessionFormPage values={form} errors={errors} />, 400);
    const session = await createSession(input);
    return c.redirect(`/staff/surgeries/sessions/${session.id}?done=created`, 303);
  });

  const showSession = async (c: Context<AppEnv>, status: ContentfulStatusCode = 200, problem?: string) => {
    const id = idOf(c);
    if (!id) return handleNotFound(c);
    const now = new Date();
    const { session, guards, invited } = await readSessionPartition(id);
    if (!session) return handleNotFound(c);
    const { rows } = await daySheet(id, now);
    const [councils, emails, booked] = await Promise.all([
      getCouncils(invited.map((i) => i.councilId)),
      outboxEmails(invited.map((i) => i.emailId)),
      getBookings([...guards.values()].map((g) => g.bookingId), now),
    ]);
    const bookedByCouncil = new Map([...booked.values()].filter((b) => b.status === 'confirmed').map((b) => [b.councilId, b.slotStartsAt]));
    const invitedRows = invited
      .map((i) => ({ ...i, council: councils.get(i.councilId), email: emails.get(i.emailId), bookedAt: bookedByCouncil.get(i.councilId) }))
      .sort((a, b) => (a.council?.name ?? '').localeCompare(b.council?.name ?? ''));
    return c.html(<StaffSessionPage session={session} rows={rows} invited={invitedRows} now={now} banner={banner(c)} problem={problem} />, status);
  };

  app.get('/staff/surgeries/sessions/:id', (c) => showSession(c));

  app.get('/staff/surgeries/sessions/:id/edit', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    return c.html(<SessionFormPage session={session} values={sessionFormValues(session)} />);
  });

  app.post('/staff/surgeries/sessions/:id/edit', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    const form = await readForm(c);
    const { input, errors } = readSessionForm(form);
    if (!input) return c.html(<SessionFormPage session={session} values={form} errors={errors} />, 400);
    const result = await attempt(() => editSession(session.id, input));
    if ('refusal' in result) return c.html(<SessionFormPage session={session} values={form} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
    return c.redirect(`/staff/surgeries/sessions/${session.id}?done=updated`, 303);
  });

  app.post('/staff/surgeries/sessions/:id/publish', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    const result = await attempt(() => publishSession(session.id));
    if ('refusal' in result) return showSession(c, refusalStatus(result.refusal), result.refusal.message);
    return c.redirect(`/staff/surgeries/sessions/${session.id}?done=published`, 303);
  });

  app.get('/staff/surgeries/sessions/:id/cancel', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    if (session.status === 'cancelled') return c.redirect(`/staff/surgeries/sessions/${session.id}`, 303);
    return c.html(<CancelSessionPage session={session} />);
  });

  app.post('/staff/surgeries/sessions/:id/cancel', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    const form = await readForm(c);
    const parsed = z.safeParse(reasonInput, { reason: form['reason'] ?? '' });
    if (!parsed.success) return c.html(<CancelSessionPage session={session} values={form} errors={issuesToErrors(parsed.error.issues)} />, 400);
    const result = await attempt(() => cancelSession(session.id, parsed.data.reason));
    if ('refusal' in result) return showSession(c, refusalStatus(result.refusal), result.refusal.message);
    return c.redirect(`/staff/surgeries/sessions/${session.id}?done=cancelled`, 303);
  });

  app.get('/staff/surgeries/sessions/:id/invite', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    return c.html(<InvitePage session={session} councils={await listCouncils({ districtCode: session.districtCode })} />);
  });

  app.post('/staff/surgeries/sessions/:id/invite', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    const form = await readForm(c);
    const chosen = await readFormList(c, 'councilIds');
    const councils = await listCouncils({ districtCode: session.districtCode });
    const again = (status: 400 | 404 | 409 | 410, extra: { errors?: Record<string, string | undefined>; problem?: string }) =>
      c.html(<InvitePage session={session} councils={councils} values={form} chosen={chosen} {...extra} />, status);
    if (form['scope'] !== 'district' && form['scope'] !== 'chosen') return again(400, { errors: { scope: 'Choose who to invite' } });
    if (form['scope'] === 'chosen' && (!chosen.length || chosen.some((id) => !looksLikeId(id)))) return again(400, { errors: { councilIds: 'Choose at least one council to invite' } });
    const result = await attempt(() => inviteCouncils(session.id, form['scope'] === 'district' ? { scope: 'district' } : { scope: 'chosen', councilIds: chosen }, staffName(c)));
    if ('refusal' in result) return again(refusalStatus(result.refusal) as 400 | 409, refusalOnPage(result.refusal));
    return c.redirect(`/staff/surgeries/sessions/${session.id}?done=invited`, 303);
  });

  for (const [action, blocked] of [['block', true], ['unblock', false]] as const) {
    app.post(`/staff/surgeries/sessions/:id/slots/:slotId/${action}`, async (c) => {
      const session = await sessionOf(c);
      const slotId = c.req.param('slotId') ?? '';
      if (!session || !z.safeParse(slotIdSchema, slotId).success) return handleNotFound(c);
      const result = await attempt(() => setSlotBlocked(session.id, slotId, blocked));
      if ('refusal' in result) return result.refusal.kind === 'not-found' ? handleNotFound(c) : showSession(c, refusalStatus(result.refusal), result.refusal.message);
      return c.redirect(`/staff/surgeries/sessions/${session.id}?done=${action}ed`, 303);
    });
  }

  app.get('/staff/surgeries/sessions/:id/day-sheet', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    return c.html(<DaySheetPage {...await daySheet(session.id)} />);
  });

  app.get('/staff/surgeries/sessions/:id/day-sheet.csv', async (c) => {
    const session = await sessionOf(c);
    if (!session) return handleNotFound(c);
    const { rows } = await daySheet(session.id);
    return csvResponse(c, `day-sheet-${session.date}-${session.id}.csv`, daySheetRows(rows));
  });

  // Bookings -------------------------------------------------------------------------------------

  const bookingOf = async (c: Context) => {
    const id = idOf(c);
    const booking = id ? await getBooking(id) : undefined;
    const session = booking ? (await readSessionPartition(booking.sessionId)).session : undefined;
    return booking && session ? { booking, session } : undefined;
  };

  const showBooking = async (c: Context<AppEnv>, found: NonNullable<Awaited<ReturnType<typeof bookingOf>>>, status: ContentfulStatusCode = 200, form?: { values: FormValues; themes: string[]; errors?: Record<string, string | undefined>; problem?: string }) => {
    const actions = await actionsFrom('surgeries', found.booking.id);
    const initial = outcomeFormValues(found.booking);
    return c.html(
      <StaffBookingPage {...found} actions={actions} now={new Date()} values={form?.values ?? initial.values} themes={form?.themes ?? initial.themes} errors={form?.errors} problem={form?.problem} banner={banner(c)} />,
      status,
    );
  };

  app.get('/staff/surgeries/bookings/:id', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    return showBooking(c, found);
  });

  app.post('/staff/surgeries/bookings/:id/outcome', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    const form = await readForm(c);
    const themes = await readFormList(c, 'themes');
    const { input, errors } = readOutcomeForm(form, themes);
    if (!input) return showBooking(c, found, 400, { values: form, themes, errors });
    const result = await attempt(() => recordOutcome(found.booking.id, input, staffName(c)));
    if ('refusal' in result) {
      const latest = (await bookingOf(c)) ?? found;
      return showBooking(c, latest, refusalStatus(result.refusal), { ...outcomeFormValues(latest.booking), ...refusalOnPage(result.refusal) });
    }
    return c.redirect(`/staff/surgeries/bookings/${found.booking.id}?done=outcome`, 303);
  });

  app.get('/staff/surgeries/bookings/:id/reschedule', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    return c.html(<RescheduleBookingPage booking={found.booking} places={await placesToMoveTo(found.booking)} />);
  });

  app.post('/staff/surgeries/bookings/:id/reschedule', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    const { place, error } = readPlace(await readForm(c));
    if (!place) return c.html(<RescheduleBookingPage booking={found.booking} places={await placesToMoveTo(found.booking)} errors={{ place: error }} />, 400);
    const result = await attempt(() => rescheduleBooking(found.booking.id, place));
    if ('refusal' in result) {
      const latest = (await bookingOf(c)) ?? found;
      const r = refusalOnPage(result.refusal);
      return c.html(
        <RescheduleBookingPage booking={latest.booking} places={await placesToMoveTo(latest.booking)} {...('errors' in r ? { errors: { place: Object.values(r.errors)[0] } } : r)} />,
        refusalStatus(result.refusal),
      );
    }
    return c.redirect(`/staff/surgeries/bookings/${found.booking.id}?done=rescheduled`, 303);
  });

  app.get('/staff/surgeries/bookings/:id/cancel', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    if (found.booking.status === 'cancelled') return c.redirect(`/staff/surgeries/bookings/${found.booking.id}`, 303);
    return c.html(<CancelBookingPage booking={found.booking} />);
  });

  app.post('/staff/surgeries/bookings/:id/cancel', async (c) => {
    const found = await bookingOf(c);
    if (!found) return handleNotFound(c);
    const form = await readForm(c);
    const parsed = z.safeParse(optionalReasonInput, { reason: form['reason'] });
    if (!parsed.success) return c.html(<CancelBookingPage booking={found.booking} values={form} errors={issuesToErrors(parsed.error.issues)} />, 400);
    const result = await attempt(() => cancelBooking(found.booking.id, { by: 'staff', ...(parsed.data.reason ? { reason: parsed.data.reason } : {}) }));
    if ('refusal' in result) return showBooking(c, found, refusalStatus(result.refusal), { ...outcomeFormValues(found.booking), problem: result.refusal.message });
    return c.redirect(`/staff/surgeries/bookings/${found.booking.id}?done=booking-cancelled`, 303);
  });

  // Councils -------------------------------------------------------------------------------------

  app.get('/staff/surgeries/councils', async (c) => {
    const parsed = z.safeParse(councilAreaCode, c.req.query('district'));
    const district = parsed.success ? parsed.data : undefined;
    const councils = await listCouncils({ includeRetired: true, ...(district ? { districtCode: district } : {}) });
    return c.html(<CouncilsPage councils={councils} district={district} banner={banner(c)} canImport={isAdmin(c)} />);
  });

  app.get('/staff/surgeries/councils.csv', async (c) => csvResponse(c, `councils-${londonDay(new Date())}.csv`, councilRows(await listCouncils({ includeRetired: true }))));

  app.get('/staff/surgeries/councils/new', (c) => c.html(<CouncilFormPage values={{}} />));

  app.post('/staff/surgeries/councils/new', async (c) => {
    const form = await readForm(c);
    const { input, errors } = readCouncilForm(form);
    if (!input) return c.html(<CouncilFormPage values={form} errors={errors} />, 400);
    await addCouncil(input);
    return c.redirect('/staff/surgeries/councils?done=council-added', 303);
  });

  // Importing the council list is for admins only (docs/decisions.md).
  app.get('/staff/surgeries/councils/import', requireRole('admin'), (c) => c.html(<ImportPage />));

  app.post('/staff/surgeries/councils/import', requireRole('admin'), async (c) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = body['file'];
    const csv = file instanceof File ? await file.text() : typeof body['csv'] === 'string' ? body['csv'] : '';
    if (!csv.trim()) return c.html(<ImportPage errors={{ file: 'Choose a CSV file of councils' }} />, 400);
    const preview = await previewImport(csv);
    return c.html(<ImportPage csv={csv} preview={preview} />, preview.ok ? 200 : 400);
  });

  app.post('/staff/surgeries/councils/import/confirm', requireRole('admin'), async (c) => {
    const csv = (await readForm(c))['csv'] ?? '';
    if (!csv.trim()) return c.html(<ImportPage errors={{ file: 'Choose a CSV file of councils' }} />, 400);
    const result = await attempt(() => importCouncils(csv));
    if ('refusal' in result) return c.html(<ImportPage csv={csv} preview={await previewImport(csv)} />, refusalStatus(result.refusal));
    const { added, updated } = result.ok;
    return c.html(<ImportPage done={`Imported: ${added} added, ${updated} updated`} />);
  });

  const councilOf = async (c: Context) => {
    const id = idOf(c);
    return id ? getCouncil(id, { consistent: true }) : undefined;
  };

  app.get('/staff/surgeries/councils/:id', async (c) => {
    const council = await councilOf(c);
    if (!council) return handleNotFound(c);
    return c.html(<CouncilFormPage council={council} values={councilFormValues(council)} bookings={await bookingsOfCouncil(council.id)} />);
  });

  app.post('/staff/surgeries/councils/:id', async (c) => {
    const council = await councilOf(c);
    if (!council) return handleNotFound(c);
    const form = await readForm(c);
    const { input, errors } = readCouncilForm(form);
    if (!input) return c.html(<CouncilFormPage council={council} values={form} errors={errors} />, 400);
    const version = /^\d+$/.test(form['version'] ?? '') ? Number(form['version']) : undefined;
    const result = await attempt(() => editCouncil(council.id, input, new Date(), version));
    if ('refusal' in result) return c.html(<CouncilFormPage council={council} values={form} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
    return c.redirect('/staff/surgeries/councils?done=council-updated', 303);
  });

  app.get('/staff/surgeries/councils/:id/retire', async (c) => {
    const council = await councilOf(c);
    if (!council) return handleNotFound(c);
    return c.html(
      <ConfirmPage title={`Are you sure you want to retire ${council.name}?`} action={`/staff/surgeries/councils/${council.id}/retire`} confirm="Yes, retire it" back={`/staff/surgeries/councils/${council.id}`} staff={{ current: '/staff/surgeries' }}>
        <p class="govuk-body">It will no longer be invited or able to book, and its clerk’s contact details will be deleted. Bookings already made stay.</p>
      </ConfirmPage>,
    );
  });

  app.post('/staff/surgeries/councils/:id/retire', async (c) => {
    const council = await councilOf(c);
    if (!council) return handleNotFound(c);
    await setCouncilStatus(council.id, 'retired');
    return c.redirect('/staff/surgeries/councils?done=retired', 303);
  });

  app.post('/staff/surgeries/councils/:id/reinstate', async (c) => {
    const council = await councilOf(c);
    if (!council) return handleNotFound(c);
    await setCouncilStatus(council.id, 'active');
    return c.redirect('/staff/surgeries/councils?done=reinstated', 303);
  });

  // Coverage and themes --------------------------------------------------------------------------

  /** The period asked for (London days), by default the last 12 months to today. */
  const periodOf = (c: Context) => {
    const values: FormValues = c.req.query();
    const { period, errors } = readPeriod(values);
    const now = new Date();
    const from = period.from ? londonDay(period.from) : londonDay(new Date(addLondonMonths(now.toISOString(), -12)));
    const to = period.to ? londonDay(new Date(period.to.getTime() - 3_600_000)) : londonDay(now);
    return { values, errors, from, to };
  };

  app.get('/staff/surgeries/coverage', async (c) => {
    const { values, errors, from, to } = periodOf(c);
    const figures = await coverage();
    if (hasErrors(errors)) return c.html(<CoveragePage rows={figures.districts} overall={figures.overall} values={values} errors={errors} />, 400);
    return c.html(<CoveragePage rows={figures.districts} overall={figures.overall} themes={await themesByDistrict(from, to)} values={values} />);
  });

  app.get('/staff/surgeries/themes.csv', async (c) => {
    const { errors, from, to } = periodOf(c);
    if (hasErrors(errors)) return c.text(Object.values(errors).join('\n'), 400);
    return csvResponse(c, `surgery-themes-${from}-to-${to}.csv`, themesCsv(await themesByDistrict(from, to)));
  });
}

