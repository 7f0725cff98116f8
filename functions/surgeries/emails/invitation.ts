/** `invitation`: to a council's clerk, with the council's own booking link (one email per council of a round). */
import { councilAreaName } from '../../core/council-areas.js';
import { personalLink } from '../../core/outbox/email-layout.js';
import type { EmailContent } from '../../core/outbox/kinds.js';
import { formatLondonTime } from '../../core/time.js';
import type { Council, Session, Slot } from '../model.js';
import { layout, need, para, sessionFacts } from './parts.js';

export function invitationEmail(ctx: { session: Session; council: Council; freeSlots: Slot[]; link?: string }): EmailContent {
  const { session, council, freeSlots } = ctx;
  const district = councilAreaName(session.districtCode);
  return layout(`Invitation: surgery with the ${session.host} in ${district}`, council.clerkName ?? `Clerk to ${council.name}`, [
    para(`The ${session.host} is holding one-to-one surgeries for parish and town councils in ${district}, and would like to meet ${council.name}.`),
    para('A surgery is a chance to hear about the Commissioner’s role, raise your community’s concerns directly, and hear back about your council’s dealings with the police.'),
    sessionFacts(session),
    ...(freeSlots.length
      ? [para(`Free slots when we sent this: ${freeSlots.map((s) => formatLondonTime(s.startsAt)).join(', ')}.`)]
      : [para('Every slot is booked at the moment, but one may become free: use the link to see.')]),
    personalLink(need(ctx.link), {
      lead: `Book a slot for ${council.name}:`,
      linkText: 'Book a surgery slot',
      warning: `The link is for ${council.name} only and works until the surgery ends. Do not share it outside the council.`,
    }),
  ]);
}
