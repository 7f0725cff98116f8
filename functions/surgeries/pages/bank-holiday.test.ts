/**
 * A session on a bank holiday in England is warned about, never refused: on the session form (as typed,
 * and when changing a session), on the session's page after it is created, and in the programme.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { staffToken } from '../../../test/support/tokens.js';
import { app } from '../app.js';
import { aSession, unique } from '../fixtures.js';

const { get, post } = requestsTo(app);
let cookie: Record<string, string>;
beforeAll(async () => {
  cookie = { cookie: `session=${await staffToken()}` };
});
const text = async (path: string) => (await get(path, cookie)).text();
const WARNING = 'Monday 31 May 2027 is a bank holiday in England (Spring bank holiday, expected).';

const form = (day: string, month: string, year: string, overrides: Record<string, string> = {}) => ({
  districtCode: 'E07000133', venueName: unique('Melton Carnegie Museum'), venueAddress: 'Thorpe End, Melton Mowbray LE13 1RB', venueKind: 'hall', stepFree: 'yes', latitude: '', longitude: '', accessInformation: '',
  'date-day': day, 'date-month': month, 'date-year': year, startTime: '10am', endTime: '12pm', slotMinutes: '30', bufferMinutes: '10', host: 'Deputy Commissioner', status: 'published', ...overrides,
});

describe('bank holidays', () => {
  it('warns on the form, creates the session anyway, and warns on its page and in the programme', async () => {
    // Shown again with an error: the warning is beside what was typed.
    const again = await post('/staff/surgeries/sessions/new', form('31', '5', '2027', { venueName: '' }), cookie);
    expect(again.status).toBe(400);
    const againHtml = await again.text();
    expect(againHtml).toContain(WARNING);
    expect(againHtml).toContain('class="govuk-warning-text"');

    const venue = unique('Melton Carnegie Museum');
    const created = await post('/staff/surgeries/sessions/new', form('31', '5', '2027', { venueName: venue }), cookie);
    expect(created.status).toBe(303);
    const sessionPath = redirectPath(created).split('?')[0]!;
    expect(await text(sessionPath)).toContain(WARNING);
    expect(await text(`${sessionPath}/edit`)).toContain(WARNING);

    const programme = await text('/staff/surgeries');
    const row = programme.split('<tr').find((r) => r.includes(sessionPath))!;
    expect(row).toContain('Bank holiday: Spring bank holiday');
  });

  it('says nothing on a working day', async () => {
    const session = await aSession({ date: '2027-06-01' });
    expect(await text(`/staff/surgeries/sessions/${session.id}`)).not.toContain('govuk-warning-text');
    expect(await text(`/staff/surgeries/sessions/${session.id}/edit`)).not.toContain('govuk-warning-text');
    const row = (await text('/staff/surgeries')).split('<tr').find((r) => r.includes(`/staff/surgeries/sessions/${session.id}"`))!;
    expect(row).not.toContain('Bank holiday');
  });

  it('says when the day is past the end of the list it can check', async () => {
    const session = await aSession({ date: '2031-05-26' });
    expect(await text(`/staff/surgeries/sessions/${session.id}`)).toContain('We cannot tell whether Monday 26 May 2031 is a bank holiday: our list of bank holidays ends in 2028.');
  });
});
