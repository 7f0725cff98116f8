/**
 * The site's staff page: the console's home (the staff guard on /staff comes from createApp, and the
 * role is asked for here too, since /staff itself is this page).
 *
 *   GET  /staff         who is signed in, and a way into each capability
 *   GET  /staff/email   email sent, bounced and complained about, by week
 */
import type { Hono } from 'hono';
import { requireRole, type AppEnv } from '../../core/http/auth.js';
import { emailWeeks } from '../../core/outbox/email-weeks.js';
import { EmailFiguresPage } from './email-figures.js';
import { StaffConsolePage } from './staff-console.js';

export function staffPages(app: Hono<AppEnv>): void {
  app.get('/staff', requireRole('staff'), (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(<StaffConsolePage signedInAs={c.get('user')?.email ?? c.get('user')?.id ?? ''} />);
  });

  app.get('/staff/email', requireRole('staff'), async (c) => c.html(<EmailFiguresPage weeks={await emailWeeks(12, new Date())} />));
}
