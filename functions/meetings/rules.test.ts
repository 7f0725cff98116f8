import { describe, expect, it } from 'vitest';
import type { Meeting } from './model.js';
import { attendanceSummary, dueReminder, registrationWindow, reminderTime, sumAttendance } from './rules.js';

const meeting = (overrides: Partial<Meeting> = {}): Meeting => ({
  id: 'm',
  title: 'Meeting',
  description: '',
  areaCode: 'E06000016',
  venue: 'Hall',
  address: 'Street',
  latitude: 52.6,
  longitude: -1.1,
  startsAt: '2030-05-10T18:00:00.000Z',
  endsAt: '2030-05-10T20:00:00.000Z',
  registrationOpensAt: '2030-04-01T09:00:00.000Z',
  registrationClosesAt: '2030-05-10T16:00:00.000Z',
  capacity: 50,
  maxPlacesPerRegistration: 2,
  waitingList: true,
  accessInformation: '',
  status: 'scheduled',
  placesLeft: 50,
  confirmedCount: 0,
  waitlistedCount: 0,
  cancelledCount: 0,
  attendedCount: 0,
  sequence: 0,
  createdAt: '2030-03-01T00:00:00.000Z',
  updatedAt: '2030-03-01T00:00:00.000Z',
  ...overrides,
});

const at = (iso: string) => new Date(iso);

describe('registrationWindow', () => {
  it('is open from the opening instant up to (not including) the closing instant', () => {
    expect(registrationWindow(meeting(), at('2030-04-01T09:00:00.000Z'))).toEqual({ open: true });
    expect(registrationWindow(meeting(), at('2030-05-10T15:59:59.999Z'))).toEqual({ open: true });
  });

  it.each([
    ['2030-04-01T08:59:59.999Z', 'registration_not_open'],
    ['2030-05-10T16:00:00.000Z', 'registration_closed'],
    ['2030-05-10T18:00:00.000Z', 'meeting_started'],
    ['2030-05-11T18:00:00.000Z', 'meeting_started'],
  ])('at %s says %s', (now, code) => {
    const window = registrationWindow(meeting(), at(now));
    expect(window).toMatchObject({ open: false, code });
    expect(window.open || window.message.length > 10).toBe(true);
  });

  it('says cancelled before anything else', () => {
    expect(registrationWindow(meeting({ status: 'cancelled' }), at('2030-04-01T08:00:00.000Z'))).toMatchObject({ code: 'meeting_cancelled' });
  });
});

describe('reminders', () => {
  const m = meeting();
  it('are due 48 hours and 2 hours before the start', () => {
    expect(reminderTime(m.startsAt, '48h')).toBe('2030-05-08T18:00:00.000Z');
    expect(reminderTime(m.startsAt, '2h')).toBe('2030-05-10T16:00:00.000Z');
  });

  it.each([
    ['2030-05-08T17:59:59.999Z', undefined],
    ['2030-05-08T18:00:00.000Z', '48h'],
    ['2030-05-10T15:59:00.000Z', '48h'],
    ['2030-05-10T16:00:00.000Z', '2h'],
    ['2030-05-10T17:59:00.000Z', '2h'],
    ['2030-05-10T18:00:00.000Z', undefined],
  ])('at %s the due reminder is %s', (now, kind) => {
    expect(dueReminder(m, at(now))).toBe(kind);
  });

  it('are never due for a cancelled meeting', () => {
    expect(dueReminder(meeting({ status: 'cancelled' }), at('2030-05-10T17:00:00.000Z'))).toBeUndefined();
  });
});

describe('attendance', () => {
  const ended = meeting({ confirmedCount: 10, attendedCount: 7, cancelledCount: 2 });
  it('counts no-shows only once the meeting has ended', () => {
    expect(attendanceSummary(ended, at('2030-05-10T19:00:00.000Z'))).toEqual({ registered: 10, attended: 7, walkIns: 0, cancelled: 2, noShows: 0, noShowRate: null, ended: false });
    expect(attendanceSummary(ended, at('2030-05-10T20:00:00.000Z'))).toEqual({ registered: 10, attended: 7, walkIns: 0, cancelled: 2, noShows: 3, noShowRate: 0.3, ended: true });
  });

  it('counts walk-ins among those who came, but not as registered places used', () => {
    const withWalkIns = meeting({ confirmedCount: 10, attendedCount: 7, walkInCount: 5 });
    expect(attendanceSummary(withWalkIns, at('2030-05-10T20:00:00.000Z'))).toEqual({ registered: 10, attended: 12, walkIns: 5, cancelled: 0, noShows: 3, noShowRate: 0.3, ended: true });
  });

  it('has no rate for an ended meeting nobody registered for', () => {
    expect(attendanceSummary(meeting(), at('2031-01-01T00:00:00.000Z')).noShowRate).toBeNull();
  });

  it('adds meetings up, with the rate over ended meetings only', () => {
    const notEnded = meeting({ startsAt: '2030-06-01T18:00:00.000Z', endsAt: '2030-06-01T20:00:00.000Z', confirmedCount: 5 });
    expect(sumAttendance([ended, notEnded], at('2030-05-20T00:00:00.000Z'))).toEqual({
      meetings: 2,
      registered: 15,
      attended: 7,
      walkIns: 0,
      cancelled: 2,
      noShows: 3,
      noShowRate: 0.3,
    });
    expect(sumAttendance([], at('2030-05-20T00:00:00.000Z'))).toEqual({ meetings: 0, registered: 0, attended: 0, walkIns: 0, cancelled: 0, noShows: 0, noShowRate: null });
  });
});
