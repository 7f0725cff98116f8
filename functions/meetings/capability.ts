/** Public meetings: residents find meetings and register; staff run them. */
import { defineCapability } from '../core/capability.js';
import { meetingsDiary } from './diary.js';
import { meetingFigures } from './figure-declarations.js';
import { meetingsPersonalData } from './personal-data.js';
import { feedbackAskRetention, registrationRetention } from './retention.js';
import { meetingKeys, REQUEST } from './store/keys.js';

export const meetings = defineCapability({
  name: 'meetings',
  raisesActions: true,
  // A public action's outcome shows on its public page (core/actions/what-happened-next.tsx).
  showsActionOutcomes: true,
  pagePrefixes: ['/meetings', '/staff/meetings', '/manage'],
  navigation: {
    public: [{ href: '/meetings', text: 'Public meetings' }],
    staff: [
      {
        href: '/staff/meetings',
        text: 'Meetings',
        description: 'Create and run public meetings: registrations, waiting lists, check-in at the door and attendance reports.',
      },
    ],
  },
  home: {
    heading: 'Public meetings',
    intro: 'Come to a public meeting to hear about our work, ask questions and tell us what matters to you.',
    points: [
      'find a meeting near you',
      'book a place, or join the waiting list if a meeting is full',
      'tell us about anything you need to take part, such as step-free access or a hearing loop',
      'send a question in advance',
    ],
    href: '/meetings',
    linkText: 'Find a public meeting',
  },
  retention: [registrationRetention, feedbackAskRetention],
  personalData: meetingsPersonalData,
  keyPrefixes: meetingKeys,
  diary: meetingsDiary,
  scheduled: { everyMinutes: 5 },
  emails: true,
  streamConsumers: [
    {
      // decider.ts: each new request wakes its meeting's decider, which decides the meeting's queue.
      name: 'decider',
      description: 'decides places for registration requests from the table stream, in arrival order',
      inserted: { pkPrefix: meetingKeys.meeting, skPrefix: REQUEST },
      // Records are wake-ups: a burst's records share one invocation, which empties the queue.
      batchSize: 100,
      batchingWindowSeconds: 1,
      retryAttempts: 3,
      timeoutSeconds: 60,
    },
  ],
  demoData: true,
  figures: meetingFigures,
  mapLayer: { label: 'Public meetings', marker: 'M' },
});
