/**
 * The meeting form's questions for the office's reports: who attends for the office and the themes,
 * counted in the meeting's quarter (core/period-figures.ts) and moved when the meeting is edited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { redirectPath } from '../../../test/support/requests.js';
import { bearer, staffToken } from '../../../test/support/tokens.js';
import { quarterCounters } from '../../core/period-figures.js';
import { quarterContaining } from '../../core/periods.js';
import { app } from '../app.js';
import { unique } from '../fixtures.js';

let auth: Record<string, string>;
beforeAll(async () => {
  auth = bearer(await staffToken());
});
const staffGet = (path: string) => app.request(path, { headers: auth });

/** The meeting form as staff fill it in: London dates and times in day, month, year and time boxes. */
function meetingForm(overrides: Record<string, string> = {}): Record<string, string> {
  const year = String(new Date().getUTCFullYear() + 1);
  const at = (name: string, day: string, month: string, time: string) => ({
    [`${name}-day`]: day,
    [`${name}-month`]: month,
    [`${name}-year`]: year,
    [`${name}-time`]: time,
  });
  return {
    title: unique('Melton Mowbray public meeting'),
    description: 'Tell the commissioner about rural crime.',
    areaCode: 'E07000133',
    venue: 'Melton Carnegie Museum',
    address: 'Thorpe End\nMelton Mowbray\nLE13 1RB',
    latitude: '52.7661',
    longitude: '-0.8866',
    ...at('startsAt', '2', '7', '6:30pm'),
    ...at('endsAt', '2', '7', '20:00'),
    ...at('registrationOpensAt', '1', '6', '09:00'),
    ...at('registrationClosesAt', '2', '7', '12:00'),
    capacity: '60',
    maxPlacesPerRegistration: '2',
    waitingList: 'yes',
    accessInformation: '',
    ...overrides,
  };
}

describe('a meeting in the office’s reports', () => {
  it('asks who attends for the office and the themes, and counts them for the office’s reports, moving them when edited', async () => {
    const form = meetingForm({ attendedFor: 'deputy' });
    const body = new URLSearchParams(form);
    for (const theme of ['rural-crime', 'hate-crime']) body.append('themes', theme);
    const send = (path: string, data: URLSearchParams) =>
      app.request(path, { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded', ...auth }, body: data.toString() });
    // 2 July next year, in London; counted in its quarter (other tests' meetings are the Commissioner's, with no themes).
    const quarter = quarterContaining(`${new Date().getUTCFullYear() + 1}-07-02T12:00:00Z`).id;
    const counted = async () => (await quarterCounters(quarter))['meetings'] ?? {};
    const before = await counted();
    const created = await send('/staff/meetings/new', body);
    expect(created.status).toBe(303);
    const id = redirectPath(created).split('/')[3]!.split('?')[0]!;
    const after = await counted();
    const moved = (name: string, from: Record<string, number>, to: Record<string, number>) => (to[name] ?? 0) - (from[name] ?? 0);
    expect([moved('events|deputy', before, after), moved('hours|deputy', before, after), moved('themes|rural-crime', before, after), moved('themes|hate-crime', before, after)]).toEqual([1, 1.5, 1, 1]);
    const editForm = await (await staffGet(`/staff/meetings/${id}/edit`)).text();
    expect(editForm).toMatch(/value="deputy" checked/);
    expect(editForm).toMatch(/value="rural-crime" checked/);
    const edit = new URLSearchParams({ ...form, attendedFor: 'staff' });
    edit.append('themes', 'rural-crime');
    expect((await send(`/staff/meetings/${id}/edit`, edit)).status).toBe(303);
    const edited = await counted();
    expect([moved('events|deputy', after, edited), moved('events|staff', after, edited), moved('themes|rural-crime', after, edited), moved('themes|hate-crime', after, edited)]).toEqual([-1, 1, 0, -1]);
  });

});
