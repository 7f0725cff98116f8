/**
 * The meetings JSON API over HTTP (the capability's Hono app, as API Gateway calls it), with real
 * tokens from the test issuer: status codes, the one error shape, roles, and the CSV exports.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from './app.js';
import { bearer, noRoleToken, staffToken } from '../../test/support/tokens.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { allDecided, exampleMeeting, uniqueEmail } from './fixtures.js';

beforeAll(() => useOwnTable('api'));

let staff: Record<string, string>;
beforeAll(async () => {
  staff = bearer(await staffToken());
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});
const call = (path: string, init?: RequestInit) => app.request(path, init);

async function newMeeting(overrides: Record<string, unknown> = {}) {
  const res = await call('/api/meetings', json(exampleMeeting(overrides), staff));
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; capacity: number };
}

const registration = (overrides: Record<string, unknown> = {}) => ({
  name: 'Alex Resident',
  email: uniqueEmail('api'),
  places: 1,
  privacyAccepted: true,
  ...overrides,
});

describe('meetings API for residents', () => {
  it('lists upcoming meetings, filtered by council area', async () => {
    const rutland = await newMeeting({ areaCode: 'E06000017' });
    await newMeeting({ areaCode: 'E07000134' });
    const res = await call('/api/meetings?area=E06000017');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { meetings: Array<{ id: string; areaName: string; registration: { open: boolean } }> };
    expect(body.meetings.map((m) => m.id)).toEqual([rutland.id]);
    expect(body.meetings[0]).toMatchObject({ areaName: 'Rutland', registration: { open: true } });

    const bad = await call('/api/meetings?area=E99999999');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields[0].field).toBe('query.area');
  });

  it('shows one meeting, and 404 for an unknown one', async () => {
    const meeting = await newMeeting();
    const res = await call(`/api/meetings/${meeting.id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: meeting.id, placesLeft: 20 });
    expect(body).not.toHaveProperty('confirmedCount');
    const missing = await call('/api/meetings/no-such-meeting');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });

  it('accepts a registration (202) with the same answer for a new and a known address, and nothing stored in it', async () => {
    const meeting = await newMeeting();
    const input = registration({ places: 2, accessNeeds: 'Wheelchair user' });
    const first = await call(`/api/meetings/${meeting.id}/registrations`, json(input));
    expect(first.status).toBe(202);
    const body = await first.json();
    expect(body).toEqual({ status: 'accepted', message: `We have sent the details of your registration to ${input.email}` });

    const again = await call(`/api/meetings/${meeting.id}/registrations`, json(input));
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(body);
    await allDecided(meeting.id);
    const [stored] = (await (await call(`/api/meetings/${meeting.id}/registrations`, { headers: staff })).json()).registrations;
    expect(stored).toMatchObject({ email: input.email, places: 2, status: 'confirmed' });
  });

  it('answers a retry with the same Idempotency-Key as the first request, changing nothing', async () => {
    const meeting = await newMeeting({ capacity: 3 });
    const key = { 'idempotency-key': `retry-${Date.now()}-abcdef` };
    const answers = await Promise.all([1, 2, 3].map(() => call(`/api/meetings/${meeting.id}/registrations`, json(registration({ places: 1, email: 'same@example.org' }), key))));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    await allDecided(meeting.id);
    expect((await call(`/api/meetings/${meeting.id}`)).status).toBe(200);
    expect((await (await call(`/api/meetings/${meeting.id}`)).json()).placesLeft).toBe(2);
    const badKey = await call(`/api/meetings/${meeting.id}/registrations`, json(registration(), { 'idempotency-key': 'short' }));
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).error.fields[0].field).toBe('headers.idempotency-key');
  });

  it('refuses with the shared error shape: 400 naming fields, 404, 409 with a code', async () => {
    const meeting = await newMeeting({ maxPlacesPerRegistration: 2, capacity: 2, waitingList: false });
    const tooMany = await call(`/api/meetings/${meeting.id}/registrations`, json(registration({ places: 3 })));
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.fields).toEqual([{ field: 'places', message: 'You can ask for up to 2 places for this meeting' }]);

    const invalid = await call(`/api/meetings/${meeting.id}/registrations`, json({ name: '', email: 'nope', privacyAccepted: false }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'name', 'privacyAccepted']);

    expect((await call('/api/meetings/nowhere/registrations', json(registration()))).status).toBe(404);

    await call(`/api/meetings/${meeting.id}/registrations`, json(registration({ places: 2 })));
    await allDecided(meeting.id);
    const full = await call(`/api/meetings/${meeting.id}/registrations`, json(registration()));
    expect(full.status).toBe(409);
    expect((await full.json()).error).toMatchObject({ status: 409, code: 'meeting_full', message: 'This meeting is full' });
  });
});

describe('meetings API for staff', () => {
  it('needs a staff token', async () => {
    expect((await call('/api/meetings', json(exampleMeeting()))).status).toBe(401);
    expect((await call('/api/meetings', json(exampleMeeting(), bearer(await noRoleToken())))).status).toBe(403);
    expect((await call('/api/reports/attendance')).status).toBe(401);
  });

  it('edits a meeting, refusing capacity below confirmed places with 409 naming capacity', async () => {
    const input = exampleMeeting({ capacity: 5 });
    const meeting = await newMeeting({ capacity: 5 });
    await call(`/api/meetings/${meeting.id}/registrations`, json(registration({ places: 3 })));
    await allDecided(meeting.id);
    const put = (body: unknown) => call(`/api/meetings/${meeting.id}`, { ...json(body, staff), method: 'PUT' });
    const tooSmall = await put({ ...input, capacity: 2 });
    expect(tooSmall.status).toBe(409);
    expect((await tooSmall.json()).error).toMatchObject({ code: 'capacity_below_confirmed', fields: [{ field: 'capacity' }] });
    const ok = await put({ ...input, capacity: 8 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ capacity: 8, placesLeft: 5 });
  });

  it('lists registrations with access needs, questions and email status, and exports them safely as CSV', async () => {
    const meeting = await newMeeting();
    const evil = registration({ name: '=HYPERLINK("http://evil.example","Click")', question: '@SUM(A1:A9), "quoted"\nsecond line' });
    const xss = registration({ name: '<script>alert(1)</script>', accessNeeds: '+44 hearing loop' });
    for (const r of [evil, xss]) expect((await call(`/api/meetings/${meeting.id}/registrations`, json(r))).status).toBe(202);
    await allDecided(meeting.id);

    // Staff see each email's status: waiting at first, sent once the outbox has delivered it.
    const listed = async () => {
      const list = await call(`/api/meetings/${meeting.id}/registrations`, { headers: staff });
      expect(list.status).toBe(200);
      return list.json();
    };
    await expect.poll(async () => (await listed()).registrations.map((r: { lastEmail: { status: string } }) => r.lastEmail.status)).toEqual(['sent', 'sent']);
    const body = await listed();
    expect(body.registrations).toHaveLength(2);
    expect(body.registrations[1]).toMatchObject({ name: '<script>alert(1)</script>', accessNeeds: '+44 hearing loop', lastEmail: { kind: 'confirmation', status: 'sent' } });
    expect(body.attendance).toMatchObject({ registered: 2, ended: false });

    const csv = await call(`/api/meetings/${meeting.id}/registrations.csv`, { headers: staff });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="registrations-.+\.csv"$/);
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await csv.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(text).toContain(`"'@SUM(A1:A9), ""quoted""\nsecond line"`);
    expect(text).toContain(',<script>alert(1)</script>,');
    expect(text).toContain(",'+44 hearing loop,");

    const questions = await call(`/api/meetings/${meeting.id}/questions.csv`, { headers: staff });
    expect(await questions.text()).toContain(`"'@SUM(A1:A9), ""quoted""\nsecond line"`);
    const questionList = await (await call(`/api/meetings/${meeting.id}/questions`, { headers: staff })).json();
    expect(questionList.questions).toHaveLength(1);
  });

  it('cancels a registration and records attendance', async () => {
    const meeting = await newMeeting();
    const [first, second] = [registration(), registration({ places: 2 })];
    for (const r of [first, second]) expect((await call(`/api/meetings/${meeting.id}/registrations`, json(r))).status).toBe(202);
    await allDecided(meeting.id);
    const listed = (await (await call(`/api/meetings/${meeting.id}/registrations`, { headers: staff })).json()).registrations as Array<{ email: string; reference: string }>;
    const a = listed.find((r) => r.email === first.email)!;
    const b = listed.find((r) => r.email === second.email)!;
    const cancel = await call(`/api/meetings/${meeting.id}/registrations/${a.reference}/cancel`, { method: 'POST', headers: staff });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'staff' });

    const attend = await call(`/api/meetings/${meeting.id}/registrations/${b.reference}/attendance`, json({ attended: true }, staff));
    expect(attend.status).toBe(200);
    expect((await attend.json()).attendedAt).toBeTruthy();
    const notConfirmed = await call(`/api/meetings/${meeting.id}/registrations/${a.reference}/attendance`, json({ attended: true }, staff));
    expect(notConfirmed.status).toBe(409);
    const unknown = await call(`/api/meetings/${meeting.id}/registrations/ZZZ-ZZZ/cancel`, { method: 'POST', headers: staff });
    expect(unknown.status).toBe(404);
  });

  it('cancels a meeting only with a reason, which the public API then shows, and reports attendance for a range of days', async () => {
    const meeting = await newMeeting({ areaCode: 'E07000132' });
    const withoutBody = await call(`/api/meetings/${meeting.id}/cancel`, { method: 'POST', headers: staff });
    expect(withoutBody.status).toBe(415);
    const withoutReason = await call(`/api/meetings/${meeting.id}/cancel`, json({}, staff));
    expect(withoutReason.status).toBe(400);
    expect((await withoutReason.json()).error.fields).toEqual([{ field: 'reason', message: 'Enter the reason: it is emailed to everyone registered' }]);
    const blank = await call(`/api/meetings/${meeting.id}/cancel`, json({ reason: ' ' }, staff));
    expect(blank.status).toBe(400);
    expect((await (await call(`/api/meetings/${meeting.id}`)).json()).status).toBe('scheduled');

    const cancel = await call(`/api/meetings/${meeting.id}/cancel`, json({ reason: 'The hall has flooded' }, staff));
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ status: 'cancelled', cancelReason: 'The hall has flooded' });
    expect(await (await call(`/api/meetings/${meeting.id}`)).json()).toMatchObject({ status: 'cancelled', cancelReason: 'The hall has flooded' });
    const report = await call('/api/reports/attendance?from=2020-01-01&to=2099-12-31', { headers: staff });
    expect(report.status).toBe(200);
    const body = await report.json();
    expect(body.byArea).toHaveLength(9);
    expect(body.overall).toHaveProperty('noShowRate');
    expect((await call('/api/reports/attendance?from=yesterday', { headers: staff })).status).toBe(400);
  });
});
