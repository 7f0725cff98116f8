/**
 * The actions raised from a consultation (what was decided after it), as its staff page lists them,
 * and the page that raises one: core's action fields, written through core's action contract.
 */
import type { Child } from 'hono/jsx';
import { DueText } from '../../core/actions/due-text.js';
import { ActionFields } from '../../core/actions/form.js';
import { actionStatuses, ownerLabel, type Action } from '../../core/actions/model.js';
import { Button, ErrorSummary, Table, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';
import { StaffPage } from '../../core/ui/pages.js';
import { londonDay } from '../../core/time.js';
import type { Consultation } from '../model.js';
import { base, STAFF } from './paths.js';

const statusText = (status: string) => actionStatuses.find((s) => s.id === status)?.label ?? status;

/** The consultation's actions, oldest first, each linking to the action log, and the way to raise another. */
export function ConsultationActions({ consultation: c, actions, now }: { consultation: Consultation; actions: Action[]; now: Date }) {
  return (
    <>
      <h2 class="govuk-heading-m">Actions from this consultation</h2>
      {actions.length ? (
        <Table
          caption="Actions raised from what was decided"
          head={['What', 'Status', 'Owner', 'Due']}
          rows={actions.map((a) => [
            <a class="govuk-link govuk-!-text-break-word" href={`/staff/actions/${a.id}`}>
              {a.what}
            </a>,
            statusText(a.status),
            ownerLabel(a.owner),
            <DueText action={a} today={londonDay(now)} none="None" />,
          ])}
        />
      ) : (
        <p class="govuk-body">No actions yet.</p>
      )}
      <a class="govuk-button govuk-button--secondary" href={`${base(c)}/actions/new`} role="button" draggable="false" data-module="govuk-button">
        Raise an action
      </a>
    </>
  );
}

export function RaiseActionPage({ consultation: c, values, errors = {}, problem }: { consultation: Consultation; values: FormValues; errors?: Errors; problem?: Child }) {
  return (
    <StaffPage title={`Raise an action: ${c.title}`} current={STAFF} back={base(c)} hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">Raise an action</h1>
      {problem ? <div class="govuk-inset-text">{problem}</div> : null}
      <p class="govuk-body">Something to follow up from what was decided after this consultation. It goes on the action log, with this consultation as its source.</p>
      <PostForm action={`${base(c)}/actions/new`} values={values}>
        <ActionFields values={values} errors={errors} />
        <Button>Raise the action</Button>
      </PostForm>
    </StaffPage>
  );
}
