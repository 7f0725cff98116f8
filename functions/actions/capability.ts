/**
 * The action log: one list of the actions arising from every capability's work (community-day visits,
 * surgeries, public meetings) or from none, tracked by staff to completion. The actions themselves and
 * their store are core's (core/actions/), so any capability records them in its own transactions;
 * this capability is the staff pages and API that read and change them.
 */
import { defineCapability } from '../core/capability.js';

export const actions = defineCapability({
  name: 'actions',
  pagePrefixes: ['/staff/actions'],
  navigation: {
    staff: [
      {
        href: '/staff/actions',
        text: 'Actions',
        description: 'Every action arising from community days, surgeries and meetings: who owns it, when it is due, its status and history, with figures and a spreadsheet.',
      },
    ],
  },
});
