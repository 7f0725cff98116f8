/**
 * Actions a meeting raises (core's action items, core/actions/store.ts), each written in one transaction
 * with a check that what it arose from is still there: the meeting, or the registration whose question
 * it answers. So an action never points at something gone.
 */
import { actionWrites } from '../../core/actions/store.js';
import type { Action } from '../../core/actions/model.js';
import { transactWrite } from '../../core/store/transactions.js';
import { check } from '../../core/store/writes.js';
import { meetingKey, registrationKey } from './keys.js';

/** False when the meeting is not there. */
export async function saveMeetingAction(meetingId: string, action: Action): Promise<boolean> {
  const outcome = await transactWrite([
    { name: 'meeting', write: check(meetingKey(meetingId), 'attribute_exists(pk)') },
    ...actionWrites([action]),
  ]);
  return outcome.ok;
}

/** False when the registration, or its question, is no longer there (cancelled and expired, say). */
export async function saveQuestionAction(meetingId: string, registrationId: string, action: Action): Promise<boolean> {
  const outcome = await transactWrite([
    { name: 'question', write: check(registrationKey(meetingId, registrationId), 'attribute_exists(pk) AND attribute_exists(question)') },
    ...actionWrites([action]),
  ]);
  return outcome.ok;
}
