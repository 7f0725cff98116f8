/**
 * Only for the platform's delivery function, which still finds each capability's email kinds by name
 * at `functions/<name>/emails.ts`: the kinds themselves are in emails/index.ts. Goes once each
 * capability has its own delivery.ts.
 */
export { emails } from './emails/index.js';
