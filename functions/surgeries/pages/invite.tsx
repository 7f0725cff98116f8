/** Inviting councils to a session: every council of its district not already booked in its programme, or the ones chosen. */
import { councilAreaName } from '../../core/council-areas.js';
import { formatLondon } from '../../core/time.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { Button, ErrorSummary, Radios, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { Council, Session } from '../model.js';
import { sessionWhen } from './parts.js';
import { CURRENT, link } from './staff-parts.js';

export function InvitePage({ session, councils, values = {}, chosen = [], errors = {}, problem }: { session: Session; councils: Council[]; values?: FormValues; chosen?: readonly string[]; errors?: Errors; problem?: string }) {
  const withEmail = councils.filter((c) => c.clerkEmail);
  return (
    <StaffPage title="Invite councils" current={CURRENT} back={`/staff/surgeries/sessions/${session.id}`} hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={problem ? { scope: problem, ...errors } : errors} />
      <span class="govuk-caption-l">{session.venueName}, {sessionWhen(session)}</span>
      <h1 class="govuk-heading-l">Invite councils</h1>
      <p class="govuk-body">
        Each council with a clerk’s email address gets an email with its own booking link. {withEmail.length} of the {councils.length} councils in {councilAreaName(session.districtCode)} have one. Emails go out as fast as our email account allows.
      </p>
      <PostForm action={`/staff/surgeries/sessions/${session.id}/invite`} values={values}>
        <Radios
          name="scope"
          legend="Who to invite"
          value={values['scope']}
          error={errors['scope']}
          options={[
            { value: 'district', text: `Every council in ${councilAreaName(session.districtCode)} without an upcoming surgery booked` },
            { value: 'chosen', text: 'The councils I choose below' },
          ]}
        />
        <Checkboxes name="councilIds" legend="Councils" size="s" small error={errors['councilIds']} items={withEmail.map((c) => ({ value: c.id, text: c.name, ...(c.lastInvitedAt ? { hint: `Last invited ${formatLondon(c.lastInvitedAt)}` } : {}) }))} checked={chosen} />
        <Button>Send invitations</Button>
      </PostForm>
      {councils.length > withEmail.length ? (
        <>
          <h2 class="govuk-heading-m">Councils without a clerk’s email address</h2>
          <ul class="govuk-list govuk-list--bullet">
            {councils.filter((c) => !c.clerkEmail).map((c) => (
              <li>{link(`/staff/surgeries/councils/${c.id}`, c.name, '(add an email address)')}</li>
            ))}
          </ul>
        </>
      ) : null}
    </StaffPage>
  );
}
