/**
 * Demo data, personal data and the staff map against DynamoDB Local: the seed is idempotent and labelled
 * as demo data, keeps off bank holidays and sends nothing about its past surgery; a booking's personal data expires 12 months after its slot (and follows a reschedule),
 * and reads hide it once expired; retiring a council deletes its clerk's details; the privacy notice
 * lists both rules; sessions with a venue position are points on the staff map, written with the
 * session and moved or removed with it. Own table, so counts are this file's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { isBankHoliday } from '../core/bank-holidays.js';
import { deliverNew } from '../core/outbox/delivery.js';
import { mapLayersBetween } from '../core/map-layers.js';
import { getItem } from '../core/store/reads.js';
import { addLondonMonths } from '../core/time.js';
import { createPlatformApp } from '../../local/server.js';
import { themesByDistrict } from './coverage.js';
import { setCouncilStatus } from './councils.js';
import { emails } from './emails/index.js';
import { aBooking, aCouncil, aSession, slotIds } from './fixtures.js';
import { rescheduleBooking } from './rescheduling.js';
import { cancelSession, editSession, inputOf, publishSession } from './sessions.js';
import { DEMO_NOTE, seedDemoData } from './seed.js';
import { getBooking, getBookings } from './store/bookings.js';
import { allCouncils, getCouncil } from './store/councils.js';
import { bookingKey } from './store/keys.js';
import { readSessionPartition, sessionsStartingBetween } from './store/sessions.js';

beforeAll(() => useOwnTable('surgery-seed', { delivery: 'manual' }));

describe('demo data', () => {
  it('seeds the councils from the bundled list, labelled, with sessions and a past surgery’s outcomes; a second run adds nothing', async () => {
    // 5 December 2026: six days on is Christmas Day, 27 days on New Year's Day (the online session is at 6pm).
    const now = new Date('2026-12-05T10:00:00.000Z');
    await seedDemoData(now);
    const councils = await allCouncils();
    expect(councils).toHaveLength(289);
    expect(councils.filter((c) => c.districtCode === 'E07000129').map((c) => c.name)).toContain('Braunstone Town Council');
    expect(councils.filter((c) => c.note === DEMO_NOTE)).toHaveLength(289 - 24);
    const sessions = await sessionsStartingBetween('2000', '2101');
    expect(sessions.map((s) => s.id).sort()).toEqual(['demo-blaby-narborough', 'demo-charnwood-last-week', 'demo-harborough-market-harborough', 'demo-melton-online', 'demo-rutland-uppingham-van']);
    expect(sessions.every((s) => s.venueName.includes('(demo)'))).toBe(true);
    // No session on a bank holiday, evening or not: each moves to the next day that is not one.
    expect(sessions.filter((s) => isBankHoliday(s.date))).toEqual([]);
    expect(Object.fromEntries(sessions.map((s) => [s.id, `${s.date} ${s.startTime}`]))).toEqual({
      'demo-charnwood-last-week': '2026-11-28 10:00',
      'demo-blaby-narborough': '2026-12-11 10:00',
      'demo-harborough-market-harborough': '2026-12-18 14:00',
      'demo-rutland-uppingham-van': '2026-12-26 10:00',
      'demo-melton-online': '2027-01-02 18:00',
    });
    // The past surgery's bookings send no "Surgery booked" email; an upcoming one's does.
    const emailsOf = async (sessionId: string) => {
      const { slots } = await readSessionPartition(sessionId);
      const booked = await getBookings(slots.flatMap((s) => (s.bookingId ? [s.bookingId] : [])), now);
      return [...booked.values()].map((b) => b.lastEmail!.id);
    };
    const pastEmails = await emailsOf('demo-charnwood-last-week');
    expect(pastEmails).toHaveLength(3);
    expect(await deliverNew(pastEmails, emails, now, Date.now() + 20_000)).toMatchObject({ sent: 0, skipped: 3 });
    expect(await deliverNew(await emailsOf('demo-blaby-narborough'), emails, now, Date.now() + 20_000)).toMatchObject({ sent: 2, skipped: 0 });
    // Charnwood's themes are those of the two councils that came; the one that did not raised none.
    const charnwood = (await themesByDistrict('2026-11-28', '2026-11-28')).rows.find((r) => r.districtCode === 'E07000130');
    expect(charnwood).toMatchObject({ attended: 2, noShow: 1, themes: { 'speeding-road-safety': 1, 'anti-social-behaviour': 1, burglary: 1, 'rural-crime': 1 } });
    const seen = councils.filter((c) => Object.keys(c.seen).length > 0);
    expect(seen).toHaveLength(2);
    await seedDemoData(now);
    expect(await allCouncils()).toHaveLength(289);
    expect((await allCouncils()).filter((c) => Object.keys(c.upcoming).length > 0)).toHaveLength(councils.filter((c) => Object.keys(c.upcoming).length > 0).length);
  }, 120_000);
});

describe('personal data', () => {
  it('expires 12 months after the booked slot, follows a reschedule, and is hidden once expired', async () => {
    const [session, later, council] = await Promise.all([aSession({ districtCode: 'E07000134' }), aSession({ districtCode: 'E07000134' }, new Date(), 60), aCouncil({ districtCode: 'E07000134' })]);
    const booking = await aBooking(session, council);
    const expiresAt = Number((await getItem(bookingKey(booking.id)))!['expiresAt']!.N);
    expect(expiresAt).toBe(Date.parse(addLondonMonths(booking.slotEndsAt, 12)) / 1000);
    const moved = await rescheduleBooking(booking.id, { sessionId: later.id, slotId: (await slotIds(later.id))[0]! });
    expect(Number((await getItem(bookingKey(booking.id)))!['expiresAt']!.N)).toBe(Date.parse(addLondonMonths(moved.slotEndsAt, 12)) / 1000);
    expect(await getBooking(booking.id, { now: new Date(Date.parse(addLondonMonths(moved.slotEndsAt, 12)) + 1000) })).toBeUndefined();
  });

  it('deletes a clerk’s details when the council is retired, and the privacy notice lists both rules', async () => {
    const council = await aCouncil();
    await setCouncilStatus(council.id, 'retired');
    const item = (await getItem({ pk: `SURG#COUNCIL#${council.id}`, sk: 'COUNCIL' }))!;
    expect(item['clerkEmail']).toBeUndefined();
    expect(item['clerkName']).toBeUndefined();
    expect((await getCouncil(council.id))!.status).toBe('retired');
    const notice = await (await (await createPlatformApp()).request('/privacy')).text();
    expect(notice).toContain('Bookings by parish and town councils for surgeries with the Deputy Commissioner');
    expect(notice).toContain('we delete them 12 months after the surgery (the booked slot)');
    expect(notice).toContain('we delete them when the council is retired from our list (or staff remove them)');
  });
});

describe('the staff map', () => {
  it('has a point for each session with a venue position, written, moved and removed with the session; none for online or cancelled ones', async () => {
    const now = new Date();
    const period = { from: now.toISOString(), to: new Date(now.getTime() + 10 * 86_400_000).toISOString() };
    const [hall, draft, online, moving, cancelled] = await Promise.all([
      aSession({ districtCode: 'E07000135', venueName: 'Wigston Pavilion' }, now, 5),
      aSession({ districtCode: 'E07000135', venueName: 'Oadby Library', status: 'draft' }, now, 6),
      aSession({ districtCode: 'E07000135', venueKind: 'online', latitude: undefined, longitude: undefined }, now, 5),
      aSession({ districtCode: 'E07000135', venueName: 'South Wigston Hall' }, now, 7),
      aSession({ districtCode: 'E07000135', venueName: 'Kilby Bridge Hall' }, now, 7),
    ]);
    const points = async () => {
      const layer = (await mapLayersBetween(period)).find((l) => l.capability === 'surgeries')!;
      expect(layer).toMatchObject({ label: 'Parish surgeries', marker: 'S' });
      return layer.points.filter((p) => [hall.id, draft.id, online.id, moving.id, cancelled.id].includes(p.id)).sort((a, b) => a.title.localeCompare(b.title));
    };
    // The title is the venue: the map says "Parish surgeries" and the date beside it, once each.
    const at = (s: typeof hall) => ({ latitude: 52.6466, longitude: -1.2035, at: s.startsAt, areaCode: 'E07000135', href: `/staff/surgeries/sessions/${s.id}` });
    expect(await points()).toEqual([
      { id: cancelled.id, ...at(cancelled), title: 'Kilby Bridge Hall' },
      { id: draft.id, ...at(draft), title: 'Oadby Library (draft)' },
      { id: moving.id, ...at(moving), title: 'South Wigston Hall' },
      { id: hall.id, ...at(hall), title: 'Wigston Pavilion' },
    ]);

    // Published, moved elsewhere, gone online, cancelled: the map follows each change.
    await publishSession(draft.id);
    const moved = await editSession(moving.id, { ...inputOf(moving), venueName: 'Blaby Road Hall', latitude: 52.58, longitude: -1.1 });
    await editSession(hall.id, { ...inputOf(hall), venueKind: 'online', latitude: undefined, longitude: undefined });
    await cancelSession(cancelled.id, 'The hall is closed');
    expect(await points()).toEqual([
      { id: moving.id, ...at(moved), latitude: 52.58, longitude: -1.1, title: 'Blaby Road Hall' },
      { id: draft.id, ...at(draft), title: 'Oadby Library' },
    ]);
  });
});
