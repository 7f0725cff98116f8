/** Community days: staff log the Commissioner's visits and the actions arising; everyone sees where he has been. */
import { defineCapability } from '../core/capability.js';
import { notesRetention } from './retention.js';
import { visitKeys } from './store/keys.js';

export const communityDays = defineCapability({
  name: 'community-days',
  pagePrefixes: ['/community-days', '/staff/community-days'],
  navigation: {
    public: [{ href: '/community-days', text: 'Community days' }],
    staff: [
      {
        href: '/staff/community-days',
        text: 'Community days',
        description: 'Log visits and the actions arising, see coverage of each council area on a map against the target, and the dashboard for the Police and Crime Panel.',
      },
    ],
  },
  home: {
    heading: 'Where the Commissioner has been',
    intro: 'The Commissioner spends community days in towns, villages and neighbourhoods across Leicester, Leicestershire and Rutland, meeting residents, councillors, community groups and businesses.',
    points: ['see where he has visited on a map', 'read what was raised and what happened next'],
    href: '/community-days',
    linkText: 'See community days',
  },
  retention: [notesRetention],
  keyPrefixes: visitKeys,
  demoData: true,
});
