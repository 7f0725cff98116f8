/**
 * The action log: every action, filtered by a plain GET form (status, owner, theme, source, council
 * area, overdue), with links to each, to the figures and to the spreadsheet of what is shown.
 */
import { DueText } from '../../core/actions/due-text.js';
import { actionOwners, actionStatuses, ownerLabel, statusLabel, type Action, type ActionStatus } from '../../core/actions/model.js';
import { councilAreaName, councilAreas } from '../../core/council-areas.js';
import { themes } from '../../core/themes.js';
import { Button, Checkbox, ErrorSummary, Select, Table, Tag, type Errors } from '../../core/ui/components.js';
import { hasErrors } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { ActionFilter } from '../model.js';
import { actionSources, raisedFrom } from '../sources.js';

const STATUS_COLOUR: Record<ActionStatus, 'blue' | 'yellow' | 'green' | 'grey'> = { open: 'blue', 'in-progress': 'yellow', done: 'green', 'closed-no-action': 'grey' };

export const StatusTag = ({ status }: { status: ActionStatus }) => <Tag colour={STATUS_COLOUR[status]}>{statusLabel(status)}</Tag>;

export function SourceText({ action }: { action: Action }) {
  if (!action.source) return <>None</>;
  return action.source.href ? (
    <a class="govuk-link" href={action.source.href}>
      {action.source.label}
    </a>
  ) : (
    <>{action.source.label}</>
  );
}

/** `?a=1&b=2`, or nothing. */
export const queryString = (values: Record<string, string>) => {
  const q = new URLSearchParams(values).toString();
  return q ? `?${q}` : '';
};

export function ActionListPage(props: { actions: Action[]; filter: ActionFilter; query: Record<string, string>; today: string; errors?: Errors }) {
  const { actions, filter, today, errors = {} } = props;
  return (
    <StaffPage title="Actions" current="/staff/actions" wide hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Actions</h1>
      <p class="govuk-body">Every action arising from {raisedFrom()}, or raised on its own, until it is done.</p>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/actions/new">
          Add an action
        </a>
        <a class="govuk-link" href="/staff/actions/figures">
          Figures
        </a>
        <a class="govuk-link" href="/staff/actions/contacts">
          Owners’ contacts
        </a>
        <a class="govuk-link" href={`/staff/actions/export.csv${queryString(props.query)}`}>
          Download these actions (CSV)
        </a>
      </div>
      <form method="get" action="/staff/actions" novalidate>
        <h2 class="govuk-heading-m">Filter</h2>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <Select name="status" label="Status" value={filter.status ?? ''} error={errors['status']} options={[{ value: '', text: 'Any status' }, ...actionStatuses.map((s) => ({ value: s.id, text: s.label }))]} />
            <Select name="owner" label="Owner" value={filter.owner ?? ''} error={errors['owner']} options={[{ value: '', text: 'Any owner' }, ...actionOwners.map((o) => ({ value: o.id, text: o.label }))]} />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select name="theme" label="Theme" value={filter.theme ?? ''} error={errors['theme']} options={[{ value: '', text: 'Any theme' }, ...themes.map((t) => ({ value: t.id, text: t.label }))]} />
            <Select name="source" label="Source" value={filter.source ?? ''} error={errors['source']} options={[{ value: '', text: 'Any source' }, ...actionSources().map((s) => ({ value: s.id, text: s.label }))]} />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select name="area" label="Council area" value={filter.areaCode ?? ''} error={errors['area']} options={[{ value: '', text: 'Any council area' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
            <Checkbox name="overdue" legend="Due date" label="Only overdue actions" checked={filter.overdue} error={errors['overdue']} />
          </div>
        </div>
        <Button secondary>Filter</Button>
      </form>
      <h2 class="govuk-heading-m">{actions.length === 1 ? '1 action' : `${actions.length} actions`}</h2>
      {actions.length ? (
        <Table
          caption="Actions, newest first"
          head={['What', 'Status', 'Owner', 'Due', 'Source', 'Council area']}
          rows={actions.map((a) => [
            <a class="govuk-link" href={`/staff/actions/${a.id}`}>
              {a.what}
            </a>,
            <StatusTag status={a.status} />,
            ownerLabel(a.owner),
            <DueText action={a} today={today} />,
            <SourceText action={a} />,
            a.areaCode ? councilAreaName(a.areaCode) : '',
          ])}
        />
      ) : (
        <p class="govuk-body">No actions match these filters.</p>
      )}
    </StaffPage>
  );
}
