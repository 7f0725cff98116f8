/**
 * Staff invite councils to a session: every council of its district at once (except those already
 * booked in the district's programme), or the ones they choose.
 * One notice goes into the outbox in the same transaction as the round's record on the session; the
 * delivery function fans it out to one email per council with a clerk's email address (at the rate
 * the SES account allows, EMAIL_SEND_RATE), each with a personal booking link minted when it is sent
 * (unguessable, stored hashed, valid until the session ends), and records who was invited, when.
 */
import { findManageLink } from '../core/manage-links.js';
import { invalidField, Refusal } from '../core/refusal.js';
import { bookSlot } from './booking.js';
import { invitedInRound, type Booking, type Council, type InvitationBookingInput, type InvitationRound, type Session, type Slot } from './model.js';
import { CAPABILITY, invitationNotice } from './notify.js';
import { noSuchSession } from './sessions.js';
import { councilsInDistrict, getCouncils } from './store/councils.js';
import { getSession, readBookingParts, saveInvitationRound } from './store/sessions.js';

export type InvitationChoice = { scope: 'district' } | { scope: 'chosen'; councilIds: string[] };

/** The councils a round of invitations goes to (model.ts, `invitedInRound`): the district's leave out those already booked in its programme. */
export async function invitees(session: Pick<Session, 'districtCode'>, councilIds: readonly string[] | undefined, now: Date): Promise<Council[]> {
  const councils = councilIds ? [...(await getCouncils(councilIds)).values()] : await councilsInDistrict(session.districtCode);
  return councils.filter((c) => invitedInRound(c, session, councilIds ? 'chosen' : 'district', now));
}

export async function inviteCouncils(sessionId: string, choice: InvitationChoice, by: string, now: Date = new Date()): Promise<{ round: InvitationRound; emailed: number }> {
  const session = await getSession(sessionId, { consistent: true });
  if (!session) throw noSuchSession();
  if (session.status !== 'published') throw new Refusal('session_not_open', 'Publish the session before inviting councils to it');
  if (session.endsAt <= now.toISOString()) throw new Refusal('session_over', 'This session is over: invite councils to a later one');
  let councilIds: string[] | undefined;
  if (choice.scope === 'chosen') {
    if (!choice.councilIds.length) throw invalidField('councilIds', 'Choose at least one council to invite', 'no_councils');
    const found = await getCouncils(choice.councilIds);
    const wrong = choice.councilIds.filter((id) => found.get(id)?.districtCode !== session.districtCode || found.get(id)?.status !== 'active');
    if (wrong.length) throw invalidField('councilIds', 'Choose councils from this session’s district', 'wrong_district');
    councilIds = [...new Set(choice.councilIds)];
  }
  const notice = invitationNotice(session, councilIds, now);
  const round: InvitationRound = { at: now.toISOString(), by, scope: choice.scope, ...(councilIds ? { councilIds } : {}), noticeId: notice.id };
  if (!(await saveInvitationRound(session, round, notice))) throw new Refusal('session_not_open', 'This session is no longer published');
  return { round, emailed: (await invitees(session, councilIds, now)).length };
}

export interface Invitation {
  token: string;
  session: Session;
  council: Council;
  /** The slot asked for with `invitationFor(token, now, { slotId })`, when it exists. */
  slot?: Slot;
}

/**
 * The invitation a booking link stands for, while the link is valid: its session and council (and a
 * slot of the session, when the caller is about to book one) read together, strongly consistent.
 */
export async function invitationFor(token: string, now: Date = new Date(), options: { slotId?: string } = {}): Promise<Invitation | undefined> {
  const link = await findManageLink(token, { capability: CAPABILITY, purpose: 'book' }, now);
  const { sessionId, councilId } = link?.about ?? {};
  if (!sessionId || !councilId) return undefined;
  const { session, council, slot } = await readBookingParts(sessionId, { councilId, ...(options.slotId ? { slotId: options.slotId } : {}) });
  return session && council ? { token, session, council, ...(slot ? { slot } : {}) } : undefined;
}

/** Books with an invitation: the council is the link's, and the booking is confirmed at once (on what the invitation read). */
export function bookWithInvitation(invitation: Invitation, input: InvitationBookingInput, now: Date = new Date()): Promise<Booking> {
  const { slotId, ...details } = input;
  const { session, council, slot } = invitation;
  return bookSlot({ sessionId: session.id, slotId, councilId: council.id, details, via: 'invitation' }, now, { session, council, ...(slot ? { slot } : {}) });
}
