/**
 * An action's due date as every page shows it ("3 December 2026", with an "Overdue" tag when it has
 * passed), whether on the action log or on the page of the visit or surgery it came from.
 */
import { formatDay } from '../time.js';
import { Tag } from '../ui/components.js';
import { isOverdue, type Action } from './model.js';

export function DueText({ action, today, none = 'No due date' }: { action: Action; today: string; none?: string }) {
  if (!action.dueOn) return <>{none}</>;
  return (
    <>
      {formatDay(action.dueOn)} {isOverdue(action, today) ? <Tag colour="red">Overdue</Tag> : null}
    </>
  );
}
