/**
 * The programme against DynamoDB Local through the contention proxy: slots follow a session's times; a
 * change of times that would move a booked slot is refused and writes nothing, even when the booking
 * arrives while staff are saving; blocking; cancelling a session cancels every booking in it.
 */
import { describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../test/support/contention.js';
import { Refusal } from '../core/refusal.js';
import { formatLondonTime } from '../core/time.js';
import { bookSlot } from './booking.js';
import { aBooking, aCouncil, aSession, exampleDetails, exampleSession, slotIds } from './fixtures.js';
import { cancelSession, editSession, inputOf, publishSession, requireSession, setSlotBlocked } from './sessions.js';
import { slotTimes } from './slots.js';
import { getBooking } from './store/bookings.js';
import { readSessionPartition } from './store/sessions.js';

useContentionProxy();

describe('slots', () => {
  it('follow the times in London: 30 minutes with 10 between, on the day the clocks go back too', () => {
    const times = slotTimes({ startsAt: '2026-10-25T09:00:00.000Z', endsAt: '2026-10-25T11:00:00.000Z', slotMinutes: 30, bufferMinutes: 10 });
    expect(times.map((t) => t.startsAt)).toEqual(['2026-10-25T09:00:00.000Z', '2026-10-25T09:40:00.000Z', '2026-10-25T10:20:00.000Z']);
    expect(times[0]).toMatchObject({ id: '20261025T0900Z', endsAt: '2026-10-25T09:30:00.000Z' });
  });

  it('are made with the session: twelve from 9am to 5pm, London time in summer', async () => {
    const session = await aSession(exampleSession({ date: '2031-07-03' }));
    expect(session.startsAt).toBe('2031-07-03T08:00:00.000Z');
    const { slots } = await readSessionPartition(session.id);
    expect(slots).toHaveLength(12);
    expect(slots.at(-1)).toMatchObject({ startsAt: '2031-07-03T15:20:00.000Z', endsAt: '2031-07-03T15:50:00.000Z', sessionStatus: 'published' });
  });
});

describe('changing a session', () => {
  it('refuses new times that would move a booked slot, naming it, and writes nothing', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    await aBooking(session, council, { index: 1 });
    const before = await readSessionPartition(session.id);
    await expect(editSession(session.id, { ...inputOf(session), startTime: '09:30' })).rejects.toMatchObject({ code: 'booked_slot_would_move', message: expect.stringContaining('9:40am') });
    await expect(editSession(session.id, { ...inputOf(session), slotMinutes: 20 })).rejects.toMatchObject({ code: 'booked_slot_would_move' });
    const after = await readSessionPartition(session.id);
    expect(after.slots).toEqual(before.slots);
    expect(after.session!.version).toBe(before.session!.version);
  });

  it('allows times that keep booked slots as they are, adding and removing free ones', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const original = await slotIds(session.id);
    await aBooking(session, council, { index: 0 });
    const edited = await editSession(session.id, { ...inputOf(session), endTime: '12:00', venueName: 'The Old School' });
    expect(edited.venueName).toBe('The Old School');
    expect((await readSessionPartition(session.id)).slots.map((s) => s.id)).toEqual(original.slice(0, 4));
    await editSession(session.id, { ...inputOf(edited), endTime: '13:00', bufferMinutes: 0 });
    const { slots } = await readSessionPartition(session.id);
    expect(slots.map((s) => formatLondonTime(s.startsAt))).toEqual(['9am', '9:30am', '10am', '10:30am', '11am', '11:30am', '12pm', '12:30pm']);
    expect(slots[0]!.bookingId).toBeDefined();
  });

  it('refuses going back to draft or moving district while councils are booked', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    await aBooking(session, council);
    await expect(editSession(session.id, { ...inputOf(session), status: 'draft' })).rejects.toMatchObject({ code: 'session_has_bookings', fields: [{ field: 'status' }] });
    await expect(editSession(session.id, { ...inputOf(session), districtCode: 'E07000131' })).rejects.toMatchObject({ code: 'session_has_bookings', fields: [{ field: 'districtCode' }] });
  });

  it('publishes a draft: its slots become bookable', async () => {
    const [session, council] = await Promise.all([aSession({ status: 'draft' }), aCouncil()]);
    await publishSession(session.id);
    expect((await aBooking(session, council)).status).toBe('confirmed');
  });

  it('when staff shorten a session while a council books its last slot, one of them wins and nothing is half-done', async () => {
    for (let round = 0; round < 4; round++) {
      const [session, council] = await Promise.all([aSession(), aCouncil()]);
      const ids = await slotIds(session.id);
      const [edit, booking] = await Promise.allSettled([
        // 9am to 4pm leaves ten slots: the twelfth goes.
        editSession(session.id, { ...inputOf(session), endTime: '16:00' }),
        bookSlot({ sessionId: session.id, slotId: ids[11]!, councilId: council.id, details: exampleDetails(), via: 'invitation' }),
      ]);
      const { slots, session: stored } = await readSessionPartition(session.id);
      if (edit.status === 'fulfilled') {
        expect(slots).toHaveLength(10);
        expect(booking.status).toBe('rejected');
        expect((booking as PromiseRejectedResult).reason).toBeInstanceOf(Refusal);
      } else {
        expect((edit.reason as Refusal).code).toBe('booked_slot_would_move');
        expect(slots).toHaveLength(12);
        expect(slots[11]!.bookingId).toBeDefined();
        expect(stored!.endTime).toBe('17:00');
      }
    }
  });
});

describe('blocking slots', () => {
  it('blocks a free slot (nobody can book it) and unblocks it; a booked slot cannot be blocked', async () => {
    const [session, council, other] = await Promise.all([aSession(), aCouncil(), aCouncil()]);
    const ids = await slotIds(session.id);
    await setSlotBlocked(session.id, ids[2]!, true);
    await expect(bookSlot({ sessionId: session.id, slotId: ids[2]!, councilId: council.id, details: exampleDetails(), via: 'invitation' })).rejects.toMatchObject({ code: 'slot_taken' });
    await setSlotBlocked(session.id, ids[2]!, false);
    expect((await aBooking(session, council, { index: 2 })).status).toBe('confirmed');
    await expect(setSlotBlocked(session.id, ids[2]!, true)).rejects.toMatchObject({ code: 'slot_booked' });
    await expect(setSlotBlocked(session.id, '20000101T0000Z', true)).rejects.toMatchObject({ code: 'slot_not_found' });
    expect(other).toBeDefined();
  });
});

describe('cancelling a session', () => {
  it('marks it cancelled, cancels every booking in it with the reason, and refuses new bookings', async () => {
    const [session, a, b, c] = await Promise.all([aSession(), aCouncil(), aCouncil(), aCouncil()]);
    const booked = await Promise.all([aBooking(session, a, { index: 0 }), aBooking(session, b, { index: 3 })]);
    const { bookingsCancelled } = await cancelSession(session.id, 'The venue is closed');
    expect(bookingsCancelled).toBe(2);
    expect((await requireSession(session.id)).status).toBe('cancelled');
    for (const booking of booked) expect(await getBooking(booking.id)).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', cancelReason: expect.stringContaining('The venue is closed') });
    const { slots, guards } = await readSessionPartition(session.id);
    expect(slots.every((s) => s.sessionStatus === 'cancelled' && !s.bookingId)).toBe(true);
    expect(guards.size).toBe(0);
    await expect(aBooking(session, c, { index: 5 })).rejects.toMatchObject({ code: 'session_cancelled' });
    await expect(editSession(session.id, inputOf(session))).rejects.toMatchObject({ code: 'session_cancelled' });
  });
});
