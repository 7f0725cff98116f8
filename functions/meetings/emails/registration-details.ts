/**
 * The details sent again, because the address registered again: the email its registration would get
 * now, a confirmation or the waiting list's, so the answer to a second registration says nothing new.
 */
import { confirmationEmail } from './confirmation.js';
import type { EmailContent, EmailContext } from './parts.js';
import { waitlistedEmail } from './waitlisted.js';

export const registrationDetailsEmail = (ctx: EmailContext): EmailContent => (ctx.registration.status === 'waitlisted' ? waitlistedEmail(ctx) : confirmationEmail(ctx));
