/**
 * Input that must be refused, with a 4xx that names the field and nothing written: JSON that is not the
 * JSON type asked for, meetings in the past or implausibly far ahead, text with control characters,
 * bidirectional overrides or nothing visible, report periods back to front or out of range, and form
 * bodies that cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { requestsTo } from '../../test/support/requests.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { app } from './app.js';
import { aMeeting, exampleMeeting, uniqueEmail } from './fixtures.js';
import { listRegistrations } from './registrations.js';

const staff = async () => ({ ...bearer(await staffToken()), 'content-type': 'application/json' });
const json = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
const fieldsOf = async (response: Response) => ((await response.json()).error.fields ?? []).map((f: { field: string }) => f.field);

const registration = (overrides: Record<string, unknown> = {}) => ({ name: 'Ann Other', email: uniqueEmail('strict'), places: 1, privacyAccepted: true, ...overrides });

describe('the JSON API takes JSON types strictly', () => {
  it.each([true, [2], '0x2', '2', 2.5, null])('refuses places %j, naming places, and writes nothing', async (places) => {
    const meeting = await aMeeting();
    const response = await json(`/api/meetings/${meeting.id}/registrations`, registration({ places }));
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['places']);
    expect(await listRegistrations(meeting.id)).toEqual([]);
  });

  it('refuses a meeting whose capacity, latitude or longitude is not a number', async () => {
    const headers = await staff();
    for (const [field, value] of [['capacity', [10]], ['capacity', '10'], ['latitude', '52.6'], ['longitude', []], ['waitingList', 'yes']] as const) {
      const response = await json('/api/meetings', { ...exampleMeeting(), [field]: value }, headers);
      expect(response.status, `${field} ${JSON.stringify(value)}`).toBe(400);
      expect(await fieldsOf(response)).toEqual([field]);
    }
  });
});

describe('meetings are planned for the future', () => {
  it.each([
    ['in the past', '2020-01-01T18:00:00Z', 'The start must be in the future'],
    ['a minute ago', new Date(Date.now() - 60_000).toISOString(), 'The start must be in the future'],
    ['ten years ahead', new Date(Date.now() + 10 * 365 * 86_400_000).toISOString(), 'The start must be within 2 years from now'],
  ])('refuses a start %s, naming the start', async (_case, startsAt, message) => {
    const start = Date.parse(startsAt);
    const input = {
      ...exampleMeeting(),
      startsAt,
      endsAt: new Date(start + 3_600_000).toISOString(),
      registrationOpensAt: new Date(start - 7 * 86_400_000).toISOString(),
      registrationClosesAt: new Date(start - 3_600_000).toISOString(),
    };
    const response = await json('/api/meetings', input, await staff());
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toEqual([{ field: 'startsAt', message }]);
  });

  it.each(['0000-01-01T00:00:00Z', '9999-12-31T18:00:00Z'])('refuses the start %s as out of any sensible range', async (startsAt) => {
    const response = await json('/api/meetings', { ...exampleMeeting(), startsAt }, await staff());
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toContainEqual({ field: 'startsAt', message: 'Enter the start as a date between the years 2000 and 2100' });
  });
});

describe('text people type', () => {
  it.each([
    ['a NUL character', 'Ann\u0000Other'],
    ['another control character', 'Ann\u0007Other'],
    ['a bidirectional override', 'Ann \u202Eeldoog'],
    ['only zero-width spaces', '\u200B\u200B\u200B'],
    ['a line break in a one-line field', 'Ann\nOther'],
  ])('refuses a name with %s', async (_case, name) => {
    const meeting = await aMeeting();
    const response = await json(`/api/meetings/${meeting.id}/registrations`, registration({ name }));
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['name']);
  });

  it('keeps line breaks in a question, and stores names in one Unicode form (NFC), trimmed', async () => {
    const meeting = await aMeeting();
    const decomposed = '  Ze\u0301nobie  '; // e + combining acute accent
    const email = uniqueEmail('nfc');
    const response = await json(`/api/meetings/${meeting.id}/registrations`, registration({ name: decomposed, email, question: 'First line\nSecond line' }));
    expect(response.status).toBe(202);
    const [stored] = (await listRegistrations(meeting.id)).filter((r) => r.email === email);
    expect(stored!.name).toBe('Z\u00e9nobie');
    expect(stored!.question).toBe('First line\nSecond line');
  });
});

describe('the attendance report', () => {
  it.each([
    ['from=2026-12-01&to=2026-01-01', 'to'],
    ['to=9999-12-31', 'to'],
    ['from=1066-10-14', 'from'],
    ['from=yesterday', 'from'],
  ])('refuses %s with 400 naming the field', async (query, field) => {
    const response = await app.request(`/api/reports/attendance?${query}`, { headers: await staff() });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual([`query.${field}`]);
  });
});

describe('form bodies', () => {
  it('answers an unreadable multipart body with 400 on the registration form, the staff meeting form and the manage form', async () => {
    const { post } = requestsTo(app);
    const meeting = await aMeeting();
    const broken = { 'content-type': 'multipart/form-data; boundary=nope' };
    const auth = bearer(await staffToken());
    for (const [path, headers] of [
      [`/meetings/${meeting.id}/register`, broken],
      ['/staff/meetings/new', { ...broken, ...auth }],
      [`/staff/meetings/${meeting.id}/edit`, { ...broken, ...auth }],
    ] as const) {
      const response = await app.request(path, { method: 'POST', headers: { origin: 'http://localhost:3000', ...headers }, body: '--x\r\nbroken' });
      expect(response.status, path).toBe(400);
    }
    // A proper multipart post is read like any other form.
    const form = new FormData();
    for (const [k, v] of Object.entries({ name: 'Ann', email: uniqueEmail('multipart'), places: '1', privacyAccepted: 'yes', submission: 'multipart-form-0001' })) form.set(k, v);
    const ok = await app.request(`/meetings/${meeting.id}/register`, { method: 'POST', headers: { origin: 'http://localhost:3000' }, body: form });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Check your email');
    void post;
  });
});
