/**
 * Where the action log keeps its own items (the actions themselves are core's: core/actions/store.ts).
 * No other imports, so the manifest can name its prefixes without the store's code.
 *
 *   ACTCONTACTS / CONTACT#<id>     a contact at a body that owns actions
 */
import { keyPrefixes } from '../../core/store/keys.js';

/** The capability's name, as its keys and index entries are filed under. */
export const CAPABILITY = 'actions';

export const actionLogKeys = keyPrefixes(CAPABILITY, { contacts: 'ACTCONTACTS' });
