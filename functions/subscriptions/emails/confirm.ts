/** "Confirm you want email updates": the only email sent before the link in it is used. */
import { councilAreaName } from '../../core/council-areas.js';
import { layout, para, personalLink, type Rendered } from '../../core/outbox/email-layout.js';
import { CONFIRM_DAYS } from '../retention.js';
import { EVERYWHERE, type Subscriber } from '../store/subscribers.js';

export function confirmEmail(subscriber: Subscriber, confirmUrl: string): Rendered {
  const area = subscriber.requestedArea;
  const where = !area || area === EVERYWHERE ? 'anywhere in our area' : `in ${councilAreaName(area)}`;
  return layout('Confirm you want email updates', 'there', [
    para(`Someone, we hope you, asked us to email this address when we publish a new public meeting or consultation ${where}.`),
    personalLink(confirmUrl, {
      lead: 'To start getting these emails, confirm your address:',
      linkText: 'Confirm my email updates',
      warning: `The link works once, for ${CONFIRM_DAYS} days. If you did not ask for this, ignore this email: we will not email you again, and we delete the request after a month.`,
    }),
  ]);
}
