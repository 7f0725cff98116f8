/** The partition-key prefixes subscriptions write (see core/store/table-design.md). */
import { keyPrefixes } from '../../core/store/keys.js';

export const subscriptionKeys = keyPrefixes('subscriptions', {
  /** `SUBSCRIBER#<hmac(address)>` / `SUBSCRIBER`: one subscription per address. */
  subscriber: 'SUBSCRIBER#',
  /** gsi1 `SUBSCRIBERS` / `<area code or all>#<id>`: confirmed subscriptions only (sparse). */
  confirmed: 'SUBSCRIBERS',
});
