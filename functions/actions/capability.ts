/**
 * The action log: one list of the actions arising from every capability's work (each capability whose
 * manifest declares `raisesActions`) or from none, tracked by staff to completion. The action item is
 * core's contract (core/actions/), so a capability raises actions in its own transactions; this
 * capability is the log's behaviour: listing, filters, figures, status changes, its pages and API.
 */
import { defineCapability } from '../core/capability.js';
import { actionFigures } from './figure-declarations.js';
import { actionsPersonalData } from './personal-data.js';
import { ownerContactRetention } from './retention.js';
import { actionLogKeys } from './store/keys.js';

export const actions = defineCapability({
  name: 'actions',
  pagePrefixes: ['/staff/actions'],
  // Moves the other capabilities' demo actions on (seed.ts), so it comes after them in functions/capabilities.ts.
  demoData: true,
  figures: actionFigures,
  // Routing an action emails its owner's contact (core/actions/routing.ts, emails/).
  emails: true,
  keyPrefixes: actionLogKeys,
  personalData: actionsPersonalData,
  retention: [ownerContactRetention],
  navigation: {
    staff: [
      {
        href: '/staff/actions',
        text: 'Actions',
        description: 'Every action arising from the office’s work, or raised on its own: who owns it, when it is due, its status and history, with figures and a spreadsheet.',
      },
    ],
  },
});
