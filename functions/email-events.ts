/**
 * The platform's email-events function: SES's hard bounces and complaints, from the EventBridge rule
 * on the configuration set's events (infra/email-events.ts), stop email to those addresses
 * (core/outbox/email-events.ts). Locally, the mailbox simulator invokes this same handler with the
 * same events (local/mailbox-simulator.ts). It holds core alone, like the platform timer.
 */
import { jobHandler } from './core/http/lambda.js';
import { recordEmailEvent } from './core/outbox/email-events.js';

export const handler = jobHandler((event: unknown) => recordEmailEvent(event));
