/**
 * Until email delivery is built per capability (functions/<name>/delivery.ts), the platform's delivery
 * function finds a capability's kinds at `functions/<name>/emails.ts`: they live in emails/index.ts.
 */
export { emails } from './emails/index.js';
