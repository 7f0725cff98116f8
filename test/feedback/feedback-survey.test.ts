/**
 * The feedback survey after a meeting, through the real platform (DynamoDB Local, the table's stream,
 * the SES emulator): meetings' timer asks the people who came, consultations' timer sends each one
 * survey with a single-use link, the answer is counted once, and the meeting's staff page shows the
 * result with its 95% interval. Overlapping and repeated runs of both timers send one survey per
 * person; no one who did not come, and nothing for a cancelled meeting. Own table, because the timers
 * look at every meeting and every ask in it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { feedbackSummary, getFeedbackAsk } from '../../functions/core/feedback.js';
import { erasePerson } from '../../functions/core/people/changing.js';
import { findPerson } from '../../functions/core/people/finding.js';
import { runScheduledWork as consultationsTimer } from '../../functions/consultations/scheduled.js';
import { app as consultationsApp } from '../../functions/consultations/app.js';
import { markAttended } from '../../functions/meetings/check-in.js';
import { addWalkIn } from '../../functions/meetings/walk-ins.js';
import { exampleMeeting, exampleResident, register, uniqueEmail } from '../../functions/meetings/fixtures.js';
import { feedbackSource } from '../../functions/meetings/feedback.js';
import { cancelMeeting, createMeeting } from '../../functions/meetings/meetings.js';
import type { Meeting } from '../../functions/meetings/model.js';
import { feedbackAskExpiry } from '../../functions/meetings/retention.js';
import { runScheduledWork as meetingsTimer } from '../../functions/meetings/scheduled.js';
import { saveFeedbackAsk } from '../../functions/meetings/store/feedback.js';
import { app as meetingsApp } from '../../functions/meetings/app.js';
import { htmlProblems } from '../support/html-checker.js';
import { inbox, waitForEmail } from '../support/inbox.js';
import { useOwnTable } from '../support/own-table.js';
import { redirectPath, requestsTo } from '../support/requests.js';
import { bearer, staffToken } from '../support/tokens.js';

const HOUR = 3_600_000;
let caughtUp: () => Promise<void>;
beforeAll(async () => {
  caughtUp = (await useOwnTable('feedback')).caughtUp;
});

const survey = requestsTo(consultationsApp);
const staff = requestsTo(meetingsApp);

/** Both timers, as EventBridge runs them, then their emails delivered from the stream. */
async function runTimers(now: Date) {
  const asked = await meetingsTimer(now);
  const sent = await consultationsTimer(now);
  await caughtUp();
  return { asked: asked.feedbackAsked, sent: sent.feedbackSurveysSent };
}

const surveysTo = async (email: string) => (await inbox(email)).filter((e) => e.subject.startsWith('How was'));
const tokenIn = (text: string | undefined) => text?.match(/\/consultations\/feedback\/([A-Za-z0-9_-]{43})/)?.[1];

/** A meeting that ran on `startsAt` for two hours, with these people registered and `came` of them checked in. */
async function aMeetingThatRan(startsAt: string, people: string[], came: string[]): Promise<{ meeting: Meeting; ids: Map<string, string> }> {
  const start = Date.parse(startsAt);
  const planned = new Date(start - 20 * 24 * HOUR);
  const meeting = await createMeeting(
    exampleMeeting({ startsAt, endsAt: new Date(start + 2 * HOUR).toISOString(), registrationClosesAt: new Date(start - HOUR).toISOString(), capacity: 40 }, planned),
    planned,
  );
  const registered = await Promise.all(people.map((email) => register(meeting.id, exampleResident({ email }), new Date(start - 10 * 24 * HOUR))));
  const ids = new Map(registered.map((r) => [r.registration.email, r.registration.id]));
  for (const email of came) await markAttended(meeting.id, ids.get(email)!, true, new Date(start + 10 * 60_000));
  return { meeting, ids };
}

describe('the feedback survey after a meeting', () => {
  it('goes once to each person who came, counts each answer once and shows the result to staff', async () => {
    const startsAt = '2033-03-10T18:30:00.000Z';
    const [ann, bo, cy, di] = ['ann', 'bo', 'cy', 'di'].map((tag) => uniqueEmail(`feedback-${tag}`)) as [string, string, string, string];
    const { meeting, ids } = await aMeetingThatRan(startsAt, [ann, bo, cy, di], [ann, bo, cy]);
    const end = Date.parse(meeting.endsAt);

    // Not while it is on, nor in the hour after.
    expect(await runTimers(new Date(end - 30 * 60_000))).toEqual({ asked: 0, sent: 0 });
    expect(await runTimers(new Date(end + 30 * 60_000))).toEqual({ asked: 0, sent: 0 });

    // Two overlapping runs of each timer, then a retried one: three asks, three surveys.
    const runAt = new Date(end + 2 * HOUR);
    const [first, second] = await Promise.all([meetingsTimer(runAt), meetingsTimer(runAt)]);
    expect(first.feedbackAsked + second.feedbackAsked).toBe(3);
    const [one, two] = await Promise.all([consultationsTimer(runAt), consultationsTimer(runAt)]);
    expect(one.feedbackSurveysSent + two.feedbackSurveysSent).toBe(3);
    await caughtUp();
    expect(await runTimers(new Date(runAt.getTime() + 10 * 60_000))).toEqual({ asked: 0, sent: 0 });
    expect(await runTimers(new Date(end + 48 * HOUR))).toEqual({ asked: 0, sent: 0 });

    const email = await waitForEmail(ann, 'How was the public meeting');
    expect(email.subject).toBe(`How was the public meeting ${meeting.title}?`);
    for (const person of [ann, bo, cy]) expect(await surveysTo(person)).toHaveLength(1);
    expect(await surveysTo(di)).toEqual([]); // registered, did not come

    // The staff page before any answer.
    const auth = bearer(await staffToken());
    const before = await (await staff.get(`/staff/meetings/${meeting.id}`, auth)).text();
    expect(before).toContain('Surveys sent: 3. No answers yet.');

    // Ann answers; her second post (another window) is not counted, and the link then says thank you.
    const annToken = tokenIn(email.body.text)!;
    const page = await survey.get(`/consultations/feedback/${annToken}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const form = await page.text();
    expect(form).toContain('Overall, how would you rate it?');
    const submission = form.match(/name="submission" value="([^"]+)"/)?.[1] ?? '';

    const missing = await survey.post(`/consultations/feedback/${annToken}`, { submission });
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('href="#rating"');
    expect(missingHtml).toContain('Select how you would rate it');

    const answered = await survey.post(`/consultations/feedback/${annToken}`, { submission, rating: 'excellent' });
    expect(answered.status).toBe(303);
    expect(redirectPath(answered)).toBe(`/consultations/feedback/${annToken}`);
    const again = await survey.post(`/consultations/feedback/${annToken}`, { rating: 'poor', submission: `${submission}x` });
    expect(again.status).toBe(303);
    const thanks = await survey.get(`/consultations/feedback/${annToken}`);
    expect(thanks.status).toBe(200);
    const thanksHtml = await thanks.text();
    expect(thanksHtml).toContain('Thank you for your feedback');
    expect(thanksHtml).not.toContain('name="rating"');

    // Answering drops the address from the ask: the answer is kept only as a count.
    const annAsk = await getFeedbackAsk('meetings', meeting.id, ids.get(ann)!, runAt);
    expect(annAsk?.status).toBe('answered');
    expect(annAsk?.email).toBeUndefined();

    // Bo sends from two windows at once: one answer counted. Cy answers once.
    const boToken = tokenIn((await waitForEmail(bo, 'How was')).body.text)!;
    const boPosts = await Promise.all([1, 2].map((n) => survey.post(`/consultations/feedback/${boToken}`, { rating: 'excellent', submission: `bo-window-${n}-${boToken}` })));
    expect(boPosts.map((r) => r.status)).toEqual([303, 303]);
    const cyToken = tokenIn((await waitForEmail(cy, 'How was')).body.text)!;
    expect((await survey.post(`/consultations/feedback/${cyToken}`, { rating: 'good' })).status).toBe(303);
    const summary = await feedbackSummary('meetings', meeting.id);
    expect(summary).toMatchObject({ sent: 3, answered: 3, ratings: { excellent: 2, good: 1, fair: 0, poor: 0 } });

    // Staff (the lowest role that may) read it on the meeting's page: 2 of 3, Wilson 95% interval 21% to 94%.
    const after = await staff.get(`/staff/meetings/${meeting.id}`, auth);
    expect(after.status).toBe(200);
    const staffHtml = await after.text();
    expect(staffHtml).toContain('67% rated it excellent, n = 3, 95% CI 21% to 94%');
    expect(staffHtml).toContain('3 of 3 people sent a survey answered.');

    const invalid = await survey.get('/consultations/feedback/not-a-real-token-at-all-0000000000000000000');
    expect(invalid.status).toBe(404);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain('This link does not work');
    expect(
      await htmlProblems([
        { name: 'feedback survey', html: form },
        { name: 'feedback survey with an error', html: missingHtml },
        { name: 'feedback thanks', html: thanksHtml },
        { name: 'feedback link that does not work', html: invalidHtml },
        { name: 'staff meeting page with feedback', html: staffHtml },
      ]),
    ).toEqual([]);
  }, 120_000);

  it('asks no one after a cancelled meeting, and its conditions refuse an ask the timer should not make', async () => {
    const startsAt = '2033-04-14T18:00:00.000Z';
    const [came, stayedAway] = [uniqueEmail('feedback-came'), uniqueEmail('feedback-away')];
    const { meeting, ids } = await aMeetingThatRan(startsAt, [came, stayedAway], [came]);
    const source = feedbackSource(meeting);
    const now = new Date(Date.parse(meeting.endsAt) + 2 * HOUR);

    // Someone who did not come: refused by the condition on their registration, however it is asked.
    expect(await saveFeedbackAsk(source, { id: ids.get(stayedAway)!, email: stayedAway }, now.toISOString(), feedbackAskExpiry(meeting))).toBe(false);

    await cancelMeeting(meeting.id, 'The hall flooded', new Date(Date.parse(startsAt) + 20 * 60_000));
    // Cancelled: refused by the condition on the meeting, and the timer asks no one.
    expect(await saveFeedbackAsk(source, { id: ids.get(came)!, email: came }, now.toISOString(), feedbackAskExpiry(meeting))).toBe(false);
    expect(await runTimers(now)).toEqual({ asked: 0, sent: 0 });
    expect(await surveysTo(came)).toEqual([]);
    expect(await feedbackSummary('meetings', meeting.id)).toBeUndefined();
  }, 60_000);

  it('asks the walk-ins who gave an address, once, and only while their record still holds that address', async () => {
    const startsAt = '2033-06-16T18:00:00.000Z';
    const [came, door, doorErased] = [uniqueEmail('feedback-reg'), uniqueEmail('feedback-door'), uniqueEmail('feedback-door-erased')];
    const { meeting } = await aMeetingThatRan(startsAt, [came], [came]);
    const atTheDoor = new Date(Date.parse(startsAt) + 5 * 60_000);
    const withAddress = await addWalkIn(meeting.id, { name: 'Dee Door', email: door }, 'Test staff', atTheDoor);
    await addWalkIn(meeting.id, { name: 'No Address' }, 'Test staff', atTheDoor);
    await addWalkIn(meeting.id, { name: 'Erin Erased', email: doorErased }, 'Test staff', atTheDoor);
    await erasePerson(doorErased, { who: 'Test admin', account: 'admin', path: '/staff/people' });

    // The walk-in's record is checked in the ask's own transaction: another address is refused.
    const source = feedbackSource(meeting);
    const now = new Date(Date.parse(meeting.endsAt) + 2 * HOUR);
    expect(await saveFeedbackAsk(source, { id: withAddress.id, email: came, walkIn: true }, now.toISOString(), feedbackAskExpiry(meeting))).toBe(false);

    const [first, second] = await Promise.all([meetingsTimer(now), meetingsTimer(now)]);
    expect(first.feedbackAsked + second.feedbackAsked).toBe(2); // the registrant and the walk-in with an address
    expect((await runTimers(now)).sent).toBe(2);
    const survey = await waitForEmail(door, 'How was');
    expect(survey.subject).toBe(`How was the public meeting ${meeting.title}?`);
    expect(tokenIn(survey.body.text)).toBeDefined();
    expect(await surveysTo(door)).toHaveLength(1);
    expect(await surveysTo(doorErased)).toEqual([]);
    expect(await feedbackSummary('meetings', meeting.id)).toMatchObject({ sent: 2 });
  }, 90_000);

  it('declares the ask for the person search: found until they answer, and erasing them stops the survey link', async () => {
    const startsAt = '2033-05-12T18:00:00.000Z';
    const eve = uniqueEmail('feedback-eve');
    const { meeting } = await aMeetingThatRan(startsAt, [eve], [eve]);
    expect(await runTimers(new Date(Date.parse(meeting.endsAt) + 2 * HOUR))).toEqual({ asked: 1, sent: 1 });
    const token = tokenIn((await waitForEmail(eve, 'How was')).body.text)!;

    const found = await findPerson(eve);
    expect(found.filter((r) => r.declared.kind === 'feedback-ask').map((r) => [r.capability, r.data['email']])).toEqual([['meetings', eve]]);

    await erasePerson(eve, { who: 'Test admin', account: 'admin', path: '/staff/people' });
    expect((await findPerson(eve)).filter((r) => r.declared.kind === 'feedback-ask')).toEqual([]);
    expect((await survey.get(`/consultations/feedback/${token}`)).status).toBe(404);
    expect(await feedbackSummary('meetings', meeting.id)).toMatchObject({ sent: 1, answered: 0 });
  }, 60_000);
});
