/** What surgery sessions and outcomes count towards the office's reports (./figure-declarations.ts), in their quarter. */
import { engagementCounts, type DatedCounts } from '../core/period-figures.js';
import type { Outcome, Session } from './model.js';

/** The councils' ledger (core/period-ledgers.ts): listed, retired and seen, for the share seen in the last 12 months. */
export const COUNCILS_LEDGER = 'councils';

/** A published session counts once, with its hours, for the Deputy Commissioner, who hosts the programme. */
export function sessionCounts(session: Session | undefined): DatedCounts | undefined {
  if (!session || session.status !== 'published') return undefined;
  const hours = (Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 3_600_000;
  return { at: session.startsAt, counts: { sessions: 1, ...engagementCounts('deputy', hours) } };
}

/** An outcome counts the appointment as kept or missed; a council that came counts as seen, with the themes it raised. */
export function outcomeCounts(outcome: Outcome | undefined, booking: { councilId: string; slotStartsAt: string }): DatedCounts | undefined {
  if (!outcome) return undefined;
  if (outcome.attendance !== 'attended') return { at: booking.slotStartsAt, counts: { missed: 1 } };
  const counts: Record<string, number> = { attended: 1, [`councils|${booking.councilId}`]: 1 };
  for (const theme of outcome.themes) counts[`themes|${theme}`] = 1;
  return { at: booking.slotStartsAt, counts };
}
