/**
 * Demo meetings for `npm start` (the examples in fixtures.ts), a few days to a few weeks ahead of the
 * day it first runs. Idempotent: meeting ids are fixed and created conditionally, and demo residents
 * register with fixed emails (a second registration with the same email returns the first), so running
 * it again creates nothing.
 */
import { atLondonTime, londonDay } from '../core/time.js';
import { demoMeetings } from './fixtures.js';
import { changeJoinLink, getJoinLink } from './join-links.js';
import { createMeetingWithId } from './meetings.js';
import { meetingInput, registrationInput } from './model.js';
import { registerForMeeting } from './registering.js';
import { registrationIdForEmail } from './store/registrations.js';

const DAY = 24 * 3_600_000;

export async function seedDemoData(now: Date = new Date()): Promise<void> {
  for (const demo of demoMeetings) {
    const day = londonDay(new Date(now.getTime() + demo.daysAhead * DAY));
    const startsAt = atLondonTime(day, 18, 30);
    const input = meetingInput.parse({
      title: demo.title,
      description: demo.description,
      areaCode: demo.areaCode,
      venue: demo.venue,
      address: demo.address,
      latitude: demo.latitude,
      longitude: demo.longitude,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      registrationOpensAt: new Date(now.getTime() - DAY).toISOString(),
      registrationClosesAt: new Date(startsAt.getTime() - 2 * 3_600_000).toISOString(),
      capacity: demo.capacity,
      ...(demo.mode ? { mode: demo.mode, onlineCapacity: demo.onlineCapacity } : {}),
      maxPlacesPerRegistration: demo.maxPlacesPerRegistration,
      waitingList: true,
      accessInformation: demo.accessInformation,
    });
    await createMeetingWithId(demo.id, input, now);
    if (demo.joinUrl && !(await getJoinLink(demo.id))) await changeJoinLink(demo.id, { url: demo.joinUrl, version: 0 }, 'Demo data', now);
    // Always (re)run, registering only who is not there yet: a seed interrupted half-way completes, and
    // a complete one creates nothing (and sends nobody their details again).
    for (let i = 1; i <= (demo.residents ?? 0); i++) {
      const email = `demo.resident${i}@example.org`;
      if (await registrationIdForEmail(demo.id, email, { now })) continue;
      await registerForMeeting(demo.id, registrationInput.parse({ name: `Demo Resident ${i}`, email, places: 2, privacyAccepted: true }), now);
    }
  }
}
