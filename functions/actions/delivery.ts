/** The action log's email Lambda: its outbox items from the table's stream, and its retries on a timer (core/outbox/delivery.ts). */
import { emailDelivery } from '../core/outbox/delivery.js';
import { emails } from './emails/index.js';

export const handler = emailDelivery(emails);
