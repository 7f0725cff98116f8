/** How a member of staff is named in histories ("who changed it"): their name, else their email, else their id. */
import type { Context } from 'hono';
import type { AppEnv, StaffUser } from './auth.js';

export const staffName = (user: StaffUser | undefined): string => user?.name ?? user?.email ?? user?.id ?? 'Unknown';

/** The signed-in member of staff making this request (after requireRole). */
export const signedInName = (c: Context<AppEnv>) => staffName(c.get('user'));
