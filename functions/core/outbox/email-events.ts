/**
 * What SES tells the platform after an email has left: a hard bounce (the address does not exist) or a
 * complaint (its owner reported the email as spam). In AWS, the configuration set every email is sent
 * with (email.ts) publishes these to EventBridge, whose rule passes only permanent bounces and
 * complaints to the platform's email-events function (functions/email-events.ts); locally, the
 * mailbox simulator (local/mailbox-simulator.ts) makes the same events for SES's simulator addresses.
 *
 * Each bounced or complaining recipient is recorded in one transaction: the event itself (so a repeat
 * changes nothing), the address's suppression (suppression.ts) and the week's count (email-weeks.ts).
 *
 *   await recordEmailEvent(event);   // an EventBridge event from SES ("Email Bounced", "Email Complaint Received")
 */
import * as z from 'zod/mini';
import { count, logger } from '../log.js';
import { transactWrite } from '../store/transactions.js';
import { emailCountWrite } from './email-weeks.js';
import { suppressionWrites, type SuppressionReason } from './suppression.js';

const recipient = z.looseObject({ emailAddress: z.string() });

/** The parts of SES's event record the platform reads (SES sends more; all of it is let through). */
const sesEvent = z.looseObject({
  eventType: z.string(),
  mail: z.looseObject({ messageId: z.string(), timestamp: z.optional(z.string()) }),
  bounce: z.optional(
    z.looseObject({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(recipient),
      feedbackId: z.string(),
      timestamp: z.string(),
    }),
  ),
  complaint: z.optional(
    z.looseObject({
      complainedRecipients: z.array(recipient),
      feedbackId: z.string(),
      timestamp: z.string(),
      complaintFeedbackType: z.optional(z.string()),
    }),
  ),
});

/** An EventBridge event as SES puts it on the default bus. */
const eventBridgeEvent = z.looseObject({ source: z.string(), 'detail-type': z.string(), detail: sesEvent });

export type SesEvent = z.infer<typeof sesEvent>;

export interface EmailEventOutcome {
  /** Addresses newly recorded as bouncing or complaining. */
  recorded: number;
  /** Addresses of an event already recorded (a repeat delivery). */
  repeated: number;
  /** Events that stop nothing: a transient bounce, another event type. */
  ignored: number;
}

/** What the event says: whose email stops, why, and SES's id of the report. */
function stops(detail: SesEvent): { reason: SuppressionReason; addresses: string[]; feedbackId: string; at: Date } | undefined {
  if (detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') {
    const { bouncedRecipients, feedbackId, timestamp } = detail.bounce;
    return { reason: 'bounce', addresses: bouncedRecipients.map((r) => r.emailAddress), feedbackId, at: new Date(timestamp) };
  }
  if (detail.eventType === 'Complaint' && detail.complaint) {
    const { complainedRecipients, feedbackId, timestamp } = detail.complaint;
    return { reason: 'complaint', addresses: complainedRecipients.map((r) => r.emailAddress), feedbackId, at: new Date(timestamp) };
  }
  return undefined;
}

/** Records one SES event (an EventBridge event); throws on a malformed one, so EventBridge keeps it for the dead-letter queue. */
export async function recordEmailEvent(event: unknown): Promise<EmailEventOutcome> {
  const { detail } = z.parse(eventBridgeEvent, event);
  const outcome: EmailEventOutcome = { recorded: 0, repeated: 0, ignored: 0 };
  const what = stops(detail);
  if (!what || Number.isNaN(what.at.getTime())) {
    logger.info('SES event ignored: it stops no email', { eventType: detail.eventType, bounceType: detail.bounce?.bounceType, messageId: detail.mail.messageId });
    outcome.ignored++;
    return outcome;
  }
  for (const address of new Set(what.addresses)) {
    const result = await transactWrite([
      ...suppressionWrites(address, what.reason, what.feedbackId, what.at),
      emailCountWrite(what.reason === 'bounce' ? 'bounced' : 'complained', what.at),
    ]);
    if (result.ok) outcome.recorded++;
    else if (result.failed.has('event')) outcome.repeated++;
  }
  if (what.reason === 'bounce') count('EmailsBounced', outcome.recorded);
  else count('EmailComplaints', outcome.recorded);
  logger.info('email stopped for addresses SES reported', { reason: what.reason, bounceSubType: detail.bounce?.bounceSubType, messageId: detail.mail.messageId, ...outcome });
  return outcome;
}
