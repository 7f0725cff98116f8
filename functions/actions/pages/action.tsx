/**
 * One action: what it is, where it came from, its history, and the form that changes its status
 * against the version the person is looking at. Someone else's change meanwhile is shown above it.
 */
import { DueText } from '../../core/actions/due-text.js';
import { actionStatuses, ownerLabel, type Action } from '../../core/actions/model.js';
import { councilAreaName } from '../../core/council-areas.js';
import { themeLabel } from '../../core/themes.js';
import { formatLondon } from '../../core/time.js';
import { Button, ErrorSummary, NotificationBanner, Radios, SummaryList, Table, Textarea, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { OwnerContact } from '../contacts.js';
import { SourceText, StatusTag } from './list.js';
import { ActionOwnerForm } from './owner-form.js';
import { ActionPublicForm } from './public-form.js';

/** The status change form: the statuses, a note, and the version the person is looking at. */
export function ActionStatusForm({ action, path, values = {}, errors = {} }: { action: Action; path: string; values?: FormValues; errors?: Errors }) {
  return (
    <PostForm action={path} values={values}>
      <input type="hidden" name="version" value={String(action.version)} />
      <Radios
        name="status"
        legend="Change the status"
        value={values['status'] ?? action.status}
        error={errors['status']}
        options={actionStatuses.map((s) => ({ value: s.id, text: s.label }))}
      />
      <Textarea name="note" label="Note (optional)" hint="What happened, or why the status changed. Everyone who reads the action log sees it." rows={3} value={values['note']} error={errors['note']} />
      <Button>Save the change</Button>
    </PostForm>
  );
}

/** Who is emailed when the action is routed: the owner's contact, or that there is none. */
function OwnerContactText({ action, contact }: { action: Action; contact: OwnerContact | null }) {
  if (!contact) {
    return (
      <>
        No contact recorded for {ownerLabel(action.owner)}, so nobody is emailed. <a class="govuk-link" href="/staff/actions/contacts">Add a contact</a>
      </>
    );
  }
  return (
    <>
      {contact.contactName}, {contact.bodyName} ({contact.email}): emailed when the action is passed to them
    </>
  );
}

export function ActionPage(props: { action: Action; today: string; contact?: OwnerContact | null; banner?: string; conflict?: string; values?: FormValues; errors?: Errors; ownerValues?: FormValues; ownerErrors?: Errors; publicValues?: FormValues; publicErrors?: Errors }) {
  const { action, today, banner, conflict, values, errors = {}, ownerErrors = {}, publicErrors = {} } = props;
  return (
    <StaffPage title={`Action: ${action.what.slice(0, 60)}`} current="/staff/actions" back="/staff/actions" banner={banner} hasErrors={hasErrors(errors) || hasErrors(ownerErrors) || hasErrors(publicErrors)}>
      <ErrorSummary errors={{ ...errors, ...ownerErrors, ...publicErrors }} />
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
          ...(props.contact !== undefined ? [{ key: 'Owner’s contact', value: <OwnerContactText action={action} contact={props.contact} /> }] : []),
          { key: 'Due', value: <DueText action={action} today={today} /> },
          { key: 'Theme', value: action.theme ? themeLabel(action.theme) : 'None' },
          { key: 'Council area', value: action.areaCode ? councilAreaName(action.areaCode) : 'None' },
          { key: 'Source', value: <SourceText action={action} /> },
          { key: 'Opened', value: `${formatLondon(action.createdAt)} by ${action.createdBy}` },
        ]}
      />
      <h2 class="govuk-heading-m">History</h2>
      <Table caption="Every change, oldest first" head={['When', 'Who', 'What', 'Note']} rows={action.history.map((h) => [formatLondon(h.at), h.by, h.summary, h.note ?? ''])} />
      <h2 class="govuk-heading-m">Update</h2>
      <ActionStatusForm action={action} path={`/staff/actions/${action.id}/status`} values={values} errors={errors} />
      <h2 class="govuk-heading-m">Pass it on or give it more time</h2>
      <ActionOwnerForm action={action} path={`/staff/actions/${action.id}/owner`} values={props.ownerValues} errors={ownerErrors} />
      <h2 class="govuk-heading-m">What happened next</h2>
      <ActionPublicForm action={action} values={props.publicValues} errors={publicErrors} />
    </StaffPage>
  );
}
