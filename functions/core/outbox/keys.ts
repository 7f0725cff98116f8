/**
 * Where the outbox's items are, by capability. An outbox id begins with its capability
 * (`meetings#<ulid>`), so its key (`OUTBOX#meetings#<ulid>`) says whose it is: each capability's
 * delivery takes only its own items from the keys-only stream, and reads its own partition of the
 * pending-email index. No other imports, so the stream's filter can be read without the outbox's code
 * (the CDK app, the local poller).
 */
import { platformKeys } from '../platform-keys.js';

/** How every outbox id of this capability begins. */
export const outboxIdPrefix = (capability: string) => `${capability}#`;

/** How the key of every outbox item of this capability begins (what its delivery's stream filter matches). */
export const outboxKeyPrefix = (capability: string) => `${platformKeys.outbox}${outboxIdPrefix(capability)}`;

/** The capability's partition of the pending-email index (gsi1). */
export const pendingEmailsOf = (capability: string) => `${platformKeys.pendingEmails}#${capability}`;
