/**
 * The waiting list against real DynamoDB Local: a freed place goes to the oldest person waiting whose
 * party fits, racing cancellations never overbook, and the scheduled sweep finishes what a crashed
 * request left behind. Own table, because the scheduled job looks at every meeting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { refusalStatus } from '../core/http/errors.js';
import { Refusal } from '../core/refusal.js';
import { handler as delivery } from './delivery.js';
import { meetingEmail } from './notify.js';
import { cancelRegistration } from './cancelling.js';
import { changePlaces } from './changing-places.js';
import { markAttended } from './check-in.js';
import { createMeeting, getMeeting, updateMeeting } from './meetings.js';
import { listRegistrations } from './registrations.js';
import { runScheduledWork } from './scheduled.js';
import * as places from './store/places.js';
import * as store from './store/registrations.js';
import { waitForEmail, waitForEmails } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { exampleMeeting, exampleResident, uniqueEmail, register } from './fixtures.js';

beforeAll(() => useOwnTable('waiting-list'));

const confirmedPlaces = async (meetingId: string) =>
  (await listRegistrations(meetingId)).filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.places, 0);

describe('the waiting list', () => {
  it('promotes the oldest waiting registrations that fit when a confirmed place is cancelled, and emails them', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 4 }));
    const holder = await register(meeting.id, exampleResident({ places: 3 }));
    await register(meeting.id, exampleResident({ places: 1 }));
    const bigParty = await register(meeting.id, exampleResident({ places: 4 })); // oldest, but won't fit 3 places
    const first = await register(meeting.id, exampleResident({ places: 2, email: uniqueEmail('first') }));
    const second = await register(meeting.id, exampleResident({ places: 1, email: uniqueEmail('second') }));
    const third = await register(meeting.id, exampleResident({ places: 1 }));
    expect([bigParty, first, second, third].map((r) => r.registration.status)).toEqual(['waitlisted', 'waitlisted', 'waitlisted', 'waitlisted']);

    await cancelRegistration(meeting.id, holder.registration.id, 'resident');

    const after = await listRegistrations(meeting.id);
    const status = (id: string) => after.find((r) => r.id === id)!.status;
    expect(status(bigParty.registration.id)).toBe('waitlisted');
    expect(status(first.registration.id)).toBe('confirmed');
    expect(status(second.registration.id)).toBe('confirmed');
    expect(status(third.registration.id)).toBe('waitlisted');
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 4, waitlistedCount: 5, cancelledCount: 3 });

    // Emails are sent from the outbox moments later, as they are then: a waiting-list email not yet
    // sent when the place came is skipped, so nobody is told they are waiting once they have a place.
    const promotedEmail = await waitForEmail(first.registration.email, 'Good news: you have a place at Car cruising in Kegworth');
    const emails = await waitForEmails(first.registration.email);
    expect(emails.at(-1)).toEqual(promotedEmail);
    expect(emails.map((e) => e.subject).filter((s) => s !== promotedEmail.subject)).toEqual(
      emails.length === 2 ? ['You are on the waiting list for Car cruising in Kegworth'] : [],
    );
    expect(after.find((r) => r.id === first.registration.id)!.lastEmail).toMatchObject({ kind: 'promoted' });
    await expect.poll(async () => (await listRegistrations(meeting.id)).find((r) => r.id === first.registration.id)!.lastEmail?.status).toBe('sent');
  });

  it('never overbooks when cancellations race', async () => {
    for (let round = 0; round < 3; round++) {
      const meeting = await createMeeting(exampleMeeting({ capacity: 6, maxPlacesPerRegistration: 2 }));
      const holders: Awaited<ReturnType<typeof register>>[] = [];
      for (let i = 0; i < 3; i++) holders.push(await register(meeting.id, exampleResident({ places: 2 })));
      for (let i = 0; i < 8; i++) await register(meeting.id, exampleResident({ places: (i % 2) + 1 }));

      await Promise.all(holders.map((h) => cancelRegistration(meeting.id, h.registration.id, h === holders[0] ? 'staff' : 'resident')));

      const stored = (await getMeeting(meeting.id))!;
      expect(await confirmedPlaces(meeting.id)).toBe(6);
      expect(stored.placesLeft).toBe(0);
      expect(stored.confirmedCount).toBe(6);
      const waiting = (await listRegistrations(meeting.id)).filter((r) => r.status === 'waitlisted');
      expect(stored.waitlistedCount).toBe(waiting.reduce((n, r) => n + r.places, 0));
    }
  });

  it('promotes when a waiting registration cancels nothing but a confirmed one gives back places', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 3 }));
    const holder = await register(meeting.id, exampleResident({ places: 3 }));
    const waiting = await register(meeting.id, exampleResident({ places: 1 }));
    await cancelRegistration(meeting.id, waiting.registration.id, 'resident');
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, waitlistedCount: 0, cancelledCount: 1 });

    const next = await register(meeting.id, exampleResident({ places: 1 }));
    expect(next.registration.status).toBe('waitlisted');
    await changePlaces(meeting.id, holder.registration.id, 2);
    const promoted = (await listRegistrations(meeting.id)).find((r) => r.id === next.registration.id)!;
    expect(promoted.status).toBe('confirmed');
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 3 });
  });

  it('lets the same person register again after cancelling', async () => {
    const meeting = await createMeeting(exampleMeeting());
    const input = exampleResident();
    const first = await register(meeting.id, input);
    await cancelRegistration(meeting.id, first.registration.id, 'resident');
    const again = await register(meeting.id, input);
    expect(again.registration.reference).not.toBe(first.registration.reference);
  });

  it('changes places only within what is free', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 4, maxPlacesPerRegistration: 4 }));
    const a = await register(meeting.id, exampleResident({ places: 1 }));
    await register(meeting.id, exampleResident({ places: 2 }));
    const error = await changePlaces(meeting.id, a.registration.id, 4).catch((e: Refusal) => e);
    expect(error).toBeInstanceOf(Refusal);
    expect(refusalStatus(error as Refusal)).toBe(409);
    expect(error).toMatchObject({ fields: [{ field: 'places', message: 'Only 1 more place is available' }] });
    expect((await changePlaces(meeting.id, a.registration.id, 2)).places).toBe(2);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 4 });
    const over = await changePlaces(meeting.id, a.registration.id, 5).catch((e: Refusal) => e);
    expect(over).toMatchObject({ kind: 'invalid', fields: [{ field: 'places' }] });
  });

  it('offers new capacity to the waiting list, and refuses capacity below confirmed places', async () => {
    const input = exampleMeeting({ capacity: 2 });
    const meeting = await createMeeting(input);
    await register(meeting.id, exampleResident({ places: 2 }));
    const waiting = await register(meeting.id, exampleResident({ places: 1 }));

    const tooSmall = await updateMeeting(meeting.id, { ...input, capacity: 1 }).catch((e: Refusal) => e);
    expect(tooSmall).toMatchObject({ kind: 'conflict', fields: [{ field: 'capacity' }] });

    await updateMeeting(meeting.id, { ...input, capacity: 3 });
    expect((await listRegistrations(meeting.id)).find((r) => r.id === waiting.registration.id)!.status).toBe('confirmed');
    expect(await getMeeting(meeting.id)).toMatchObject({ capacity: 3, placesLeft: 0, confirmedCount: 3, waitlistedCount: 0 });
  });

  it('lets the scheduled sweep promote what a request that died half-way left behind', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 2 }));
    const holder = await register(meeting.id, exampleResident({ places: 2 }));
    const waiting = await register(meeting.id, exampleResident({ places: 1 }));
    // The cancellation's transaction commits, then the Lambda dies before promoting anyone.
    const registration = (await store.getRegistration(meeting.id, holder.registration.id))!;
    const now = new Date();
    expect(await places.saveCancellation(registration, meeting, 'resident', now.toISOString(), meetingEmail('cancelled', meeting, registration.id, now))).toBe(true);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 2, waitlistedCount: 1 });

    const result = await runScheduledWork();
    expect(result.promoted).toBeGreaterThanOrEqual(1);
    expect((await listRegistrations(meeting.id)).find((r) => r.id === waiting.registration.id)!.status).toBe('confirmed');
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 1, waitlistedCount: 0 });
    // The cancellation email was written in the same transaction, so it is sent like any other.
    await delivery.deliverDue(new Date(now.getTime() + 2 * 60_000));
    await waitForEmail(holder.registration.email, 'Cancelled: your place at Car cruising in Kegworth');
  });

  it('keeps attendance counts and will not cancel someone already checked in', async () => {
    const meeting = await createMeeting(exampleMeeting());
    const a = await register(meeting.id, exampleResident({ places: 2 }));
    await markAttended(meeting.id, a.registration.id, true);
    await markAttended(meeting.id, a.registration.id, true);
    expect((await getMeeting(meeting.id))!.attendedCount).toBe(2);
    const error = await cancelRegistration(meeting.id, a.registration.id, 'staff').catch((e: Refusal) => e);
    expect(error).toMatchObject({ kind: 'conflict', code: 'already_attended' });
    await markAttended(meeting.id, a.registration.id, false);
    expect((await getMeeting(meeting.id))!.attendedCount).toBe(0);
  });
});
