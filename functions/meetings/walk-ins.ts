/** Walk-ins at the door: someone who came without registering is added, so attendance is true. */
import { newId } from '../core/ids.js';
import { Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { meetingCancelled, noSuchMeeting } from './meetings.js';
import type { WalkIn, WalkInInput } from './model.js';
import { getMeeting } from './store/meetings.js';
import * as store from './store/walk-ins.js';

/** How long before its start the door opens: a walk-in added days early is a mistake. */
const DOOR_OPENS_MS = 2 * 3_600_000;

export async function addWalkIn(meetingId: string, input: WalkInInput, by: string, now: Date = new Date()): Promise<WalkIn> {
  return settle(async () => {
    const meeting = await getMeeting(meetingId, { consistent: true });
    if (!meeting) throw noSuchMeeting();
    if (meeting.status === 'cancelled') throw meetingCancelled();
    if (now.getTime() < Date.parse(meeting.startsAt) - DOOR_OPENS_MS)
      throw new Refusal('not_started', 'Walk-ins can be added from two hours before the meeting starts');
    const walkIn: WalkIn = {
      id: newId(now),
      meetingId,
      name: input.name,
      ...(input.email ? { email: input.email } : {}),
      ...(input.areaCode ? { areaCode: input.areaCode } : {}),
      attendedAt: now.toISOString(),
      addedBy: by,
    };
    return (await store.saveWalkIn(walkIn, meeting)) ? walkIn : TRY_AGAIN;
  });
}

export { listWalkIns } from './store/walk-ins.js';
