/** What the staff surgeries pages share: the navigation entry they mark, links, the banner after a change, ids from the path. */
import type { Context } from 'hono';
import { looksLikeId } from '../../core/ui/forms.js';

export const CURRENT = '/staff/surgeries';

export const link = (href: string, text: string, hidden?: string) => (
  <a class="govuk-link" href={href}>
    {text}
    {hidden ? <span class="govuk-visually-hidden"> {hidden}</span> : null}
  </a>
);

/** Banners after a change, chosen by a fixed word in the redirect so no text travels in URLs. */
const DONE: Record<string, string> = {
  created: 'Session created',
  updated: 'Session updated',
  published: 'Session published: councils can book',
  cancelled: 'Session cancelled. Every council booked has been emailed.',
  invited: 'Invitations are being sent',
  blocked: 'Slot blocked',
  unblocked: 'Slot unblocked',
  outcome: 'Outcome saved',
  booked: 'Booked. The confirmation has been emailed to the person coming.',
  rescheduled: 'Booking rescheduled. The council has been emailed.',
  'booking-cancelled': 'Booking cancelled. The council has been emailed.',
  'council-added': 'Council added',
  'council-updated': 'Council updated',
  retired: 'Council retired',
  reinstated: 'Council reinstated',
};
export const banner = (c: Context) => DONE[c.req.query('done') ?? ''];

/** The id in the path, if it looks like one of ours (anything else is a 404 without a read). */
export const idOf = (c: Context, name = 'id') => {
  const id = c.req.param(name) ?? '';
  return looksLikeId(id) ? id : undefined;
};
