/**
 * The site's staff page: the console's home (the staff guard on /staff comes from createApp, and the
 * role is asked for here too, since /staff itself is this page).
 *
 *   GET  /staff         who is signed in, and a way into each capability
 *   GET  /staff/email   email sent, bounced and complained about, by week
 *   GET  /staff/access-record?month=yyyy-mm   (admin) who looked at personal data, that month
 */
import type { Hono } from 'hono';
import { isAdmin, requireRole, type AppEnv } from '../../core/http/auth.js';
import { accessEntries } from '../../core/people/access-record.js';
import { emailWeeks } from '../../core/outbox/email-weeks.js';
import { AccessRecordPage } from './access-record.js';
import { EmailFiguresPage } from './email-figures.js';
import { StaffConsolePage } from './staff-console.js';

export function staffPages(app: Hono<AppEnv>): void {
  app.get('/staff', requireRole('staff'), (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(<StaffConsolePage signedInAs={c.get('user')?.email ?? c.get('user')?.id ?? ''} admin={isAdmin(c)} />);
  });

  app.get('/staff/email', requireRole('staff'), async (c) => c.html(<EmailFiguresPage weeks={await emailWeeks(12, new Date())} />));

  // Admins only: staff add to the access record by looking, and cannot read it.
  app.get('/staff/access-record', requireRole('admin'), async (c) => {
    const asked = c.req.query('month');
    const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : new Date().toISOString().slice(0, 7);
    if (asked !== undefined && asked !== month) return c.html(<AccessRecordPage month={month} entries={[]} error="Enter a month like 2026-04" />, 400);
    c.header('Cache-Control', 'no-store');
    return c.html(<AccessRecordPage month={month} entries={await accessEntries(month)} />);
  });
}
