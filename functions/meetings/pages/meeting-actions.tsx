/**
 * The actions a meeting raised, as its staff page and its questions page list them: what, where it
 * came from (a question, by its reference, or the meeting itself), its status, owner and due date, each
 * linking to the action on the action log where it is followed up.
 */
import { DueText } from '../../core/actions/due-text.js';
import { ownerLabel, statusLabel, type Action } from '../../core/actions/model.js';
import { Table } from '../../core/ui/components.js';

/** A question sent in advance (linking to it), or the meeting itself. */
const From = ({ action }: { action: Action }) =>
  action.source?.kind === 'question' && action.source.href ? (
    <a class="govuk-link" href={action.source.href}>
      A question sent in advance
    </a>
  ) : (
    <>Raised at the meeting</>
  );

export function MeetingActions({ actions, today, caption = 'Actions raised from this meeting', from = true }: { actions: Action[]; today: string; caption?: string; from?: boolean }) {
  if (!actions.length) return <p class="govuk-body">No actions yet.</p>;
  return (
    <Table
      caption={caption}
      head={['What', ...(from ? ['From'] : []), 'Status', 'Owner', 'Due']}
      rows={actions.map((a) => [
        <a class="govuk-link govuk-!-text-break-word" href={`/staff/actions/${a.id}`}>
          {a.what}
        </a>,
        ...(from ? [<From action={a} />] : []),
        statusLabel(a.status),
        ownerLabel(a.owner),
        <DueText action={a} today={today} none="None" />,
      ])}
    />
  );
}
