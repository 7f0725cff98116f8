/**
 * The pages of finding a person (pages/people.tsx): the search, what was found in each service, the
 * subject access export as a page, and the admin's correction and erasure. Read-only steps post plain
 * forms (an address never travels in a URL, and a search is no change to guard against repeating);
 * the changes post core's PostForm.
 */
import type { Child } from 'hono/jsx';
import type { SubjectAccessExport } from '../../core/people/export.js';
import { formatLondon, formatLondonDate } from '../../core/time.js';
import { Button, ErrorSummary, ProblemBanner, SummaryList, TextInput, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';

const TITLE = 'Find a person’s data';
const deletion = (deletedBy: string | undefined) => (deletedBy ? `Deleted by ${formatLondonDate(deletedBy)}` : 'Kept until it is replaced or removed');

/** The address (and name) carried to the next step, hidden. */
function Carried({ email, name }: { email: string; name?: string | undefined }) {
  return (
    <>
      <input type="hidden" name="email" value={email} />
      {name ? <input type="hidden" name="name" value={name} /> : null}
    </>
  );
}

/** A read-only step (export, the forms of a change): a plain post, no submission key. */
function Step({ action, email, name, children }: { action: string; email: string; name?: string | undefined; children: Child }) {
  return (
    <form method="post" action={action} novalidate>
      <Carried email={email} name={name} />
      {children}
    </form>
  );
}

export function PersonSearchPage({ values = {}, errors = {}, banner }: { values?: FormValues; errors?: Errors; banner?: string }) {
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <StaffPage title={`${hasErrors ? 'Error: ' : ''}${TITLE}`} current="/staff" back="/staff" banner={banner} hasErrors={hasErrors}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">{TITLE}</h1>
      <p class="govuk-body">
        Find every record that holds a person’s email address, in every service, to answer a subject access request or a
        request to correct or erase their data. Each search is written in the access record.
      </p>
      <form method="post" action="/staff/people" novalidate>
        <TextInput name="email" label="Email address" type="email" autocomplete="off" spellcheck={false} value={values['email']} error={errors['email']} />
        <TextInput
          name="name"
          label="Name (optional)"
          hint="Narrows the results to records in this name, and finds it where notes give it"
          autocomplete="off"
          value={values['name']}
          error={errors['name']}
        />
        <Button>Search</Button>
      </form>
    </StaffPage>
  );
}

export function PersonFoundPage({ found, admin }: { found: SubjectAccessExport; admin: boolean }) {
  const { email, name } = found.person;
  const services = [...new Set(found.records.map((r) => r.service))];
  return (
    <StaffPage title={`${TITLE}: ${found.records.length} records`} current="/staff" back="/staff/people" wide>
      <span class="govuk-caption-l">{email}</span>
      <h1 class="govuk-heading-xl">{found.records.length === 1 ? '1 record' : `${found.records.length} records`} found</h1>
      {found.records.length === 0 ? <p class="govuk-body">No record holds this email address{name ? ` in the name ${name}` : ''}.</p> : null}
      {services.map((service) => (
        <>
          <h2 class="govuk-heading-l">{service}</h2>
          {found.records
            .filter((r) => r.service === service)
            .map((r) => (
              <div class="govuk-summary-card">
                <div class="govuk-summary-card__title-wrapper">
                  <h3 class="govuk-summary-card__title">{r.what}</h3>
                  {r.staffPage ? (
                    <ul class="govuk-summary-card__actions">
                      <li class="govuk-summary-card__action">
                        <a class="govuk-link" href={r.staffPage}>
                          Open<span class="govuk-visually-hidden"> {r.what}</span>
                        </a>
                      </li>
                    </ul>
                  ) : null}
                </div>
                <div class="govuk-summary-card__content">
                  <SummaryList rows={[...Object.entries(r.data).map(([key, value]) => ({ key, value })), { key: 'Deletion', value: deletion(r.deletedBy) }]} />
                </div>
              </div>
            ))}
        </>
      ))}
      <NotFindable found={found} size="l" />
      <h2 class="govuk-heading-l">Export</h2>
      <p class="govuk-body">For a subject access request: everything above, with what each record is for, where it came from, who it was shared with and when it will be deleted.</p>
      <div class="govuk-button-group">
        <Step action="/staff/people/export" email={email} name={name}>
          <Button>Show the export as a page</Button>
        </Step>
        <Step action="/staff/people/export.json" email={email} name={name}>
          <Button secondary>Download the export (JSON)</Button>
        </Step>
      </div>
      {admin && found.records.length > 0 ? (
        <>
          <h2 class="govuk-heading-l">Correct or erase</h2>
          <div class="govuk-button-group">
            <Step action="/staff/people/correction" email={email} name={name}>
              <Button secondary>Correct their name or address</Button>
            </Step>
            <Step action="/staff/people/erasure" email={email} name={name}>
              <Button warning>Erase their data</Button>
            </Step>
          </div>
        </>
      ) : null}
    </StaffPage>
  );
}

export function SubjectAccessPage({ found }: { found: SubjectAccessExport }) {
  return (
    <StaffPage title="Subject access export" current="/staff" back="/staff/people">
      <span class="govuk-caption-l">{found.person.email}</span>
      <h1 class="govuk-heading-xl">Subject access export</h1>
      <p class="govuk-body">Made {formatLondon(found.madeAt)}. {found.records.length === 1 ? '1 record' : `${found.records.length} records`}.</p>
      {found.records.map((r, i) => (
        <>
          <h2 class="govuk-heading-m">
            {i + 1}. {r.service}: {r.what}
          </h2>
          <SummaryList
            rows={[
              { key: 'What it is for', value: r.purpose },
              { key: 'Where it came from', value: r.source },
              { key: 'Who it was shared with', value: r.sharedWith.length ? r.sharedWith.join('; ') : 'No one outside the office' },
              { key: 'When it will be deleted', value: `${deletion(r.deletedBy)}${r.retention ? ` (${r.retention.charAt(0).toLowerCase()}${r.retention.slice(1)})` : ''}` },
              ...Object.entries(r.data).map(([key, value]) => ({ key, value })),
            ]}
          />
        </>
      ))}
      <NotFindable found={found} size="m" />
    </StaffPage>
  );
}

export function CorrectionPage(props: { values: FormValues; errors?: Errors; problem?: Child; records: number }) {
  const errors = props.errors ?? {};
  const hasErrors = Object.values(errors).some(Boolean) || Boolean(props.problem);
  const email = props.values['email'] ?? '';
  return (
    <StaffPage title={`${hasErrors ? 'Error: ' : ''}Correct a person’s name or address`} current="/staff" back="/staff/people" hasErrors={hasErrors}>
      <ErrorSummary errors={errors} />
      <ProblemBanner title="Not corrected" problem={props.problem} />
      <span class="govuk-caption-l">{email}</span>
      <h1 class="govuk-heading-xl">Correct their name or address</h1>
      <p class="govuk-body">The correction is made in every record found ({props.records}), at once.</p>
      <PostForm action="/staff/people/correct" values={props.values}>
        <Carried email={email} name={props.values['name']} />
        <TextInput name="newEmail" label="Correct email address" type="email" autocomplete="off" spellcheck={false} value={props.values['newEmail']} error={errors['newEmail']} />
        <TextInput name="newName" label="Correct name" hint="Leave empty to keep the names as they are" autocomplete="off" value={props.values['newName']} error={errors['newName']} />
        <Button>Correct every record</Button>
      </PostForm>
    </StaffPage>
  );
}

export function ErasureConfirmPage({ found, problem }: { found: SubjectAccessExport; problem?: Child }) {
  const { email, name } = found.person;
  return (
    <StaffPage title="Are you sure you want to erase this person’s data?" current="/staff" back="/staff/people" hasErrors={Boolean(problem)}>
      <ProblemBanner title="Not erased" problem={problem} />
      <span class="govuk-caption-l">{email}</span>
      <h1 class="govuk-heading-xl">Are you sure you want to erase this person’s data?</h1>
      <p class="govuk-body">This cannot be undone. In each of the {found.records.length} records:</p>
      <ul class="govuk-list govuk-list--bullet">
        <li>registrations and bookings are kept without their name, address and other details, so attendance and counts stay right (to give up a place, cancel it first)</li>
        <li>records that are only about this address are deleted</li>
        <li>their address{name ? ' and name' : ''} are taken out of notes</li>
        <li>emails not yet sent to them are cancelled</li>
      </ul>
      <p class="govuk-body">A record of the erasure is kept: who did it, when, and which kinds of record, without their data.</p>
      <PostForm action="/staff/people/erase">
        <Carried email={email} name={name} />
        <Button warning>Yes, erase their data</Button>
      </PostForm>
    </StaffPage>
  );
}

/** What a search by address cannot find, each service's own words: on the results and in the export. */
function NotFindable({ found, size }: { found: { notFindable: ReadonlyArray<{ service: string; note: string }> }; size: 'l' | 'm' }) {
  return (
    <>
      <h2 class={`govuk-heading-${size}`}>What cannot be found by email address</h2>
      <ul class="govuk-list govuk-list--bullet">
        {found.notFindable.map((n) => (
          <li>
            {n.service}: {n.note}
          </li>
        ))}
      </ul>
    </>
  );
}
