/** Surgery sessions in the office's diary (core/diary.ts): the Deputy's, drafts left out, cancelled ones marked. Data only. */
import type { DiaryDeclaration } from '../core/diary.js';
import { surgeryKeys } from './store/keys.js';

export const surgeriesDiary: DiaryDeclaration[] = [
  {
    kind: 'Parish surgery',
    index: 'gsi2',
    partition: surgeryKeys.allSessions,
    fields: { id: 'id', startsAt: 'startsAt', endsAt: 'endsAt', title: 'venueName', location: ['venueName', 'venueAddress'] },
    defaultWho: 'deputy',
    leaveOut: { attribute: 'status', values: ['draft'] },
    cancelled: { attribute: 'status', value: 'cancelled' },
    staffPage: '/staff/surgeries/sessions/{id}',
  },
];
