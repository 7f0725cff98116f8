/**
 * Meetings online and hybrid, through the real local platform (DynamoDB Local and its stream, the SES
 * emulator): places per mode decided and freed in their own mode, the join link only ever in the emails
 * (and invites) of people with a confirmed place online, never on a public page or in the public API,
 * and a change of link emailed to them with an updated invite (same UID, higher SEQUENCE).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readInvite } from '../../test/support/calendar.js';
import { inbox, manageTokenFor, waitForEmail, type StoredEmail } from '../../test/support/inbox.js';
import { requestsTo } from '../../test/support/requests.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { app } from './app.js';
import { cancelRegistration } from './cancelling.js';
import { aMeeting, allDecided, exampleMeeting, registrationAnswers, uniqueEmail } from './fixtures.js';
import { changeJoinLink } from './join-links.js';
import { getMeeting, updateMeeting } from './meetings.js';
import { listRegistrations } from './registrations.js';

let staff: Record<string, string>;
beforeAll(async () => {
  staff = bearer(await staffToken());
});
const { get } = requestsTo(app);

const api = (path: string, method: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
const registerBy = (meetingId: string, email: string, attendMode?: string) =>
  api(`/api/meetings/${meetingId}/registrations`, 'POST', { name: 'Alex Resident', email, places: 1, privacyAccepted: true, ...(attendMode ? { attendMode } : {}) });

const LINK = 'https://zoom.us/j/98765432100?pwd=first';
const NEW_LINK = 'https://zoom.us/j/11122233344?pwd=second';

const invite = (email: StoredEmail) => {
  const ics = email.attachments.find((a) => a.filename === 'meeting.ics' || a.contentType.startsWith('text/calendar'));
  expect(ics, `an invite in "${email.subject}"`).toBeDefined();
  return readInvite(ics!.content.includes('BEGIN:VCALENDAR') ? ics!.content : Buffer.from(ics!.content, 'base64').toString());
};

describe('a hybrid meeting', () => {
  it('decides each registration against its own mode’s places, and frees a cancelled place to the first waiting in that mode', async () => {
    const meeting = await aMeeting({ mode: 'hybrid', capacity: 2, onlineCapacity: 2, maxPlacesPerRegistration: 1 });
    // One at a time, so arrival order is known: in person, online, alternately.
    const people = Array.from({ length: 6 }, (_, i) => ({ email: uniqueEmail(`hybrid${i}`), mode: i % 2 ? 'online' : 'in-person' }));
    for (const p of people) {
      expect((await registerBy(meeting.id, p.email, p.mode)).status).toBe(202);
      await allDecided(meeting.id);
    }
    const byEmail = async () => new Map((await listRegistrations(meeting.id)).map((r) => [r.email, r]));
    let now = await byEmail();
    expect(people.map((p) => [p.mode, now.get(p.email)!.attendMode, now.get(p.email)!.status])).toEqual([
      ['in-person', 'in-person', 'confirmed'],
      ['online', 'online', 'confirmed'],
      ['in-person', 'in-person', 'confirmed'],
      ['online', 'online', 'confirmed'],
      ['in-person', 'in-person', 'waitlisted'],
      ['online', 'online', 'waitlisted'],
    ]);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 2, waitlistedCount: 1, onlinePlacesLeft: 0, onlineConfirmedCount: 2, onlineWaitlistedCount: 1 });
    // Staff see each mode's places, and each person's way of attending on the meeting's page and at the door.
    const staffPage = await (await get(`/staff/meetings/${meeting.id}`, staff)).text();
    expect(staffPage).toMatch(/Places in person\s*<\/dt>\s*<dd[^>]*>\s*2 of 2 taken, 1 place waiting/);
    expect(staffPage).toMatch(/Places online\s*<\/dt>\s*<dd[^>]*>\s*2 of 2 taken, 1 place waiting/);
    expect(staffPage).toContain('<th scope="col" class="govuk-table__header">Attending</th>');
    const door = await (await get(`/staff/meetings/${meeting.id}/check-in?search=Alex`, staff)).text();
    expect(door.match(/1 place, online/g)).toHaveLength(3);
    expect(door.match(/1 place, in person/g)).toHaveLength(3);

    // An online place freed goes to the person waiting online, not to the one waiting in person who asked first.
    await cancelRegistration(meeting.id, now.get(people[1]!.email)!.id, 'staff');
    now = await byEmail();
    expect(now.get(people[5]!.email)!.status).toBe('confirmed');
    expect(now.get(people[4]!.email)!.status).toBe('waitlisted');
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 2, waitlistedCount: 1, onlinePlacesLeft: 0, onlineConfirmedCount: 2, onlineWaitlistedCount: 0, cancelledCount: 1 });
  });

  it('refuses a registration that does not say how they attend, or picks a way the meeting is not held, naming attendMode', async () => {
    const hybrid = await aMeeting({ mode: 'hybrid', onlineCapacity: 5 });
    const online = await aMeeting({ mode: 'online', onlineCapacity: 5 });
    const inPerson = await aMeeting();
    for (const [meetingId, mode] of [[hybrid.id, undefined], [hybrid.id, 'by-carrier-pigeon'], [online.id, 'in-person'], [inPerson.id, 'online']] as const) {
      const res = await registerBy(meetingId, uniqueEmail('mode'), mode);
      expect(res.status, `${meetingId} ${mode}`).toBe(400);
      expect((await res.json()).error.fields.map((f: { field: string }) => f.field)).toEqual(['attendMode']);
    }
    expect(await listRegistrations(hybrid.id)).toEqual([]);
    // An online meeting registers people online without asking.
    expect((await registerBy(online.id, uniqueEmail('online'))).status).toBe(202);
    await allDecided(online.id);
    expect((await listRegistrations(online.id)).map((r) => [r.attendMode, r.status])).toEqual([['online', 'confirmed']]);
    expect(await getMeeting(online.id)).toMatchObject({ capacity: 0, placesLeft: 0, onlinePlacesLeft: 4, onlineConfirmedCount: 1 });
  });

  it('asks "How will you attend?" on the form only when hybrid, and names the question when it is not answered', async () => {
    const hybrid = await aMeeting({ mode: 'hybrid', onlineCapacity: 5 });
    const html = await (await get(`/meetings/${hybrid.id}`)).text();
    expect(html).toContain('How will you attend?');
    expect(html).toMatch(/<input[^>]*id="attendMode"[^>]*name="attendMode"[^>]*type="radio"[^>]*value="in-person"/);
    expect(html).toContain('In person: 20 places left. Online: 5 places left');
    for (const other of [await aMeeting(), await aMeeting({ mode: 'online', onlineCapacity: 5 })]) {
      expect(await (await get(`/meetings/${other.id}`)).text()).not.toContain('name="attendMode"');
    }
    const { post } = requestsTo(app);
    const answered = await post(`/meetings/${hybrid.id}/register`, registrationAnswers());
    expect(answered.status).toBe(400);
    const again = await answered.text();
    expect(again).toContain('<a href="#attendMode">Choose how you will attend: in person or online</a>');
    expect(await listRegistrations(hybrid.id)).toEqual([]);
  });
});

describe('the join link', () => {
  it('is never on the public page or in the public API; staff set it; only confirmed online registrants get it, in their confirmation and invite', async () => {
    const meeting = await aMeeting({ mode: 'hybrid', capacity: 5, onlineCapacity: 1 });
    const set = await api(`/api/meetings/${meeting.id}/join-link`, 'PUT', { url: LINK, version: 0 }, staff);
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ url: LINK, version: 1 });

    const online = uniqueEmail('online');
    const waiting = uniqueEmail('online-waiting');
    const inPerson = uniqueEmail('in-person');
    for (const [email, mode] of [[online, 'online'], [waiting, 'online'], [inPerson, 'in-person']] as const) {
      expect((await registerBy(meeting.id, email, mode)).status).toBe(202);
      await allDecided(meeting.id);
    }
    const confirmation = await waitForEmail(online, 'confirmed');
    expect(confirmation.body.text).toContain(LINK);
    expect(confirmation.body.text).not.toContain(meeting.address.split(',')[0]);
    const cal = invite(confirmation);
    expect(cal.location).toContain(LINK);
    expect(cal.description).toContain(`Join online: ${LINK}`);
    // In person: the venue, and no link anywhere.
    const inPersonEmail = await waitForEmail(inPerson, 'confirmed');
    expect(inPersonEmail.body.text).toContain(meeting.venue);
    expect(`${JSON.stringify(inPersonEmail.body)} ${invite(inPersonEmail).text}`).not.toContain('zoom.us');
    // Waiting for a place online: no link until they have one.
    const waitingEmail = await waitForEmail(waiting, 'waiting list');
    expect(JSON.stringify(waitingEmail.body)).not.toContain('zoom.us');
    expect(waitingEmail.attachments).toEqual([]);

    const page = await (await get(`/meetings/${meeting.id}`)).text();
    expect(page).toContain('In person and online');
    expect(page).not.toContain('zoom.us');
    // Their own page (from the manage link) says how they attend; the link stays in the emails.
    const manage = await (await get(`/manage/${await manageTokenFor(online)}`)).text();
    expect(manage).toMatch(/How you attend\s*<\/dt>\s*<dd[^>]*>\s*Online/);
    expect(manage).not.toContain('zoom.us');
    for (const path of [`/api/meetings/${meeting.id}`, '/api/meetings']) {
      const body = await (await app.request(path)).text();
      expect(body).toContain(meeting.id);
      expect(body).not.toContain('zoom.us');
    }
    const one = (await (await app.request(`/api/meetings/${meeting.id}`)).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ mode: 'hybrid', capacity: 5, placesLeft: 4, onlineCapacity: 1, onlinePlacesLeft: 0 });

    // Once they give up their place, nothing sent to them carries the link (their calendar's cancellation included).
    const theirs = (await listRegistrations(meeting.id)).find((r) => r.email === online)!;
    await cancelRegistration(meeting.id, theirs.id, 'resident');
    const cancelled = await waitForEmail(online, /cancel/i);
    const cancelledInvite = invite(cancelled);
    expect(cancelledInvite.method).toBe('CANCEL');
    expect(`${JSON.stringify(cancelled.body)} ${cancelledInvite.text}`).not.toContain('zoom.us');
    // The place online went to the person waiting for it, who is now sent the link.
    expect((await waitForEmail(waiting, /place/i)).body.text).toContain(LINK);
  });

  it('refuses anything but an https link, naming url; and a save over someone else’s change', async () => {
    const meeting = await aMeeting({ mode: 'online', onlineCapacity: 10 });
    for (const url of ['http://zoom.us/j/1', 'javascript:alert(1)', 'zoom.us/j/1', '']) {
      const res = await api(`/api/meetings/${meeting.id}/join-link`, 'PUT', { url, version: 0 }, staff);
      expect(res.status, url).toBe(400);
      expect((await res.json()).error.fields.map((f: { field: string }) => f.field)).toEqual(['url']);
    }
    expect((await api(`/api/meetings/${meeting.id}/join-link`, 'PUT', { url: LINK, version: 0 }, staff)).status).toBe(200);
    const stale = await api(`/api/meetings/${meeting.id}/join-link`, 'PUT', { url: NEW_LINK, version: 0 }, staff);
    expect(stale.status).toBe(409);
    const inPerson = await aMeeting();
    expect((await api(`/api/meetings/${inPerson.id}/join-link`, 'PUT', { url: LINK, version: 0 }, staff)).status).toBe(400);
  });

  it('emails a changed link to confirmed online registrants only, with an updated invite: the same UID, a higher SEQUENCE', async () => {
    const meeting = await aMeeting({ mode: 'hybrid', capacity: 5, onlineCapacity: 5 });
    await changeJoinLink(meeting.id, { url: LINK, version: 0 }, 'Officer');
    const online = uniqueEmail('changed-online');
    const inPerson = uniqueEmail('changed-in-person');
    for (const [email, mode] of [[online, 'online'], [inPerson, 'in-person']] as const) expect((await registerBy(meeting.id, email, mode)).status).toBe(202);
    await allDecided(meeting.id);
    const first = invite(await waitForEmail(online, 'confirmed'));
    await waitForEmail(inPerson, 'confirmed');

    await changeJoinLink(meeting.id, { url: NEW_LINK, version: 1 }, 'Officer');
    const changed = await waitForEmail(online, 'How to join');
    expect(changed.body.text).toContain(NEW_LINK);
    expect(changed.body.text).not.toContain(LINK);
    const updated = invite(changed);
    expect(updated.uid).toBe(first.uid);
    expect(updated.sequence).toBeGreaterThan(first.sequence);
    expect(updated.method).toBe('REQUEST');
    expect(updated.location).toContain(NEW_LINK);
    // Nothing new for the person coming in person.
    expect((await inbox(inPerson)).map((e) => e.subject)).toEqual([expect.stringContaining('confirmed')]);
  });
});

describe('editing the mode', () => {
  it('keeps each mode’s places at least what is confirmed in it, naming the field', async () => {
    const meeting = await aMeeting({ mode: 'hybrid', capacity: 5, onlineCapacity: 2 });
    expect((await registerBy(meeting.id, uniqueEmail('edit'), 'online')).status).toBe(202);
    await allDecided(meeting.id);
    const edit = (overrides: Record<string, unknown>) => api(`/api/meetings/${meeting.id}`, 'PUT', exampleMeeting({ ...meetingAsInput(meeting), ...overrides }), staff);
    const toInPerson = await edit({ mode: 'in-person' });
    expect(toInPerson.status).toBe(409);
    expect((await toInPerson.json()).error.fields.map((f: { field: string }) => f.field)).toEqual(['onlineCapacity']);
    const more = await updateMeeting(meeting.id, exampleMeeting({ ...meetingAsInput(meeting), onlineCapacity: 4 }));
    expect(more).toMatchObject({ onlineCapacity: 4, onlinePlacesLeft: 3, onlineConfirmedCount: 1, capacity: 5, placesLeft: 5 });
    expect(await getMeeting(meeting.id)).toMatchObject({ onlineCapacity: 4, onlinePlacesLeft: 3, onlineConfirmedCount: 1 });
  });
});

const meetingAsInput = (m: Awaited<ReturnType<typeof aMeeting>>) => ({
  title: m.title,
  startsAt: m.startsAt,
  endsAt: m.endsAt,
  registrationOpensAt: m.registrationOpensAt,
  registrationClosesAt: m.registrationClosesAt,
  mode: m.mode,
  capacity: m.capacity,
  onlineCapacity: m.onlineCapacity,
});
