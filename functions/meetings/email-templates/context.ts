/** What every meetings email template is given: current data, read at send time. */
import type { Meeting, Registration } from '../model.js';

export type { EmailContent } from '../../core/outbox/kinds.js';

export interface EmailContext {
  meeting: Meeting;
  registration: Registration;
  /** Present for the kinds that carry a manage link (a freshly minted token). */
  manageUrl?: string;
  /** For meeting-changed: what changed, in words. */
  changes?: string[];
  now: Date;
}

export function requireManageUrl(ctx: EmailContext): string {
  if (!ctx.manageUrl) throw new Error('This email needs a manage link');
  return ctx.manageUrl;
}
