/** Community days in the office's diary (core/diary.ts): the Commissioner's unless said; a deleted visit has left the index. Data only. */
import type { DiaryDeclaration } from '../core/diary.js';
import { visitKeys } from './store/keys.js';

export const communityDaysDiary: DiaryDeclaration[] = [
  {
    kind: 'Community day',
    index: 'gsi1',
    partition: visitKeys.allVisits,
    fields: { id: 'id', startsAt: 'startsAt', endsAt: 'endsAt', title: 'placeName', location: ['placeName'], who: 'attendedFor' },
    defaultWho: 'commissioner',
    staffPage: '/staff/community-days/visits/{id}',
  },
];
