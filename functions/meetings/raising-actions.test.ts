/**
 * A meeting raises actions on the office's action log, from a question sent in advance or from the
 * night itself: each is written with what it arose from still there, takes the meeting's council area
 * unless staff choose another, names its question by reference (never the resident), and is found among the
 * actions the log lists as raised by meetings and on the meeting's own list. A double post raises one.
 */
import { describe, expect, it } from 'vitest';
import { actionsRaisedBy } from '../core/actions/store.js';
import { RepeatedSubmission, withinSubmission } from '../core/submissions.js';
import { aMeeting, exampleResident, register, unique } from './fixtures.js';
import { cancelRegistration } from './cancelling.js';
import { meetingActions, meetingLabel, questionHref, raiseMeetingAction, raiseQuestionAction } from './raising-actions.js';
import { findQuestion } from './registrations.js';

const by = { by: 'A. Officer' };

describe('raising actions from a meeting', () => {
  it('raises one from a question and one on the night, both under the meeting, in its council area unless chosen', async () => {
    const meeting = await aMeeting({ title: unique('Actions meeting'), areaCode: 'E07000131' });
    const { registration } = await register(meeting.id, exampleResident({ name: 'Private Person', question: 'What about the A6 at night?' }));
    const question = (await findQuestion(meeting.id, registration.id))!;

    const fromQuestion = await raiseQuestionAction(meeting, question, { what: 'Ask for a speed survey on the A6', owner: { kind: 'road-safety-team' } }, by);
    const onTheNight = await raiseMeetingAction(meeting, { what: 'Write to the parish about street lights', owner: { kind: 'staff-member', name: 'Sam' }, areaCode: 'E06000017' }, by);

    expect(fromQuestion).toMatchObject({
      status: 'open',
      areaCode: 'E07000131',
      createdBy: 'A. Officer',
      source: { capability: 'meetings', kind: 'question', id: meeting.id, label: `${meetingLabel(meeting)}: question ${registration.reference}`, href: questionHref(meeting.id, question) },
    });
    expect(fromQuestion.source!.label).not.toContain('Private Person');
    expect(onTheNight).toMatchObject({ areaCode: 'E06000017', source: { capability: 'meetings', kind: 'meeting', id: meeting.id, label: meetingLabel(meeting), href: `/staff/meetings/${meeting.id}` } });

    expect((await meetingActions(meeting.id)).map((a) => a.id)).toEqual([fromQuestion.id, onTheNight.id]);
    const inTheLog = (await actionsRaisedBy('meetings')).map((a) => a.id);
    expect(inTheLog).toEqual(expect.arrayContaining([fromQuestion.id, onTheNight.id]));
  });

  it('raises nothing for a meeting or a question that is not there', async () => {
    const meeting = await aMeeting();
    const { registration } = await register(meeting.id, exampleResident({ question: 'Is this still here?' }));
    const question = (await findQuestion(meeting.id, registration.id))!;
    const gone = { ...meeting, id: `${meeting.id}-gone` };
    await expect(raiseMeetingAction(gone, { what: 'Nothing', owner: { kind: 'chief-constable' } }, by)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(raiseQuestionAction(meeting, { ...question, registrationId: 'NOSUCH' }, { what: 'Nothing', owner: { kind: 'chief-constable' } }, by)).rejects.toMatchObject({ kind: 'not-found' });
    await cancelRegistration(meeting.id, registration.id, 'resident');
    expect(await findQuestion(meeting.id, registration.id)).toBeUndefined();
    expect(await meetingActions(meeting.id)).toEqual([]);
    expect((await actionsRaisedBy('meetings')).map((a) => a.what)).not.toContain('Nothing');
  });

  it('raises one action however often the same form is sent', async () => {
    const meeting = await aMeeting();
    const submission = { scope: 'form /staff/meetings/:id/actions/new', key: `raise-${meeting.id}-twice` };
    const raise = () => withinSubmission(submission, () => raiseMeetingAction(meeting, { what: 'Once only', owner: { kind: 'chief-constable' } }, by));
    const results = await Promise.allSettled([raise(), raise(), raise()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof RepeatedSubmission)).toHaveLength(2);
    expect(await meetingActions(meeting.id)).toHaveLength(1);
  });
});
