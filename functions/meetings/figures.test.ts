/**
 * A meeting's places are counted in the quarter the meeting is held: moved to another quarter, it takes
 * its registrations, attendance and places from the waiting list with it; cancelled, it is no meeting
 * held, and its places leave the figures with it (a place given back afterwards takes nothing more away).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { quarterContaining, shiftQuarter, type Quarter } from '../core/periods.js';
import { quarterCounters } from '../core/period-figures.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { cancelRegistration } from './cancelling.js';
import { markAttended } from './check-in.js';
import { aMeeting, allDecided, exampleMeeting, exampleResident, register } from './fixtures.js';
import { cancelMeeting, updateMeeting } from './meetings.js';
import type { Meeting } from './model.js';

const DAY = 86_400_000;
// A quarter ahead, so nothing has expired; the meeting starts in its second week.
const Q = shiftQuarter(quarterContaining(new Date()), 2);
const NEXT = shiftQuarter(Q, 1);
const T = new Date(Date.parse(Q.start) + 3 * DAY);

const figures = async (q: Quarter) => {
  const c = (await quarterCounters(q.id))['meetings'] ?? {};
  return { meetings: c['meetings'] ?? 0, registered: c['registered'] ?? 0, attended: c['attended'] ?? 0, fromWaitingList: c['from-waiting-list'] ?? 0 };
};

/** Capacity 3: A takes 2 places and C 1, B waits; C gives theirs back and B is offered it; A comes. */
async function aMeetingWithPlaces(): Promise<{ meeting: Meeting; a: string }> {
  const meeting = await aMeeting({ capacity: 3 }, T);
  const a = await register(meeting.id, exampleResident({ places: 2 }), T);
  const c = await register(meeting.id, exampleResident({ places: 1 }), T);
  const b = await register(meeting.id, exampleResident({ places: 1 }), T);
  await allDecided(meeting.id);
  expect([a.registration.status, c.registration.status, b.registration.status]).toEqual(['confirmed', 'confirmed', 'waitlisted']);
  await cancelRegistration(meeting.id, c.registration.id, 'resident', new Date(T.getTime() + DAY));
  await markAttended(meeting.id, a.registration.id, true, new Date(T.getTime() + 2 * DAY));
  return { meeting, a: a.registration.id };
}

beforeAll(async () => {
  await useOwnTable('meeting-figures');
}, 60_000);

describe('a meeting’s places, counted in the quarter it is held', () => {
  it('moves its places with it when it moves to another quarter, and counts later changes there', { timeout: 60_000 }, async () => {
    const { meeting, a } = await aMeetingWithPlaces();
    expect(await figures(Q)).toEqual({ meetings: 1, registered: 3, attended: 2, fromWaitingList: 1 });

    const startsAt = new Date(Date.parse(NEXT.start) + 20 * DAY).toISOString();
    const input = exampleMeeting({ capacity: 3, title: meeting.title }, T);
    await updateMeeting(meeting.id, { ...input, startsAt, endsAt: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString(), registrationClosesAt: startsAt }, new Date(T.getTime() + 3 * DAY));
    expect(await figures(Q)).toEqual({ meetings: 0, registered: 0, attended: 0, fromWaitingList: 0 });
    expect(await figures(NEXT)).toEqual({ meetings: 1, registered: 3, attended: 2, fromWaitingList: 1 });

    // A is checked out again and gives back both places: counted where the meeting is now.
    await markAttended(meeting.id, a, false, new Date(T.getTime() + 4 * DAY));
    await cancelRegistration(meeting.id, a, 'resident', new Date(T.getTime() + 4 * DAY));
    expect(await figures(Q)).toEqual({ meetings: 0, registered: 0, attended: 0, fromWaitingList: 0 });
    expect(await figures(NEXT)).toEqual({ meetings: 1, registered: 1, attended: 0, fromWaitingList: 1 });
  });

  it('counts nothing for a cancelled meeting: no meeting held, and none of its places, even one given back afterwards', { timeout: 60_000 }, async () => {
    const before = await figures(Q);
    const { meeting, a } = await aMeetingWithPlaces();
    await cancelMeeting(meeting.id, 'The hall flooded', new Date(T.getTime() + 3 * DAY));
    expect(await figures(Q)).toEqual(before);
    await markAttended(meeting.id, a, false, new Date(T.getTime() + 4 * DAY));
    await cancelRegistration(meeting.id, a, 'resident', new Date(T.getTime() + 4 * DAY));
    expect(await figures(Q)).toEqual(before);
  });

  it('counts places online as places: registered online, moved with the meeting, gone with it when cancelled', { timeout: 60_000 }, async () => {
    const before = await figures(Q);
    const meeting = await aMeeting({ mode: 'hybrid', capacity: 2, onlineCapacity: 2 }, T);
    await register(meeting.id, exampleResident({ places: 1, attendMode: 'in-person' }), T);
    await register(meeting.id, exampleResident({ places: 2, attendMode: 'online' }), T);
    await allDecided(meeting.id);
    expect(await figures(Q)).toEqual({ ...before, meetings: before.meetings + 1, registered: before.registered + 3 });

    const nextBefore = await figures(NEXT);
    const startsAt = new Date(Date.parse(NEXT.start) + 21 * DAY).toISOString();
    const input = exampleMeeting({ mode: 'hybrid', capacity: 2, onlineCapacity: 2, title: meeting.title }, T);
    await updateMeeting(meeting.id, { ...input, startsAt, endsAt: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString(), registrationClosesAt: startsAt }, new Date(T.getTime() + DAY));
    expect(await figures(Q)).toEqual(before);
    expect(await figures(NEXT)).toEqual({ ...nextBefore, meetings: nextBefore.meetings + 1, registered: nextBefore.registered + 3 });

    await cancelMeeting(meeting.id, 'The stream failed', new Date(T.getTime() + 2 * DAY));
    expect(await figures(NEXT)).toEqual(nextBefore);
  });
});
