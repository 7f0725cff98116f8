/**
 * Demo data for `npm start`, labelled as demo data wherever it shows. Councils come from
 * data/llr-parish-councils.csv (a copy of the project's shared ONS list, see data/SOURCES.md): it lists
 * civil parishes, not verified councils, and only Blaby's rows name real councils, so every other row
 * becomes a council named after its civil parish and marked as not verified. Clerk addresses are made
 * up (@example.org). Then a few surgery sessions a few days to weeks ahead (never on a bank holiday),
 * one draft, and one held last week with bookings and their outcomes (for coverage and themes); its
 * bookings' emails are never sent, as no email about a slot already past is (emails.ts).
 *
 * Idempotent: ids are fixed and everything is created conditionally or skipped when present.
 */
import { readFileSync } from 'node:fs';
import { notOnABankHoliday } from '../core/bank-holidays.js';
import { inPool } from '../core/pool.js';
import { readCsv } from '../core/ui/csv-read.js';
import { londonDay } from '../core/time.js';
import { bookSlot } from './booking.js';
import { addCouncil } from './councils.js';
import { exampleDetails } from './fixtures.js';
import { councilInput, outcomeInput, sessionInput, type Governance } from './model.js';
import { recordOutcome } from './outcomes.js';
import { createSession } from './sessions.js';
import { getBooking } from './store/bookings.js';
import { getGuard, readSessionPartition } from './store/sessions.js';

const DAY = 24 * 3_600_000;
export const DEMO_NOTE = 'Demo data: a civil parish from the ONS list; its council is not verified';

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');

/** The councils the demo seeds, from the CSV: Blaby's named councils, and every other civil parish. */
export function demoCouncils() {
  const { rows } = readCsv(readFileSync(new URL('./data/llr-parish-councils.csv', import.meta.url), 'utf8'));
  return rows.map(({ cells }) => {
    const named = Boolean(cells['council_name']);
    const name = named ? cells['council_name']! : cells['name']!;
    return {
      id: `demo-${cells['parish_code']!.toLowerCase()}`,
      input: councilInput.parse({
        name,
        districtCode: cells['district_code'],
        parishes: [cells['name']],
        clerkEmail: `${slug(name)}.clerk@example.org`,
        governance: (named ? cells['governance']!.replace(/ /g, '-') : 'parish-council') as Governance,
      }),
      note: named ? 'Demo data: council named on Blaby District Council’s list; clerk address made up' : DEMO_NOTE,
    };
  });
}

const demoSessions = [
  { id: 'demo-blaby-narborough', daysAhead: 6, districtCode: 'E07000129', venueName: 'Blaby District Council offices (demo)', venueAddress: 'Desford Road, Narborough LE19 2EP', venueKind: 'hall', stepFree: true, latitude: 52.5736, longitude: -1.2062, startTime: '10:00', endTime: '13:00', status: 'published' },
  { id: 'demo-harborough-market-harborough', daysAhead: 13, districtCode: 'E07000131', venueName: 'The Symington Building (demo)', venueAddress: 'Adam and Eve Street, Market Harborough LE16 7AG', venueKind: 'hall', stepFree: true, latitude: 52.4776, longitude: -0.9215, startTime: '14:00', endTime: '17:00', status: 'published' },
  { id: 'demo-rutland-uppingham-van', daysAhead: 20, districtCode: 'E06000017', venueName: 'Community safety van, Market Place (demo)', venueAddress: 'Market Place, Uppingham LE15 9QH', venueKind: 'community-safety-van', stepFree: false, latitude: 52.5886, longitude: -0.7226, startTime: '10:00', endTime: '12:00', status: 'published', accessInformation: 'The van has two steps up. Tell us if you need to meet at street level instead.' },
  { id: 'demo-melton-online', daysAhead: 27, districtCode: 'E07000133', venueName: 'Online (demo)', venueAddress: 'A video call: the link comes with your confirmation', venueKind: 'online', stepFree: true, startTime: '18:00', endTime: '20:00', status: 'draft' },
  { id: 'demo-charnwood-last-week', daysAhead: -7, districtCode: 'E07000130', venueName: 'Loughborough Police Station (demo)', venueAddress: 'Southfield Road, Loughborough LE11 2XF', venueKind: 'police-station', stepFree: true, latitude: 52.7698, longitude: -1.2061, startTime: '10:00', endTime: '12:00', status: 'published' },
] as const;

/** The London day `daysAhead` from now, moved off any bank holiday (away from today, so a past session stays past). */
export const demoSessionDay = (now: Date, daysAhead: number) => notOnABankHoliday(londonDay(new Date(now.getTime() + daysAhead * DAY)), daysAhead < 0 ? -1 : 1);

export async function seedDemoData(now: Date = new Date()): Promise<void> {
  const councils = demoCouncils();
  await inPool(councils, 8, async (c) => {
    await addCouncil(c.input, now, { id: c.id, note: c.note });
  });
  const inDistrict = (code: string) => councils.filter((c) => c.input.districtCode === code);

  for (const demo of demoSessions) {
    const { id, daysAhead, ...fields } = demo;
    // The past session is created (and booked) as if three weeks ago.
    const createdAt = daysAhead < 0 ? new Date(now.getTime() - 21 * DAY) : now;
    const session = await createSession(sessionInput.parse({ ...fields, date: demoSessionDay(now, daysAhead) }), createdAt, { id });
    if (session.status !== 'published') continue;
    const { slots } = await readSessionPartition(id);
    const bookers = inDistrict(session.districtCode).slice(0, daysAhead < 0 ? 3 : 2);
    for (const [i, council] of bookers.entries()) {
      const existing = await getGuard(id, council.id);
      const details = exampleDetails({ attendeeName: `Demo Councillor ${i + 1}`, email: `demo.booker${i + 1}.${slug(council.input.name)}@example.org` });
      const bookingId = existing?.bookingId ?? (await bookSlot({ sessionId: id, slotId: slots[i]!.id, councilId: council.id, details, via: 'invitation' }, createdAt)).id;
      if (daysAhead >= 0) continue;
      const booking = await getBooking(bookingId, { now });
      if (!booking || booking.outcome) continue;
      await recordOutcome(
        bookingId,
        outcomeInput.parse({
          version: 0,
          attendance: i === 2 ? 'no-show' : 'attended',
          themes: i === 0 ? ['speeding-road-safety', 'anti-social-behaviour'] : i === 1 ? ['burglary', 'rural-crime'] : [],
          notes: i === 2 ? undefined : 'Demo notes: concerns about speeding through the village at school times.',
          signposted: i === 1 ? 'Leicestershire County Council highways (potholes)' : undefined,
          actions: i === 0 ? [{ what: 'Ask the road safety team about a speed watch on the main road', owner: { kind: 'road-safety-team' }, dueOn: londonDay(new Date(now.getTime() + 14 * DAY)) }] : [],
        }),
        'Demo data',
        now,
      );
    }
  }
}
