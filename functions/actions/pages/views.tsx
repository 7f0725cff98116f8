/**
 * The action log's pages: the list with its filters, one action with its history and the status form,
 * a new action, and the figures. Every page works without JavaScript; filters are plain GET forms.
 */
import type { Child } from 'hono/jsx';
import { DueText } from '../../core/actions/due-text.js';
import { ActionFields, ActionStatusForm } from '../../core/actions/form.js';
import { statusLabel, type ActionFigures, type ActionFilter } from '../../core/actions/log.js';
import { actionOwners, actionStatuses, ownerLabel, type Action, type ActionStatus } from '../../core/actions/model.js';
import { councilAreaName, councilAreas } from '../../core/council-areas.js';
import { themeLabel, themes } from '../../core/themes.js';
import { formatLondon } from '../../core/time.js';
import { Button, Checkbox, ErrorSummary, NotificationBanner, Select, SummaryList, Table, Tag, type Errors } from '../../core/ui/components.js';
import { DateInput } from '../../core/ui/date-input.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { actionSources } from '../sources.js';

const STATUS_COLOUR: Record<ActionStatus, 'blue' | 'yellow' | 'green' | 'grey'> = { open: 'blue', 'in-progress': 'yellow', done: 'green', 'closed-no-action': 'grey' };

export const StatusTag = ({ status }: { status: ActionStatus }) => <Tag colour={STATUS_COLOUR[status]}>{statusLabel(status)}</Tag>;

export { DueText };

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

const query = (values: Record<string, string>) => {
  const q = new URLSearchParams(values).toString();
  return q ? `?${q}` : '';
};

export function ActionListPage(props: { actions: Action[]; filter: ActionFilter; query: Record<string, string>; today: string; errors?: Errors }) {
  const { actions, filter, today, errors = {} } = props;
  return (
    <StaffPage title="Actions" current="/staff/actions" wide hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Actions</h1>
      <p class="govuk-body">Every action arising from community days, surgeries and meetings, or raised on its own, until it is done.</p>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/actions/new">
          Add an action
        </a>
        <a class="govuk-link" href="/staff/actions/figures">
          Figures
        </a>
        <a class="govuk-link" href={`/staff/actions/export.csv${query(props.query)}`}>
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

export function ActionPage(props: { action: Action; today: string; banner?: string; conflict?: string; values?: FormValues; errors?: Errors; status?: number }) {
  const { action, today, banner, conflict, values, errors = {} } = props;
  return (
    <StaffPage title={`Action: ${action.what.slice(0, 60)}`} current="/staff/actions" back="/staff/actions" banner={banner} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      {conflict ? (
        <NotificationBanner title="Your change was not saved">
          <p class="govuk-notification-banner__heading">{conflict}</p>
          <p class="govuk-body">This page now shows the action as it is. Your note is still in the form below.</p>
        </NotificationBanner>
      ) : null}
      <span class="govuk-caption-l">Action</span>
      <h1 class="govuk-heading-l govuk-!-text-break-word">{action.what}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <StatusTag status={action.status} /> },
          { key: 'Owner', value: ownerLabel(action.owner) },
          { key: 'Due', value: <DueText action={action} today={today} /> },
          { key: 'Theme', value: action.theme ? themeLabel(action.theme) : 'None' },
          { key: 'Council area', value: action.areaCode ? councilAreaName(action.areaCode) : 'None' },
          { key: 'Source', value: <SourceText action={action} /> },
          { key: 'Opened', value: `${formatLondon(action.createdAt)} by ${action.createdBy}` },
        ]}
      />
      <h2 class="govuk-heading-m">History</h2>
      <Table
        caption="Every change, oldest first"
        head={['When', 'Who', 'What', 'Note']}
        rows={action.history.map((h) => [formatLondon(h.at), h.by, h.summary, h.note ?? ''])}
      />
      <h2 class="govuk-heading-m">Update</h2>
      <ActionStatusForm action={action} path={`/staff/actions/${action.id}/status`} values={values} errors={errors} />
    </StaffPage>
  );
}

export function NewActionPage({ values, errors = {} }: { values: FormValues; errors?: Errors }) {
  return (
    <StaffPage title="Add an action" current="/staff/actions" back="/staff/actions" hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Add an action</h1>
      <p class="govuk-body">For an action that does not arise from a visit, surgery or meeting. Actions from those are added on their pages.</p>
      <form method="post" action="/staff/actions/new" novalidate>
        <ActionFields values={values} errors={errors} />
        <Button>Add the action</Button>
      </form>
    </StaffPage>
  );
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function FiguresPage(props: { figures?: ActionFigures; values: FormValues; errors?: Errors; label?: string; filterNote?: Child }) {
  const { figures, values, errors = {}, label } = props;
  return (
    <StaffPage title="Action figures" current="/staff/actions" back="/staff/actions" wide hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Action figures</h1>
      <form method="get" action="/staff/actions/figures" novalidate>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <DateInput name="from" legend="From" hint="The month of this day is the first shown. Leave blank for 12 months to today." values={values} error={errors['from']} />
          </div>
          <div class="govuk-grid-column-one-half">
            <DateInput name="to" legend="To" values={values} error={errors['to']} />
          </div>
        </div>
        <Button secondary>Show figures</Button>
      </form>
      {figures ? (
        <>
          <h2 class="govuk-heading-m">Now</h2>
          <SummaryList
            rows={[
              { key: 'Open or in progress', value: String(figures.openNow) },
              { key: 'Overdue', value: String(figures.overdueNow) },
            ]}
          />
          <h2 class="govuk-heading-m">{label}</h2>
          <SummaryList
            rows={[
              { key: 'Median days to close', value: figures.medianDaysToClose === undefined ? 'None closed' : String(figures.medianDaysToClose) },
              {
                key: 'Closed on time',
                value:
                  figures.onTimeShare === undefined
                    ? 'None closed with a due date'
                    : `${percent(figures.onTimeShare)} (${figures.closedOnTime} of ${figures.closedWithDueDate} with a due date)`,
              },
            ]}
          />
          <Table
            caption="Opened and closed each month"
            head={['Month', 'Opened', 'Closed']}
            rows={figures.months.map((m) => [new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m.month}-15T12:00:00Z`)), String(m.opened), String(m.closed)])}
          />
          <p class="govuk-body">
            <a class="govuk-link" href={`/staff/actions/figures.csv${query(Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))))}`}>
              Download these figures (CSV)
            </a>
          </p>
        </>
      ) : null}
    </StaffPage>
  );
}
