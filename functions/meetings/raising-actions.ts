/**
 * A meeting raises actions on the office's action log (core/actions), as visits and surgeries do: from
 * a question a resident sent in advance, or from something raised on the night. Each is a core action
 * whose source is the meeting (so one Query lists a meeting's actions on its page, and the log's source
 * filter "Meetings" finds them); one from a question says which question in its label and links to it.
 * The action takes the meeting's council area unless staff choose another.
 *
 *   await raiseMeetingAction(meeting, input, { by: 'A. Officer' });
 *   await raiseQuestionAction(meeting, question, input, { by: 'A. Officer' });
 */
import { newAction } from '../core/actions/actions.js';
import type { Action, ActionSource, NewAction } from '../core/actions/model.js';
import { actionsFrom } from '../core/actions/store.js';
import { notFound } from '../core/refusal.js';
import { formatLondonDate } from '../core/time.js';
import { noSuchMeeting } from './meetings.js';
import type { Meeting } from './model.js';
import type { Question } from './registrations.js';
import { CAPABILITY } from './store/keys.js';
import * as store from './store/actions.js';

interface Raising {
  by: string;
  now?: Date;
}

/** "Public meeting: Car cruising in Kegworth, Tuesday 3 March 2026": how the meeting is named in the action log. */
export const meetingLabel = (m: Pick<Meeting, 'title' | 'startsAt'>) => `Public meeting: ${m.title}, ${formatLondonDate(m.startsAt)}`;

/** Where on the questions page a question is (its anchor), for the log's link back to it. */
export const questionHref = (meetingId: string, question: Pick<Question, 'registrationId'>) => `/staff/meetings/${meetingId}/questions#question-${question.registrationId}`;

const meetingSource = (m: Meeting): ActionSource => ({ capability: CAPABILITY, kind: 'meeting', id: m.id, label: meetingLabel(m), href: `/staff/meetings/${m.id}` });

/** A question's action: filed under its meeting, naming the question by its reference (never the resident's name). */
const questionSource = (m: Meeting, q: Question): ActionSource => ({
  capability: CAPABILITY,
  kind: 'question',
  id: m.id,
  label: `${meetingLabel(m)}: question ${q.reference}`,
  href: questionHref(m.id, q),
});

const actionFor = (meeting: Meeting, input: NewAction, source: ActionSource, raising: Raising): Action =>
  newAction({ ...input, areaCode: input.areaCode ?? meeting.areaCode }, { by: raising.by, source, ...(raising.now ? { now: raising.now } : {}) });

/** Something raised on the night (or about the meeting as a whole). */
export async function raiseMeetingAction(meeting: Meeting, input: NewAction, raising: Raising): Promise<Action> {
  const action = actionFor(meeting, input, meetingSource(meeting), raising);
  if (!(await store.saveMeetingAction(meeting.id, action))) throw noSuchMeeting();
  return action;
}

/** An action arising from a question a resident sent in advance. */
export async function raiseQuestionAction(meeting: Meeting, question: Question, input: NewAction, raising: Raising): Promise<Action> {
  const action = actionFor(meeting, input, questionSource(meeting, question), raising);
  if (!(await store.saveQuestionAction(meeting.id, question.registrationId, action))) throw notFound('There is no such question');
  return action;
}

/** Every action the meeting raised, from its questions and on the night, oldest first. */
export const meetingActions = (meetingId: string): Promise<Action[]> => actionsFrom(CAPABILITY, meetingId);
