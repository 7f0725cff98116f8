/**
 * What staff do around a meeting: find people at the door, record attendance, read questions, and
 * report attendance per council area. Own table, because the report covers every meeting in a range.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { exampleMeeting, exampleResident, register } from './fixtures.js';
import { attendanceReport } from './attendance-report.js';
import { cancelRegistration } from './cancelling.js';
import { markAttended } from './check-in.js';
import { cancelMeeting, createMeeting, getMeeting, listMeetingsForStaff, listUpcomingMeetings } from './meetings.js';
import { findRegistrations, listQuestions } from './registrations.js';
import { attendanceSummary } from './rules.js';

beforeAll(() => useOwnTable('staff'));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A meeting that took place at `startsAt` (registrations made the week before). */
async function pastMeeting(startsAt: string, areaCode: string, people: Array<{ places: number; attended: boolean; cancel?: boolean }>) {
  const registeredAt = new Date(Date.parse(startsAt) - 7 * DAY);
  const meeting = await createMeeting(exampleMeeting({ areaCode, registrationOpensAt: new Date(Date.parse(startsAt) - 30 * DAY).toISOString() }, new Date(Date.parse(startsAt) - 10 * DAY), 10 * 24), registeredAt);
  const start = Date.parse(meeting.startsAt);
  for (const person of people) {
    const { registration } = await register(meeting.id, exampleResident({ places: person.places }), registeredAt);
    if (person.cancel) await cancelRegistration(meeting.id, registration.id, 'resident', new Date(start - DAY));
    else if (person.attended) await markAttended(meeting.id, registration.id, true, new Date(start + 10 * 60_000));
  }
  return (await getMeeting(meeting.id))!;
}

describe('staff', () => {
  it('reports attendance per council area and overall; only ended meetings count toward no-shows', async () => {
    const now = new Date('2033-06-01T12:00:00Z');
    // Blaby: 4 places registered, 3 attended, 1 cancelled place.
    await pastMeeting('2033-05-01T18:00:00Z', 'E07000129', [
      { places: 2, attended: true },
      { places: 1, attended: true },
      { places: 1, attended: false },
      { places: 1, attended: false, cancel: true },
    ]);
    // Rutland: 2 registered, none attended.
    await pastMeeting('2033-05-10T18:00:00Z', 'E06000017', [{ places: 2, attended: false }]);
    // Rutland, not yet ended at `now`: registered but no no-shows.
    await pastMeeting('2033-06-01T11:30:00Z', 'E06000017', [{ places: 3, attended: false }]);
    // Cancelled meetings do not count.
    const cancelled = await pastMeeting('2033-05-20T18:00:00Z', 'E06000016', [{ places: 1, attended: false }]);
    await cancelMeeting(cancelled.id, 'The hall is closed', new Date('2033-05-19T12:00:00Z'));
    // Outside the range.
    await pastMeeting('2033-04-01T18:00:00Z', 'E07000129', [{ places: 1, attended: false }]);

    const report = await attendanceReport({ from: new Date('2033-04-15T00:00:00Z'), to: new Date('2033-07-01T00:00:00Z'), now });
    const area = (code: string) => report.byArea.find((a) => a.areaCode === code)!;
    expect(report.byArea).toHaveLength(9);
    expect(area('E07000129')).toMatchObject({ areaName: 'Blaby', meetings: 1, registered: 4, attended: 3, cancelled: 1, noShows: 1, noShowRate: 0.25 });
    expect(area('E06000017')).toMatchObject({ areaName: 'Rutland', meetings: 2, registered: 5, attended: 0, noShows: 2, noShowRate: 1 });
    expect(area('E06000016')).toMatchObject({ meetings: 0, registered: 0, noShowRate: null });
    expect(report.overall).toMatchObject({ meetings: 3, registered: 9, attended: 3, cancelled: 1, noShows: 3 });
    expect(report.overall.noShowRate).toBeCloseTo(3 / 6);
  });

  it('summarises one meeting, with no-shows only once it has ended', async () => {
    const meeting = await pastMeeting('2033-08-01T18:00:00Z', 'E07000131', [
      { places: 2, attended: true },
      { places: 2, attended: false },
    ]);
    expect(attendanceSummary(meeting, new Date('2033-08-01T18:30:00Z'))).toEqual({ registered: 4, attended: 2, walkIns: 0, cancelled: 0, noShows: 0, noShowRate: null, ended: false });
    expect(attendanceSummary(meeting, new Date('2033-08-02T00:00:00Z'))).toEqual({ registered: 4, attended: 2, walkIns: 0, cancelled: 0, noShows: 2, noShowRate: 0.5, ended: true });
  });

  it('finds people at the door by part of their name or their reference', async () => {
    const meeting = await createMeeting(exampleMeeting());
    const { registration } = await register(meeting.id, exampleResident({ name: 'Priya Shah' }));
    await register(meeting.id, exampleResident({ name: 'Sam Patel' }));
    expect((await findRegistrations(meeting.id, 'shah')).map((r) => r.name)).toEqual(['Priya Shah']);
    expect((await findRegistrations(meeting.id, 'A')).length).toBe(2);
    expect((await findRegistrations(meeting.id, registration.reference.toLowerCase())).map((r) => r.id)).toEqual([registration.id]);
    expect((await findRegistrations(meeting.id, registration.id)).map((r) => r.id)).toEqual([registration.id]);
    expect(await findRegistrations(meeting.id, '   ')).toEqual([]);
  });

  it('lists the questions people sent, in arrival order, leaving out cancelled registrations', async () => {
    const meeting = await createMeeting(exampleMeeting());
    await register(meeting.id, exampleResident({ name: 'First', question: 'What about the A6?' }));
    await register(meeting.id, exampleResident({ name: 'No question' }));
    const gone = await register(meeting.id, exampleResident({ name: 'Gone', question: 'Withdrawn' }));
    await register(meeting.id, exampleResident({ name: 'Second', question: 'Speed cameras?' }));
    await cancelRegistration(meeting.id, gone.registration.id, 'resident');
    expect((await listQuestions(meeting.id)).map((q) => [q.name, q.question])).toEqual([
      ['First', 'What about the A6?'],
      ['Second', 'Speed cameras?'],
    ]);
  });

  it('lists upcoming meetings by area for residents, and everything for staff', async () => {
    const now = new Date('2034-01-10T12:00:00Z');
    const soon = await createMeeting(exampleMeeting({ areaCode: 'E07000133' }, now, 24), now);
    const later = await createMeeting(exampleMeeting({ areaCode: 'E07000133' }, now, 48), now);
    const elsewhere = await createMeeting(exampleMeeting({ areaCode: 'E07000135' }, now, 30), now);
    const planned = new Date(now.getTime() - 7 * DAY); // meetings that have started were planned before
    const inProgress = await createMeeting(exampleMeeting({ areaCode: 'E07000133' }, now, -1), planned); // started an hour ago, ends in one
    const over = await createMeeting(exampleMeeting({ areaCode: 'E07000133' }, now, -5), planned);
    const calledOff = await createMeeting(exampleMeeting({ areaCode: 'E07000133' }, now, 72), now);
    await cancelMeeting(calledOff.id, 'The hall is closed', now);

    const melton = await listUpcomingMeetings({ areaCode: 'E07000133', now });
    expect(melton.map((m) => m.id)).toEqual([inProgress.id, soon.id, later.id]);
    expect((await listUpcomingMeetings({ now })).map((m) => m.id)).toContain(elsewhere.id);

    const forStaff = await listMeetingsForStaff({ now });
    expect(forStaff.upcoming.map((m) => m.id)).toEqual(expect.arrayContaining([inProgress.id, soon.id, later.id, elsewhere.id, calledOff.id]));
    expect(forStaff.upcoming.map((m) => m.id)).not.toContain(over.id);
    expect(forStaff.past[0]!.id).toBe(over.id);
  });
});
