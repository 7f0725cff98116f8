/**
 * The mark on a staff page beside a person whose email has stopped (outbox/suppression.ts): their
 * address bounced, or they reported our email as spam. Nothing more is emailed to them, so staff
 * phone them instead.
 *
 *   <EmailStopped suppression={stopped.get(registration.email)} />
 */
import type { Suppression } from '../outbox/suppression.js';
import { Tag } from './components.js';

export const emailStoppedWords = (suppression: Pick<Suppression, 'reason'>) =>
  suppression.reason === 'complaint' ? 'Reported our email as spam: phone them' : 'Emails to this address bounce: phone them';

export function EmailStopped({ suppression }: { suppression: Suppression | undefined }) {
  return suppression ? <Tag colour="red">{emailStoppedWords(suppression)}</Tag> : null;
}
