/**
 * Duplicate marks: one item per browser token (hashed) per consultation, and one per hashed network
 * address per consultation per day. A response records whether it was the first for its mark; later
 * ones are flagged as possible duplicates, never refused. A mark holds no address and no token: only
 * a keyed hash, and a count. Single updates, so a burst from one address does not make a hot item
 * inside the response transactions.
 */
import { conditionalUpdate, update } from '../../core/store/writes.js';
import { markKey } from './keys.js';

/**
 * Counts a response against a mark; true when it is the first (or the same submission again, whose
 * first try may have failed after marking).
 */
export async function firstForMark(consultationId: string, kind: 'browser' | 'address', hash: string, submission: string, expiresAt: number): Promise<boolean> {
  const outcome = await conditionalUpdate(
    update(markKey(consultationId, kind, hash), 'SET submission = if_not_exists(submission, :submission), expiresAt = :exp, #type = :type ADD seen :one', {
      names: { '#type': 'type' },
      values: { ':submission': submission, ':exp': expiresAt, ':one': 1, ':type': 'consultation-mark' },
    }),
  );
  return outcome.ok && outcome.item?.['submission']?.S === submission;
}
