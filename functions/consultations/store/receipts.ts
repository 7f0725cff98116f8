/**
 * An emailed receipt's address, kept apart from the answers and only until the email is settled
 * (sent, or given up): the outbox's email kind deletes it then (`forget`), and it expires within
 * days whatever happens. The response holds no address.
 */
import { personIndex } from '../../core/people/index.js';
import { getItem } from '../../core/store/reads.js';
import type { NamedWrite } from '../../core/store/transactions.js';
import { conditionalDelete, put, remove } from '../../core/store/writes.js';
import { receiptKey } from './keys.js';

export interface Receipt {
  responseId: string;
  consultationId: string;
  shard: number;
  email: string;
}

export const receiptWrite = (receipt: Receipt, expiresAt: number): NamedWrite => ({
  name: 'receipt',
  write: put(
    { ...receiptKey(receipt.responseId), type: 'consultation-receipt', ...receipt, expiresAt, ...personIndex(receipt.email, 'consultations', 'receipt', receipt.responseId) },
    { condition: 'attribute_not_exists(pk)' },
  ),
});

export async function getReceipt(responseId: string, now: Date = new Date()): Promise<Receipt | undefined> {
  const item = await getItem(receiptKey(responseId), { consistent: true });
  if (!item || Number(item['expiresAt']?.N ?? Infinity) * 1000 <= now.getTime()) return undefined;
  return { responseId: item['responseId']!.S!, consultationId: item['consultationId']!.S!, shard: Number(item['shard']!.N), email: item['email']!.S! };
}

export async function deleteReceipt(responseId: string): Promise<void> {
  await conditionalDelete(remove(receiptKey(responseId)));
}
