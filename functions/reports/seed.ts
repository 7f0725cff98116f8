/**
 * Demo data for `npm start`: a year and a half of the reports' own logs (the six quarters before this
 * one, and this one so far), so the charts have points: invitations to the Commissioner, some
 * accepted, and engagement organised by others, launches and youth summits, by the Commissioner, the
 * Deputy and staff. Every entry says "Demo data" (who logged it, and in its text). The other
 * capabilities' demo data count their own figures as they are made.
 *
 * Idempotent: entries have fixed ids and are put only if absent.
 */
import { councilAreas } from '../core/council-areas.js';
import { officeAttendees } from '../core/period-figures.js';
import { lastQuarters, quarterContaining } from '../core/periods.js';
import { themes } from '../core/themes.js';
import { londonDay } from '../core/time.js';
import { recordEngagement, recordInvitation } from './logs.js';
import { engagementKinds } from './model.js';

export const DEMO_BY = 'Demo data';
const DAY = 86_400_000;

/** The same "random" figures every run. */
function sequence(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

export async function seedDemoData(now: Date = new Date()): Promise<void> {
  const pick = sequence(18);
  const today = londonDay(now);
  for (const q of lastQuarters(7, quarterContaining(now))) {
    const days = Math.round((Date.parse(q.lastDay) - Date.parse(q.firstDay)) / DAY);
    const dayIn = (n: number) => new Date(Date.parse(`${q.firstDay}T12:00:00Z`) + (n % (days + 1)) * DAY).toISOString().slice(0, 10);
    const invitations = 14 + pick(10);
    for (let i = 0; i < invitations; i++) {
      const receivedOn = dayIn(pick(days + 1));
      const accepted = pick(100) < 55;
      if (receivedOn > today) continue;
      await recordInvitation(
        { receivedOn, from: `Demo data: community group ${i + 1}`, event: `Demo data: ${['summer fair', 'annual meeting', 'awards evening', 'open day'][pick(4)]}`, accepted, ...(accepted ? {} : { reason: 'Demo data: the Commissioner was already committed that day' }) },
        { by: DEMO_BY, id: `demo-invitation-${q.id}-${i}` },
      );
    }
    const engagements = 3 + pick(5);
    for (let i = 0; i < engagements; i++) {
      const on = dayIn(pick(days + 1));
      if (on > today) continue;
      const kind = engagementKinds[pick(engagementKinds.length)]!.id;
      await recordEngagement(
        {
          on,
          attendedFor: officeAttendees[pick(3)]!.id,
          kind,
          what: `Demo data: ${kind === 'youth-summit' ? 'youth summit' : kind === 'launch' ? 'scheme launch' : 'partner event'} ${i + 1}`,
          peopleMet: 10 + pick(80),
          hours: 1 + pick(8) / 2,
          themes: [themes[pick(themes.length)]!.id],
          areaCode: councilAreas[pick(councilAreas.length)]!.code,
        },
        { by: DEMO_BY, id: `demo-engagement-${q.id}-${i}` },
      );
    }
  }
}
