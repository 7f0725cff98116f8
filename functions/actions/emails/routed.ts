/** "An action for <body>": what it is, where it came from and when it is due, to the owner's contact. */
import { ownerLabel, type Action } from '../../core/actions/model.js';
import { councilAreaName } from '../../core/council-areas.js';
import { facts, layout, para, type Rendered } from '../../core/outbox/email-layout.js';
import { themeLabel } from '../../core/themes.js';
import { formatDay } from '../../core/time.js';
import type { OwnerContact } from '../contacts.js';

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

export function routedEmail(action: Action, contact: OwnerContact): Rendered {
  const rows: Array<readonly [string, string]> = [
    ['Action', action.what],
    ['Owner', ownerLabel(action.owner)],
    ['Came from', action.source ? action.source.label : 'Raised by the office'],
    ['Due', action.dueOn ? formatDay(action.dueOn) : 'No due date set'],
    ...(action.theme ? [['Theme', themeLabel(action.theme)] as const] : []),
    ...(action.areaCode ? [['Council area', councilAreaName(action.areaCode)] as const] : []),
  ];
  return layout(`Action for ${contact.bodyName}: ${short(action.what)}`, contact.contactName, [
    para(`We have passed an action to ${contact.bodyName}. We record who owns each action arising from our work with residents, and report how each is answered.`),
    facts(rows),
    para('Please reply to tell us what is being done, or if this action should go to someone else.'),
  ]);
}
