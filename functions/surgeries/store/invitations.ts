/**
 * Who was invited to a session and when: one record per council in the session's partition, written
 * in the same transaction as that council's invitation email (the fan-out's `alsoWrite`), with the
 * council's own "last invited" for coverage.
 */
import type { NamedWrite } from '../../core/store/transactions.js';
import { update } from '../../core/store/writes.js';
import { councilKey, inviteKey } from './keys.js';

export function invitationRecorded(sessionId: string, councilId: string, emailId: string, at: string): NamedWrite[] {
  return [
    {
      name: 'invite',
      write: update(
        inviteKey(sessionId, councilId),
        'SET #type = :type, councilId = :council, firstInvitedAt = if_not_exists(firstInvitedAt, :at), lastInvitedAt = :at, emailId = :email ADD times :one',
        { names: { '#type': 'type' }, values: { ':type': 'surgery-invitation', ':council': councilId, ':at': at, ':email': emailId, ':one': 1 } },
      ),
    },
    { name: 'council', write: update(councilKey(councilId), 'SET lastInvitedAt = :at', { values: { ':at': at }, condition: 'attribute_exists(pk)' }) },
  ];
}
