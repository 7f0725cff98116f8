/** Community days: staff log the Commissioner's visits and the actions arising; everyone sees where he has been. */
import { defineCapability } from '../core/capability.js';
import { communityDaysDiary } from './diary.js';
import { textSetting, urlSetting, wholeNumberSetting } from '../core/settings.js';
import { visitFigures } from './figure-declarations.js';
import { communityDaysPersonalData } from './personal-data.js';
import { notesRetention } from './retention.js';
import { visitKeys } from './store/keys.js';

export const communityDays = defineCapability({
  name: 'community-days',
  raisesActions: true,
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
  personalData: communityDaysPersonalData,
  keyPrefixes: visitKeys,
  diary: communityDaysDiary,
  demoData: true,
  figures: visitFigures,
  settings: [
    wholeNumberSetting({ name: 'targetPerYear', env: 'COMMUNITY_DAYS_TARGET_PER_YEAR', default: 2, min: 0, max: 99, meaning: 'Community days each council area should have a year: the map and dashboard measure coverage against it' }),
    urlSetting({
      name: 'tileUrl',
      env: 'MAP_TILE_URL',
      pattern: { regex: '^https://[^\\s]+\\{z\\}[^\\s]*$', says: 'an https tile URL template with {z}, {x} and {y}' },
      requires: 'MAP_TILE_ATTRIBUTION',
      meaning: 'A background tile layer for the maps, e.g. https://tiles.example.org/{z}/{x}/{y}.png; unset, the maps draw the boundaries only and need no tile server',
    }),
    textSetting({ name: 'tileAttribution', env: 'MAP_TILE_ATTRIBUTION', maxLength: 300, meaning: 'What the tile provider asks to be shown on the map (required with MAP_TILE_URL)' }),
  ],
});
