/**
 * Sending email through SES `SendRawEmail`. The MIME message is built by nodemailer's MailComposer
 * (plain text + HTML alternatives, attachments, calendar invites). Only the capabilities' delivery
 * functions send email, so only their bundles carry MailComposer.
 */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import { config } from '../config.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** An iCalendar invite, sent as a text/calendar alternative and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string; filename?: string };
  /**
   * One-click unsubscribe (RFC 8058): `List-Unsubscribe` with this https URL, and `List-Unsubscribe-Post:
   * List-Unsubscribe=One-Click`, so a mail client's "Unsubscribe" POSTs to the URL with no cookies and
   * unsubscribes at once. For email people asked for and can stop (RFC 2369, 8058; Gmail and Yahoo ask it of bulk senders).
   */
  unsubscribeUrl?: string;
}

/** The headers of RFC 8058's one-click unsubscribe, for an email with `unsubscribeUrl`. */
export const oneClickUnsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

let ses: { key: string; client: SESClient } | undefined;

/** One SES client per container (made again only if the endpoint changes, which only tests do). */
function client(): SESClient {
  const { region, sesEndpoint } = config();
  const key = `${region} ${sesEndpoint ?? ''}`;
  if (ses?.key !== key) {
    ses = {
      key,
      client: new SESClient({
        region,
        // Resolve the SDK's middleware stack once per command class, not on every send (see store/dynamo.ts).
        cacheMiddleware: true,
        ...(sesEndpoint ? { endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      }),
    };
  }
  return ses.client;
}

export function composeEmail(email: OutgoingEmail): Promise<Buffer> {
  const { senderAddress, organisationName } = config();
  const composer = new MailComposer({
    from: { name: organisationName, address: senderAddress },
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(email.unsubscribeUrl ? { headers: oneClickUnsubscribeHeaders(email.unsubscribeUrl) } : {}),
    // MailComposer adds the invite twice by itself: as the text/calendar alternative (what calendar
    // clients act on) and as an .ics attachment named `filename`. Adding our own would make two.
    ...(email.calendar
      ? { icalEvent: { method: email.calendar.method, content: email.calendar.content, filename: email.calendar.filename ?? 'invite.ics' } }
      : {}),
  });
  return composer.compile().build();
}

/** Sends the email and returns SES's message id. Throws if SES refuses or cannot be reached. */
export async function sendEmail(email: OutgoingEmail): Promise<string> {
  const raw = await composeEmail(email);
  const { senderAddress, sesConfigurationSet } = config();
  const result = await client().send(
    new SendRawEmailCommand({
      Source: senderAddress,
      Destinations: [email.to],
      RawMessage: { Data: raw },
      // Its event destination tells the platform of bounces and complaints (outbox/email-events.ts).
      ...(sesConfigurationSet ? { ConfigurationSetName: sesConfigurationSet } : {}),
    }),
  );
  return result.MessageId ?? '';
}
