/**
 * Every kind of page the platform serves, as the server sends it, passes the W3C Nu HTML Checker with
 * no errors and no warnings: public pages, forms shown again with errors, staff pages with data in
 * them (including a resident called `<script>`), and the error pages.
 */
import { describe, expect, it } from 'vitest';
import { aMeeting, aPastMeeting, registrationAnswers } from '../../functions/meetings/fixtures.js';
import { addWalkIn } from '../../functions/meetings/walk-ins.js';
import { saveYouSaidWeDid } from '../../functions/meetings/outcomes.js';
import { changeJoinLink } from '../../functions/meetings/join-links.js';
import { registerForMeeting } from '../../functions/meetings/registering.js';
import { raiseMeetingAction, raiseQuestionAction } from '../../functions/meetings/raising-actions.js';
import { findQuestion } from '../../functions/meetings/registrations.js';
import { exampleResident } from '../../functions/meetings/fixtures.js';
import { recordAction } from '../../functions/actions/tracking.js';
import { aVisit, places } from '../../functions/community-days/fixtures.js';
import { addVisitActions } from '../../functions/community-days/visits.js';
import { createPlatformApp } from '../../local/server.js';
import { htmlProblems } from '../support/html-checker.js';
import { manageTokenFor } from '../support/inbox.js';
import { ORIGIN } from '../support/requests.js';
import { adminToken, staffToken } from '../support/tokens.js';

const platform = await createPlatformApp();
const session = { cookie: `session=${await staffToken()}` };

async function page(name: string, path: string, init: RequestInit = {}) {
  const response = await platform.request(path, init);
  expect(`${name}: ${response.headers.get('content-type')}`).toMatch(/: text\/html/);
  return { name, html: await response.text() };
}
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...session },
  body: new URLSearchParams(fields).toString(),
});

describe('HTML', () => {
  it('every kind of page passes the Nu HTML Checker', async () => {
    const meeting = await aMeeting({ capacity: 2 });
    const resident = exampleResident({ name: '<script>alert(1)</script>', question: 'Why "here"?\nAnd & then?' });
    const registered = await registerForMeeting(meeting.id, resident);
    const registrationId = registered.outcome === 'registered' ? registered.registration.id : '';
    const token = await manageTokenFor(resident.email);
    const XSS = '<script>alert(1)</script>';
    await raiseMeetingAction(meeting, { what: `Lighting ${XSS}`, owner: { kind: 'npa-commander', name: XSS }, dueOn: '2020-01-01' }, { by: 'Officer' });
    await raiseQuestionAction(meeting, (await findQuestion(meeting.id, registrationId))!, { what: `Answer ${XSS}`, owner: { kind: 'chief-constable' } }, { by: 'Officer' });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const visit = await aVisit({ place: places.coalville, day: yesterday }, { placeName: `Coalville ${XSS}`, publicSummary: `Heard about ${XSS}.\n\nAnd more.`, notes: `Note ${XSS}` });
    await addVisitActions(visit.id, [{ what: `Speed watch ${XSS}`, owner: { kind: 'road-safety-team' }, dueOn: '2020-01-01' }], { by: 'Officer' });
    const action = await recordAction({ what: `Write to ${XSS}`, owner: { kind: 'staff-member', name: XSS } }, { by: XSS });
    const pastMeeting = await aPastMeeting().meeting;
    const walkIn = await addWalkIn(pastMeeting.id, { name: XSS, email: 'walk.in@example.org', areaCode: 'E07000134' }, XSS);
    await saveYouSaidWeDid(pastMeeting.id, { text: `You said ${XSS}.\n\nWe did & more.`, version: 0 }, XSS);
    const hybrid = await aMeeting({ mode: 'hybrid', capacity: 2, onlineCapacity: 3 });
    await registerForMeeting(hybrid.id, exampleResident({ name: XSS, attendMode: 'online' }));
    await changeJoinLink(hybrid.id, { url: 'https://zoom.us/j/123456789?pwd=a&b=<c>', version: 0 }, XSS);
    const pages = await Promise.all([
      page('a hybrid meeting', `/meetings/${hybrid.id}`),
      page('a hybrid meeting: registration with errors', `/meetings/${hybrid.id}/register`, form({ ...registrationAnswers(), attendMode: '' })),
      page('staff: a hybrid meeting with its link', `/staff/meetings/${hybrid.id}`, { headers: session }),
      page('staff: check-in at a hybrid meeting', `/staff/meetings/${hybrid.id}/check-in?search=script`, { headers: session }),
      page('staff: join link', `/staff/meetings/${hybrid.id}/join-link`, { headers: session }),
      page('staff: join link with errors', `/staff/meetings/${hybrid.id}/join-link`, form({ url: 'javascript:alert(1)', version: '1' })),
      page('home', '/'),
      page('privacy notice', '/privacy'),
      page('accessibility statement', '/accessibility'),
      page('sign out', '/sign-out'),
      page('not found', '/no-such-page'),
      page('meetings', '/meetings'),
      page('a meeting', `/meetings/${meeting.id}`),
      page('registration with errors', `/meetings/${meeting.id}/register`, form({ ...registrationAnswers(), email: 'not an email', privacyAccepted: '' })),
      page('manage', `/manage/${token}`),
      page('manage: confirm cancel', `/manage/${token}/cancel`),
      page('invalid link', `/manage/${'x'.repeat(43)}`),
      page('staff console', '/staff', { headers: session }),
      page('staff: meetings', '/staff/meetings', { headers: session }),
      page('staff: new meeting', '/staff/meetings/new', { headers: session }),
      page('staff: new meeting with errors', '/staff/meetings/new', form({ title: '' })),
      page('staff: a meeting', `/staff/meetings/${meeting.id}`, { headers: session }),
      page('staff: edit meeting', `/staff/meetings/${meeting.id}/edit`, { headers: session }),
      page('staff: confirm cancel meeting', `/staff/meetings/${meeting.id}/cancel`, { headers: session }),
      page('staff: questions', `/staff/meetings/${meeting.id}/questions`, { headers: session }),
      page('staff: an action from a question', `/staff/meetings/${meeting.id}/questions/${registrationId}/actions/new`, { headers: session }),
      page('staff: an action from the meeting, with errors', `/staff/meetings/${meeting.id}/actions/new`, form({ what: '', ownerKind: 'staff-member', 'dueOn-day': '40' })),
      page('staff: check-in', `/staff/meetings/${meeting.id}/check-in?search=script`, { headers: session }),
      page('staff: a walk-in with errors', `/staff/meetings/${meeting.id}/walk-ins`, form({ name: '', email: 'not an email', areaCode: 'nowhere' })),
      page('staff: a meeting with walk-ins and "you said, we did"', `/staff/meetings/${pastMeeting.id}`, { headers: session }),
      page('staff: check-in after a walk-in', `/staff/meetings/${pastMeeting.id}/check-in?walkedIn=${walkIn.id}`, { headers: session }),
      page('staff: you said, we did', `/staff/meetings/${pastMeeting.id}/you-said-we-did`, { headers: session }),
      page('staff: you said, we did, with errors', `/staff/meetings/${pastMeeting.id}/you-said-we-did`, form({ text: '', version: '1' })),
      page('a past meeting with "you said, we did"', `/meetings/${pastMeeting.id}`),
      page('staff: record a meeting that already happened', '/staff/meetings/held/new', { headers: session }),
      page('staff: record a meeting that already happened, with errors', '/staff/meetings/held/new', form({ title: '', attendance: 'lots', 'startsAt-day': '40' })),
      page('staff: attendance report', '/staff/meetings/report', { headers: session }),
      page('staff: not signed in', '/staff/meetings'),
      page('community days', '/community-days'),
      page('community days: last 12 weeks, a theme', '/community-days?period=last-12-weeks&theme=speeding-road-safety'),
      page('community days: dates with errors', '/community-days?period=dates&from-day=40'),
      page('staff: community days', '/staff/community-days', { headers: session }),
      page('staff: log a visit', '/staff/community-days/visits/new', { headers: session }),
      page('staff: log a visit with errors', '/staff/community-days/visits/new', form({ placeName: '', setting: 'suburban', 'met-schools': 'x' })),
      page('staff: a visit', `/staff/community-days/visits/${visit.id}`, { headers: session }),
      page('staff: edit a visit', `/staff/community-days/visits/${visit.id}/edit`, { headers: session }),
      page('admin: delete a visit', `/staff/community-days/visits/${visit.id}/delete?version=1`, { headers: { cookie: `session=${await adminToken()}` } }),
      page('staff: add an action to a visit', `/staff/community-days/visits/${visit.id}/actions/new`, { headers: session }),
      page('staff: coverage map', '/staff/community-days/map', { headers: session }),
      page('staff: community days dashboard', '/staff/community-days/dashboard', { headers: session }),
      page('staff: actions', '/staff/actions?overdue=yes', { headers: session }),
      page('staff: actions with a bad filter', '/staff/actions?status=lost', { headers: session }),
      page('staff: an action', `/staff/actions/${action.id}`, { headers: session }),
      page('staff: an action, owner change with errors', `/staff/actions/${action.id}/owner`, form({ version: String(action.version), ownerKind: 'staff-member', ownerName: '', 'dueOn-day': '40' })),
      page('staff: new action with errors', '/staff/actions/new', form({ what: '', ownerKind: '' })),
      page('staff: action figures', '/staff/actions/figures', { headers: session }),
    ]);
    expect(await htmlProblems(pages)).toEqual([]);
  }, 60_000);

  it('gives every public page kind a description for search results: its own where it has one, the default elsewhere', async () => {
    const meeting = await aMeeting({ description: 'What is being done about car cruising near the A6.' });
    const descriptionOf = async (path: string, init: RequestInit = {}) => {
      const html = await (await platform.request(path, init)).text();
      const found = [...html.matchAll(/<meta name="description" content="([^"]*)"/g)].map((m) => m[1]!);
      expect(found, path).toHaveLength(1);
      return found[0]!;
    };
    const own = {
      '/': /^How to take part with the Office of the Police and Crime Commissioner .*: public meetings, /,
      '/privacy': /^What personal data this website collects/,
      '/accessibility': /^How accessible this website is/,
      '/meetings': /^Upcoming public meetings with the Police and Crime Commissioner: register/,
      '/meetings?area=E06000016': /^Upcoming public meetings with the Police and Crime Commissioner in Leicester: /,
      [`/meetings/${meeting.id}`]: /^A public meeting, \w+ \d+ \w+ \d{4}, .+, at .+\. What is being done about car cruising near the A6\.$/,
      '/community-days': /^The Commissioner&#39;s community days across Leicester, Leicestershire and Rutland/,
    };
    for (const [path, expected] of Object.entries(own)) {
      const description = await descriptionOf(path);
      expect(description, path).toMatch(expected);
      expect(description.length, path).toBeLessThanOrEqual(165);
    }
    // Pages that give none still have one: their title and the organisation.
    for (const path of ['/no-such-page', '/surgeries', '/consultations']) expect(await descriptionOf(path), path).toMatch(/^.+: Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland\.$/);
    const answered = await descriptionOf(`/meetings/${meeting.id}/register`, form(registrationAnswers()));
    expect(answered).toBe('Check your email: Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland.');
  });
});
