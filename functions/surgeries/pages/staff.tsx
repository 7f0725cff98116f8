/**
 * Staff console routes for surgeries. Everything under /staff needs the staff role (createApp guards
 * it); every form is a core `formRoute` (Post/Redirect/Get, one change however often it is sent).
 *
 *   GET       /staff/surgeries                                   the programme
 *   …/sessions/…    staff-sessions.tsx: create, change, publish, cancel, invite, block, day sheet
 *   …/bookings/…    staff-bookings.tsx: a booking, its outcome, moving and cancelling it
 *   …/councils/…    staff-councils.tsx: the council list, its CSV, import (admins), retire
 *   GET       /staff/surgeries/coverage;  GET /staff/surgeries/themes.csv
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import { addLondonMonths, londonDay } from '../../core/time.js';
import { csvResponse } from '../../core/ui/csv.js';
import { readPeriod } from '../../core/ui/date-input.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { coverage, themesByDistrict, themesCsv } from '../coverage.js';
import { pastSessions, readSessionPartition, upcomingSessions } from '../sessions.js';
import { CoveragePage } from './coverage.js';
import { ProgrammePage, type SessionCounts } from './programme.js';
import { staffBookingPages } from './staff-bookings.js';
import { staffCouncilPages } from './staff-councils.js';
import { banner } from './staff-parts.js';
import { staffSessionPages } from './staff-sessions.js';

function counts(slots: Awaited<ReturnType<typeof readSessionPartition>>['slots'], now: Date): SessionCounts {
  const nowIso = now.toISOString();
  return {
    booked: slots.filter((s) => s.bookingId).length,
    blocked: slots.filter((s) => s.blocked).length,
    free: slots.filter((s) => !s.blocked && !s.bookingId && s.startsAt > nowIso).length,
  };
}

/** The period asked for (London days), by default the last 12 months to today. */
function periodOf(c: Context) {
  const values: FormValues = c.req.query();
  const { period, errors } = readPeriod(values);
  const now = new Date();
  const from = period.from ? londonDay(period.from) : londonDay(new Date(addLondonMonths(now.toISOString(), -12)));
  const to = period.to ? londonDay(new Date(period.to.getTime() - 3_600_000)) : londonDay(now);
  return { values, errors, from, to };
}

export function staffPages(app: Hono<AppEnv>): void {
  app.get('/staff/surgeries', async (c) => {
    const now = new Date();
    const [upcoming, past] = await Promise.all([upcomingSessions({ now }), pastSessions({ now })]);
    const withCounts = await Promise.all(upcoming.map(async (session) => ({ session, counts: counts((await readSessionPartition(session.id)).slots, now) })));
    return c.html(<ProgrammePage upcoming={withCounts} past={past} banner={banner(c)} />);
  });

  staffSessionPages(app);
  staffBookingPages(app);
  staffCouncilPages(app);

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
