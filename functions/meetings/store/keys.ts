/**
 * Where meetings keep their items (the whole table is described in functions/core/store/table-design.md).
 * Only this folder knows keys and expressions.
 */
import { keyPrefixes, HIGH } from '../../core/store/keys.js';
import type { Key } from '../../core/store/items.js';
import type { Meeting, Registration } from '../model.js';

export { HIGH };

/** The capability's name, as its keys, emails, map points and actions are filed under. */
export const CAPABILITY = 'meetings';

export const meetingKeys = keyPrefixes(CAPABILITY, {
  meeting: 'MEETING#',
  allMeetings: 'MEETINGS',
  area: 'AREA#',
  waitingList: 'WAITLIST#',
});

/** The meeting's partition holds the meeting, its registrations and email guards. */
export const meetingPartition = (meetingId: string) => `${meetingKeys.meeting}${meetingId}`;
export const meetingKey = (id: string): Key => ({ pk: meetingPartition(id), sk: 'MEETING' });
export const registrationKey = (meetingId: string, id: string): Key => ({ pk: meetingPartition(meetingId), sk: `REG#${id}` });
/** A registration waiting for its place to be decided: sorts in arrival order within the meeting's partition. */
export const requestKey = (meetingId: string, createdAt: string, id: string): Key => ({ pk: meetingPartition(meetingId), sk: `${REQUEST}${createdAt}#${id}` });
export const REQUEST = 'REQUEST#';
/** Someone added at the door without a registration. */
export const walkInKey = (meetingId: string, id: string): Key => ({ pk: meetingPartition(meetingId), sk: `${WALKIN}${id}` });
export const WALKIN = 'WALKIN#';
/** One saved version of "you said, we did" (zero-padded, so they sort). */
export const youSaidWeDidKey = (meetingId: string, version: number): Key => ({ pk: meetingPartition(meetingId), sk: `YOUSAID#${String(version).padStart(6, '0')}` });
export const YOUSAID = 'YOUSAID#';
export const emailGuardKey = (meetingId: string, email: string): Key => ({ pk: meetingPartition(meetingId), sk: `EMAIL#${email}` });

export const waitingListIndex = (r: Pick<Registration, 'meetingId' | 'createdAt' | 'id'>) => ({
  gsi2pk: `${meetingKeys.waitingList}${r.meetingId}`,
  gsi2sk: `${r.createdAt}#${r.id}`,
});

export const meetingIndexes = (m: Pick<Meeting, 'id' | 'startsAt' | 'areaCode'>) => ({
  gsi1pk: meetingKeys.allMeetings,
  gsi1sk: `${m.startsAt}#${m.id}`,
  gsi2pk: `${meetingKeys.area}${m.areaCode}`,
  gsi2sk: `${m.startsAt}#${m.id}`,
});
