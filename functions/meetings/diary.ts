/** Public meetings in the office's diary (core/diary.ts): whoever attends for the office, the Commissioner unless said. Data only. */
import type { DiaryDeclaration } from '../core/diary.js';
import { meetingKeys } from './store/keys.js';

export const meetingsDiary: DiaryDeclaration[] = [
  {
    kind: 'Public meeting',
    index: 'gsi1',
    partition: meetingKeys.allMeetings,
    fields: { id: 'id', startsAt: 'startsAt', endsAt: 'endsAt', title: 'title', location: ['venue', 'address'], who: 'attendedFor' },
    defaultWho: 'commissioner',
    cancelled: { attribute: 'status', value: 'cancelled' },
    staffPage: '/staff/meetings/{id}',
  },
];
