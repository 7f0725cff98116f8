/**
 * The contacts at the bodies that own actions (everything under /staff needs the staff role, the
 * lowest that manages actions). Each change is against the version the person saw: a stale one is
 * refused (409) and they are shown the contact as it is now.
 *
 *   GET/POST  /staff/actions/contacts               every contact, and the form to add one
 *   GET/POST  /staff/actions/contacts/{id}          one contact, and the form to change it
 *   POST      /staff/actions/contacts/{id}/remove   remove it
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { actionOwners, ownerNeedsName } from '../../core/actions/model.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { formatLondon } from '../../core/time.js';
import { Button, EmailInput, ErrorSummary, NotificationBanner, Select, SummaryList, Table, TextInput, type Errors } from '../../core/ui/components.js';
import { hasErrors, issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { ContactChangedMeanwhile, addContact, changeContact, contactChangeInput, contactVersionInput, deleteContact, looksLikeContactId, newContactInput, type OwnerContact } from '../contacts.js';
import { everyContact, getContact } from '../store/contacts.js';

const DONE: Record<string, string> = { added: 'Contact added', changed: 'Contact changed', removed: 'Contact removed' };
const kindLabel = (kind: string) => actionOwners.find((o) => o.id === kind)?.label ?? kind;
const named = actionOwners.filter((o) => ownerNeedsName(o.id)).map((o) => o.label.toLowerCase());

function ContactFields({ values, errors }: { values: FormValues; errors: Errors }) {
  return (
    <>
      <TextInput name="bodyName" label="Organisation" hint={`For ${named.slice(0, -1).join(', ')} or ${named.at(-1)}, exactly the name actions give the owner.`} value={values['bodyName']} error={errors['bodyName']} />
      <TextInput name="contactName" label="Contact’s name" value={values['contactName']} error={errors['contactName']} autocomplete="off" />
      <EmailInput label="Contact’s email address" values={values} errors={errors} someoneElses />
    </>
  );
}

export function ContactsPage({ contacts, values = {}, errors = {}, banner, problem }: { contacts: OwnerContact[]; values?: FormValues; errors?: Errors; banner?: string; problem?: string }) {
  return (
    <StaffPage title="Owners’ contacts" current="/staff/actions" back="/staff/actions" banner={banner} hasErrors={hasErrors(errors) || Boolean(problem)} wide>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Owners’ contacts</h1>
      <p class="govuk-body">When an action is raised with an owner, or passed on to one, we email the contact recorded for that owner: what the action is, where it came from and when it is due. With no contact recorded, nobody is emailed.</p>
      {contacts.length ? (
        <Table
          caption="Contacts, by owner"
          head={['Owner', 'Organisation', 'Contact', 'Email address', '']}
          rows={contacts.map((c) => [kindLabel(c.ownerKind), c.bodyName, c.contactName, c.email, <a class="govuk-link" href={`/staff/actions/contacts/${c.id}`}>Change<span class="govuk-visually-hidden"> the contact for {c.bodyName}</span></a>])}
        />
      ) : (
        <p class="govuk-body">No contacts are recorded yet.</p>
      )}
      <h2 class="govuk-heading-m">Add a contact</h2>
      {problem ? <p class="govuk-error-message">{problem}</p> : null}
      <PostForm action="/staff/actions/contacts" values={values}>
        <Select name="ownerKind" label="Owner" value={values['ownerKind'] ?? ''} error={errors['ownerKind']} options={[{ value: '', text: 'Choose an owner' }, ...actionOwners.map((o) => ({ value: o.id, text: o.label }))]} />
        <ContactFields values={values} errors={errors} />
        <Button>Add the contact</Button>
      </PostForm>
    </StaffPage>
  );
}

export function ContactPage({ contact, values, errors = {}, banner, conflict }: { contact: OwnerContact; values?: FormValues; errors?: Errors; banner?: string; conflict?: string }) {
  const shown = values ?? { bodyName: contact.bodyName, contactName: contact.contactName, email: contact.email };
  return (
    <StaffPage title={`Contact for ${contact.bodyName}`} current="/staff/actions" back="/staff/actions/contacts" banner={banner} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      {conflict ? (
        <NotificationBanner title="Your change was not saved">
          <p class="govuk-notification-banner__heading">{conflict}</p>
          <p class="govuk-body">This page now shows the contact as it is.</p>
        </NotificationBanner>
      ) : null}
      <span class="govuk-caption-l">{kindLabel(contact.ownerKind)}</span>
      <h1 class="govuk-heading-l govuk-!-text-break-word">{contact.bodyName}</h1>
      <SummaryList rows={[{ key: 'Contact', value: contact.contactName }, { key: 'Email address', value: contact.email }, { key: 'Last changed', value: `${formatLondon(contact.updatedAt)} by ${contact.updatedBy}` }]} />
      <h2 class="govuk-heading-m">Change the contact</h2>
      <PostForm action={`/staff/actions/contacts/${contact.id}`} values={shown}>
        <input type="hidden" name="version" value={String(contact.version)} />
        <ContactFields values={shown} errors={errors} />
        <Button>Save the contact</Button>
      </PostForm>
      <h2 class="govuk-heading-m">Remove the contact</h2>
      <p class="govuk-body">Actions for {contact.bodyName} will then email nobody.</p>
      <PostForm action={`/staff/actions/contacts/${contact.id}/remove`}>
        <input type="hidden" name="version" value={String(contact.version)} />
        <Button warning>Remove the contact</Button>
      </PostForm>
    </StaffPage>
  );
}

async function findContact(c: Context) {
  const id = c.req.param('id') ?? '';
  return looksLikeContactId(id) ? getContact(id, { consistent: true }) : undefined;
}

const read = <T,>(schema: z.ZodMiniType<T>, values: Record<string, unknown>) => {
  const parsed = z.safeParse(schema, values);
  return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
};

/** Shown the contact as it is now, when someone else changed or removed it first. */
async function conflictPage(c: Context, refusal: ContactChangedMeanwhile) {
  if (!refusal.current) return c.html(<ContactsPage contacts={await everyContact()} problem={refusal.message} />, 409);
  return c.html(<ContactPage contact={refusal.current} conflict={refusal.message} />, 409);
}

export function contactPages(app: Hono<AppEnv>): void {
  app.get('/staff/actions/contacts', async (c) => c.html(<ContactsPage contacts={await everyContact()} banner={DONE[c.req.query('done') ?? '']} />));

  formRoute(app, '/staff/actions/contacts', {
    read: ({ values }) => read(newContactInput, { ownerKind: values['ownerKind'] ?? '', bodyName: values['bodyName'] ?? '', contactName: values['contactName'] ?? '', email: values['email'] ?? '' }),
    act: (input, _, by) => addContact(input, { by: by.name }),
    done: () => '/staff/actions/contacts?done=added',
    again: async ({ values, errors, problem }) => <ContactsPage contacts={await everyContact()} values={values} errors={errors} problem={typeof problem === 'string' ? problem : undefined} />,
  });

  app.get('/staff/actions/contacts/:id', async (c) => {
    const contact = await findContact(c);
    if (!contact) return handleNotFound(c);
    return c.html(<ContactPage contact={contact} banner={DONE[c.req.query('done') ?? '']} />);
  });

  formRoute(app, '/staff/actions/contacts/:id', {
    load: findContact,
    read: ({ values }) => read(contactChangeInput, { version: Number(values['version']), bodyName: values['bodyName'] ?? '', contactName: values['contactName'] ?? '', email: values['email'] ?? '' }),
    act: (change, contact, by) => changeContact(contact, change, { by: by.name }),
    done: (contact) => `/staff/actions/contacts/${contact.id}?done=changed`,
    again: ({ context: contact, values, errors, refusal }, c) =>
      refusal instanceof ContactChangedMeanwhile ? conflictPage(c, refusal) : <ContactPage contact={contact} values={values} errors={errors} />,
  });

  formRoute(app, '/staff/actions/contacts/:id/remove', {
    load: findContact,
    read: ({ values }) => read(contactVersionInput, { version: Number(values['version']) }),
    act: (input, contact) => deleteContact(contact.id, input.version),
    done: () => '/staff/actions/contacts?done=removed',
    again: ({ context: contact, errors, refusal }, c) => (refusal instanceof ContactChangedMeanwhile ? conflictPage(c, refusal) : <ContactPage contact={contact} errors={errors} />),
  });
}
