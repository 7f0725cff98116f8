/** Where the platform's email delivery finds consultations' email kinds today (functions/delivery.ts loads `<name>/emails.ts`): they live in emails/. */
export { emails } from './emails/index.js';
