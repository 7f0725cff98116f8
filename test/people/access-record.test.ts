/**
 * The access record (core/people/access-record.ts): every staff page, download and API call that shows
 * personal data writes exactly one entry (who, what, when, how many people's data), and only admins
 * can read the record: a staff token gets 403. On a table of its own, so the entries can be counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aVisit } from '../../functions/community-days/fixtures.js';
import { anOpenConsultation, respond } from '../../functions/consultations/fixtures.js';
import { platformKeys } from '../../functions/core/platform-keys.js';
import { unmarshal } from '../../functions/core/store/items.js';
import { queryAll } from '../../functions/core/store/reads.js';
import { values } from '../../functions/core/store/items.js';
import { aMeeting, exampleResident, register } from '../../functions/meetings/fixtures.js';
import { aBooking, aCouncil, aSession } from '../../functions/surgeries/fixtures.js';
import { createPlatformApp } from '../../local/server.js';
import { useOwnTable } from '../support/own-table.js';
import { requestsTo } from '../support/requests.js';
import { adminToken, bearer, staffToken } from '../support/tokens.js';

let client: ReturnType<typeof requestsTo>;
beforeAll(async () => {
  await useOwnTable('access-record', { delivery: 'manual', consumers: 'stream' });
  client = requestsTo(await createPlatformApp());
}, 60_000);

const month = () => new Date().toISOString().slice(0, 7);
async function entries() {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': `${platformKeys.accessRecord}${month()}` }), ConsistentRead: true });
  return items.map(unmarshal);
}

interface Look {
  method: 'GET' | 'POST';
  path: string;
  fields?: Record<string, string>;
  people: number;
}

async function everyLook(): Promise<Look[]> {
  const meeting = await aMeeting({ capacity: 10 });
  const first = await register(meeting.id, exampleResident({ name: 'Ann Attendee', question: 'What about the buses?' }));
  await register(meeting.id, exampleResident({ name: 'Bo Attendee' }));
  const [session, council] = await Promise.all([aSession({ districtCode: 'E07000129' }), aCouncil({ districtCode: 'E07000129' })]);
  const booking = await aBooking(session, council);
  const visit = await aVisit({}, { notes: 'Spoke to a resident, cat@example.org, about parking.' });
  const consultation = await anOpenConsultation();
  const response = await respond(consultation);
  const m = `/staff/meetings/${meeting.id}`;
  const api = `/api/meetings/${meeting.id}`;
  return [
    { method: 'GET', path: m, people: 2 },
    { method: 'GET', path: `${m}/registrations.csv`, people: 2 },
    { method: 'GET', path: `${m}/questions`, people: 1 },
    { method: 'GET', path: `${m}/questions.csv`, people: 1 },
    { method: 'GET', path: `${m}/check-in?search=Ann`, people: 1 },
    { method: 'GET', path: `${m}/questions/${first.registration.id}/actions/new`, people: 1 },
    { method: 'GET', path: `${m}/registrations/${first.registration.id}/cancel`, people: 1 },
    { method: 'GET', path: `${api}/registrations`, people: 2 },
    { method: 'GET', path: `${api}/registrations.csv`, people: 2 },
    { method: 'GET', path: `${api}/questions`, people: 1 },
    { method: 'GET', path: `${api}/questions.csv`, people: 1 },
    { method: 'GET', path: `/staff/surgeries/councils?district=E07000129`, people: -1 },
    { method: 'GET', path: '/staff/surgeries/councils.csv', people: -1 },
    { method: 'GET', path: `/staff/surgeries/councils/${council.id}`, people: 1 },
    { method: 'GET', path: `/staff/surgeries/sessions/${session.id}/day-sheet`, people: 1 },
    { method: 'GET', path: `/staff/surgeries/sessions/${session.id}/day-sheet.csv`, people: 1 },
    { method: 'GET', path: `/staff/surgeries/bookings/${booking.id}`, people: 1 },
    { method: 'GET', path: `/staff/surgeries/bookings/${booking.id}/reschedule`, people: 1 },
    { method: 'GET', path: `/staff/surgeries/bookings/${booking.id}/cancel`, people: 1 },
    { method: 'GET', path: '/api/surgeries/councils', people: -1 },
    { method: 'GET', path: '/api/surgeries/councils.csv', people: -1 },
    { method: 'GET', path: `/api/surgeries/councils/${council.id}`, people: 1 },
    { method: 'GET', path: `/api/surgeries/sessions/${session.id}/day-sheet`, people: 1 },
    { method: 'GET', path: `/api/surgeries/sessions/${session.id}/day-sheet.csv`, people: 1 },
    { method: 'GET', path: `/api/surgeries/bookings/${booking.id}`, people: 1 },
    { method: 'GET', path: `/staff/community-days/visits/${visit.id}`, people: 1 },
    { method: 'GET', path: `/staff/community-days/visits/${visit.id}/edit`, people: 1 },
    { method: 'GET', path: `/api/community-days/visits/${visit.id}`, people: 1 },
    { method: 'GET', path: `/staff/consultations/${consultation.id}/responses/find?reference=${response.reference}`, people: 1 },
    { method: 'POST', path: '/staff/people', fields: { email: first.registration.email }, people: 1 },
    { method: 'POST', path: '/staff/people/export', fields: { email: first.registration.email }, people: 1 },
    { method: 'POST', path: '/staff/people/export.json', fields: { email: first.registration.email }, people: 1 },
  ];
}

describe('the access record', () => {
  it('gets exactly one entry for each staff look at personal data, saying who, what and how many people', async () => {
    const looks = await everyLook();
    const token = await staffToken();
    for (const look of looks) {
      const before = (await entries()).length;
      const answer = look.method === 'GET' ? await client.get(look.path, bearer(token)) : await client.post(look.path, look.fields ?? {}, bearer(token));
      expect(answer.status, `${look.method} ${look.path}`).toBe(200);
      const after = await entries();
      expect(after.length, `${look.method} ${look.path} writes one entry`).toBe(before + 1);
      const entry = after.sort((a, b) => String(a['sk']).localeCompare(String(b['sk']))).at(-1)!;
      expect(entry, `${look.method} ${look.path}`).toMatchObject({ who: 'Sam Staff', path: look.path.split('?')[0] });
      if (look.people >= 0) expect(entry['people'], `${look.method} ${look.path}`).toBe(look.people);
      else expect(entry['people'], `${look.method} ${look.path}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('cannot be read with a staff token (403); an admin reads this month’s entries', async () => {
    const staff = bearer(await staffToken());
    await client.post('/staff/people', { email: 'nobody@example.org' }, staff);
    expect((await client.get('/staff/access-record', staff)).status).toBe(403);
    const page = await client.get(`/staff/access-record?month=${month()}`, bearer(await adminToken()));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Person search: 0 records found');
    expect(html).toContain('Sam Staff');
  });

  it('refuses a month that is not one, naming the field', async () => {
    const page = await client.get('/staff/access-record?month=2026-13', bearer(await adminToken()));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('href="#month"');
  });
});
