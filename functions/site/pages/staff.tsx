/**
 * The site's staff page: the console's home (the staff guard on /staff comes from createApp, and the
 * role is asked for here too, since /staff itself is this page).
 *
 *   GET  /staff   who is signed in, and a way into each capability
 */
import type { Hono } from 'hono';
import { requireRole, type AppEnv } from '../../core/http/auth.js';
import { StaffConsolePage } from './staff-console.js';

export function staffPages(app: Hono<AppEnv>): void {
  app.get('/staff', requireRole('staff'), (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(<StaffConsolePage signedInAs={c.get('user')?.email ?? c.get('user')?.id ?? ''} />);
  });
}
